import { useEffect, useState } from 'react';
import { Alert, Button, Group, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ENTRY_SCHEMAS, type EntrySection } from '../../../../shared/api/record.ts';
import type { PlausibilityIssue } from '../../../../shared/clinical/plausibility.ts';
import { formatDecimal } from '../../../../shared/format/decimal.ts';
import { AppModal, useCloseWindow } from '../../app/layers/AppModal.tsx';
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

/**
 * Add or edit one entry of a section: the section's fields, then source and note; Enter or
 * Ctrl+S saves (the window's own layer: the page behind is not saved). A value beyond the
 * possible is refused; one beyond the plausible is shown and saved only on a second request
 * ("Salva comunque"). Esc, × or Annulla on a changed entry ask before discarding it.
 */
export function EntryEditor(props: {
  section: EntrySection | null;
  entry: AnyEntry | null;
  onClose(): void;
  onSave(section: EntrySection, entry: AnyEntry): Promise<void>;
}) {
  const { t } = useTranslation();
  const { section } = props;
  const [start, setStart] = useState<string>('');
  const [draft, setDraft] = useState<Draft>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const [warnings, setWarnings] = useState<PlausibilityIssue[]>([]);
  const [acknowledged, setAcknowledged] = useState('');
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (!section) return;
    const d = props.entry ? structuredClone(props.entry) : initial(section);
    setDraft(d);
    setStart(JSON.stringify(clean(d)));
    setErrors({});
    setWarnings([]);
  }, [section, props.entry]);
  if (!section) return null;
  const form = SECTION_FORMS[section];

  const fields: FieldsProps = {
    draft,
    set: (k, v) => setDraft((d) => ({ ...d, [k]: v })),
    patch: (change) => setDraft((d) => ({ ...d, ...change })),
    err: (k) => errors[k],
  };
  const plausibilityText = (i: PlausibilityIssue) =>
    t(`pss.plausibility.${i.code}`, { ...i.params, min: i.params.min === undefined ? '' : formatDecimal(i.params.min), max: i.params.max === undefined ? '' : formatDecimal(i.params.max) });

  const save = async () => {
    if (saving) return;
    const candidate = clean(draft);
    const parsed = ENTRY_SCHEMAS[section].safeParse(candidate);
    const found: FieldErrors = parsed.success ? {} : schemaErrors(t, parsed.error.issues, candidate);
    for (const [k, key] of Object.entries(form.check?.(candidate) ?? {})) found[k] ??= t(key);
    const plausibility = parsed.success ? (form.plausibility?.(candidate) ?? []) : [];
    for (const i of plausibility.filter((p) => p.severity === 'error')) found[i.field] ??= plausibilityText(i);
    if (!parsed.success || Object.keys(found).length > 0) {
      setErrors(found);
      setWarnings([]);
      return;
    }
    const unusual = plausibility.filter((p) => p.severity === 'warning');
    const key = JSON.stringify(candidate);
    if (unusual.length > 0 && acknowledged !== key) {
      setErrors({});
      setWarnings(unusual);
      setAcknowledged(key);
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
  const dirty = JSON.stringify(clean(draft)) !== start;
  return (
    <AppModal opened onClose={props.onClose} onSave={() => void save()} dirty={dirty} title={t(props.entry ? 'pss.editEntry' : 'pss.addTo', { what, section: what })} size="lg">
      <SaveForm onSave={() => void save()}>
        <Stack gap="sm">
          <form.Fields {...fields} />
          <ChoiceSelect f={fields} k="source" label={t('pss.source.label')} values={['doctor', 'patient-declared', 'specialist']} labelOf={(v) => t(`pss.source.${v}`)} />
          <LongTextField f={fields} k="note" label={t('pss.fields.note')} />
          {warnings.length > 0 && (
            <Alert color="orange" variant="light" title={t('pss.plausibility.warningsTitle')} role="alert" data-testid="plausibility-warnings">
              <List size="sm">
                {warnings.map((w) => <List.Item key={`${w.field}-${w.code}`}>{plausibilityText(w)}</List.Item>)}
              </List>
            </Alert>
          )}
          {errors[FORM] && <Text c="red.8" size="sm" role="alert">{errors[FORM]}</Text>}
          <Group justify="flex-end">
            <CancelButton label={t('pss.cancel')} />
            <Button type="submit" loading={saving}>{warnings.length > 0 ? t('pss.plausibility.saveAnyway') : t('pss.save')}</Button>
          </Group>
        </Stack>
      </SaveForm>
    </AppModal>
  );
}

function CancelButton({ label }: { label: string }) {
  const close = useCloseWindow();
  return <Button variant="default" onClick={close}>{label}</Button>;
}
