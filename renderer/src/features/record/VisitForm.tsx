import { useEffect, useState } from 'react';
import { Checkbox, NativeSelect, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { VisitInput } from '../../../../shared/api/visits.ts';
import type { ProblemEntry } from '../../../../shared/domain/clinical-record.ts';
import { VisitKind } from '../../../../shared/domain/record/visit.ts';
import { useApi } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { newEntryId } from '../pss/sections.ts';
import { RecordFormWindow } from './RecordFormWindow.tsx';
import { useDraft } from './useDraft.ts';
import { WhenFields, whenInstant, whenNow } from './WhenFields.tsx';

type VisitDraft = {
  id: string;
  date: string | undefined;
  time: string;
  kind: VisitKind;
  reason: string;
  note: string;
  problemIds: string[];
};

/** A visit of the diario clinico: when, how, why, the doctor's note and the problems it was about. */
export function VisitForm({ patientId, zone, onClose }: { patientId: string; zone: string; onClose(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const draft = useDraft<VisitDraft>(patientId, 'visit', () => ({ id: newEntryId('visit'), ...whenNow(zone), kind: 'ambulatoriale', reason: '', note: '', problemIds: [] }));
  const v = draft.value;
  const [errors, setErrors] = useState<{ date?: string; time?: string; note?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [problems, setProblems] = useState<ProblemEntry[]>([]);
  useEffect(() => {
    api.call('record.get', { patientId }).then((r) => setProblems(r.record.problems.filter((p) => p.status === 'active')), () => undefined);
  }, [api, patientId]);

  const save = async () => {
    if (saving) return;
    const when = whenInstant(v, zone);
    const found: typeof errors = {};
    if (!when.ok) found[when.field] = t(`record.form.errors.${when.field}`);
    if (!v.reason.trim() && !v.note.trim()) found.note = t('record.visit.empty');
    setErrors(found);
    if (!when.ok || Object.keys(found).length) return;
    const input = VisitInput.parse({
      id: v.id, at: when.at, kind: v.kind, problemIds: v.problemIds,
      ...(v.reason.trim() ? { reason: v.reason } : {}), ...(v.note.trim() ? { note: v.note } : {}),
    });
    setSaving(true);
    setError(null);
    try {
      await draft.complete(() => api.call('visits.upsert', { patientId, visit: input, completesDraft: true }));
      notifications.show({ color: 'green', message: t('record.visit.saved') });
      onClose();
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <RecordFormWindow title={t('record.visit.title')} draft={draft} zone={zone} saving={saving} error={error} onSave={() => void save()} onClose={onClose} data-testid="visit-form">
      <WhenFields value={v} onChange={draft.patch} errors={errors} />
      <NativeSelect
        label={t('record.visit.kind')}
        value={v.kind}
        onChange={(e) => draft.patch({ kind: e.currentTarget.value as VisitKind })}
        data={VisitKind.options.map((k) => ({ value: k, label: t(`record.visits.kind.${k}`) }))}
      />
      <TextInput label={t('record.visit.reason')} value={v.reason} onChange={(e) => draft.patch({ reason: e.currentTarget.value })} autoComplete="off" data-autofocus />
      <Textarea label={t('record.visit.note')} value={v.note} onChange={(e) => draft.patch({ note: e.currentTarget.value })} autosize minRows={4} maxRows={14} error={errors.note} />
      <Checkbox.Group label={t('record.visit.problems')} value={v.problemIds} onChange={(problemIds) => draft.patch({ problemIds })}>
        <Stack gap={4} mt={4}>
          {problems.length === 0 && <Text size="sm" c="dimmed">{t('record.visit.noProblems')}</Text>}
          {problems.map((p) => <Checkbox key={p.id} value={p.id} label={`${p.diagnosis.display} (${p.diagnosis.code})`} />)}
        </Stack>
      </Checkbox.Group>
    </RecordFormWindow>
  );
}
