import { useEffect, useState } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ENTRY_SCHEMAS, type EntrySection } from '../../../../shared/api/record.ts';
import { FORM, schemaErrors, serverErrors, type FieldErrors } from './entry-forms/errors.ts';
import { SECTION_FORMS, type Draft, type FieldsProps } from './entry-forms/index.ts';
import { ChoiceSelect, LongTextField } from './entry-forms/kit.tsx';
import { newEntryId, type AnyEntry } from './sections.ts';
import { SaveForm } from '../../components/SaveForm.tsx';

/** Drops empty strings and undefined (optional fields left blank) before validation. */
function clean(d: Draft): Draft {
  const out: Draft = {};
  for (const [k, v] of Object.entries(d)) {
    if (v === '' || v === undefined || v === null) continue;
    out[k] = v;
  }
  return out;
}

function initial(section: EntrySection): Draft {
  return { id: newEntryId(section), source: 'doctor', ...SECTION_FORMS[section].initial?.() };
}

/** Add or edit one entry of a section: the section's fields, then source and note; Enter or Ctrl+S saves. */
export function EntryEditor(props: {
  section: EntrySection | null;
  entry: AnyEntry | null;
  onClose(): void;
  onSave(section: EntrySection, entry: AnyEntry): Promise<void>;
}) {
  const { t } = useTranslation();
  const { section } = props;
  const [draft, setDraft] = useState<Draft>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (!section) return;
    setDraft(props.entry ? structuredClone(props.entry) : initial(section));
    setErrors({});
  }, [section, props.entry]);
  if (!section) return null;
  const form = SECTION_FORMS[section];

  const fields: FieldsProps = {
    draft,
    set: (k, v) => setDraft((d) => ({ ...d, [k]: v })),
    patch: (change) => setDraft((d) => ({ ...d, ...change })),
    err: (k) => errors[k],
  };

  const save = async () => {
    const candidate = clean(draft);
    const parsed = ENTRY_SCHEMAS[section].safeParse(candidate);
    const found: FieldErrors = parsed.success ? {} : schemaErrors(t, parsed.error.issues, candidate);
    for (const [k, key] of Object.entries(form.check?.(candidate) ?? {})) found[k] ??= t(key);
    if (!parsed.success || Object.keys(found).length > 0) {
      setErrors(found);
      return;
    }
    setSaving(true);
    try {
      await props.onSave(section, parsed.data as unknown as AnyEntry);
      props.onClose();
    } catch (e) {
      setErrors(serverErrors(t, e));
    } finally {
      setSaving(false);
    }
  };

  const what = t(`pss.sections.${section}`);
  return (
    <Modal opened onClose={props.onClose} title={t(props.entry ? 'pss.editEntry' : 'pss.addTo', { what, section: what })} size="lg">
      <SaveForm
        onSave={() => void save()}
      >
        <Stack gap="sm">
          <form.Fields {...fields} />
          <ChoiceSelect f={fields} k="source" label={t('pss.source.label')} values={['doctor', 'patient-declared', 'specialist']} labelOf={(v) => t(`pss.source.${v}`)} />
          <LongTextField f={fields} k="note" label={t('pss.fields.note')} />
          {errors[FORM] && <Text c="red" size="sm" role="alert">{errors[FORM]}</Text>}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>{t('pss.cancel')}</Button>
            <Button type="submit" loading={saving}>{t('pss.save')}</Button>
          </Group>
        </Stack>
      </SaveForm>
    </Modal>
  );
}
