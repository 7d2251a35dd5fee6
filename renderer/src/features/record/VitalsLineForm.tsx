import { useEffect, useState } from 'react';
import { List, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { VitalsLineOutput } from '../../../../shared/api/observations.ts';
import { checkValue, measureFor, type PlausibilityIssue } from '../../../../shared/clinical/plausibility.ts';
import { formatDecimal } from '../../../../shared/format/decimal.ts';
import { useApi } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { newEntryId } from '../pss/sections.ts';
import { RecordFormWindow } from './RecordFormWindow.tsx';
import { shownUnit } from './shown-unit.ts';
import { useDraft } from './useDraft.ts';
import { WhenFields, whenInstant, whenNow } from './WhenFields.tsx';

type Line = z.infer<typeof VitalsLineOutput>;

/** Values read that are possible but unusual (shared/clinical/plausibility.ts, the ranges the PSS forms use): to confirm, not refused. */
function unusual(line: Line): PlausibilityIssue[] {
  return line.items.flatMap((i) => {
    const parts: Array<[string, number]> = i.kind === 'blood-pressure' ? [['systolic', i.systolic], ['diastolic', i.diastolic]] : i.computed ? [] : [[i.kind, i.value]];
    return parts.flatMap(([k, value]) => {
      const m = measureFor(k);
      return m ? checkValue(m, value, k).filter((x) => x.severity === 'warning') : [];
    });
  });
}
type LineDraft = { lineId: string; text: string; date: string | undefined; time: string };

/**
 * The vitals line: "PA 135/85, peso 82, FC 70, sat 97" typed in one field and read back on
 * every keystroke (observations.parseVitalsLine: what was recognised, with units, and what must
 * be corrected); Ctrl+S writes it as observations at the date and time given.
 */
export function VitalsLineForm({ patientId, zone, onClose }: { patientId: string; zone: string; onClose(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const draft = useDraft<LineDraft>(patientId, 'vitals', () => ({ lineId: newEntryId('vitals'), text: '', ...whenNow(zone) }));
  const v = draft.value;
  const [line, setLine] = useState<Line>({ items: [], problems: [] });
  const [errors, setErrors] = useState<{ date?: string; time?: string; text?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [confirmed, setConfirmed] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    if (!v.text.trim()) {
      setLine({ items: [], problems: [] });
      return;
    }
    const timer = setTimeout(() => {
      api.call('observations.parseVitalsLine', { text: v.text, patientId }).then((r) => live && setLine(r), () => undefined);
    }, 80);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, patientId, v.text]);

  const kind = (k: string) => t(`record.kinds.${k}`);
  const warnings = unusual(line);
  const warningText = (w: PlausibilityIssue) =>
    t(`pss.plausibility.${w.code}`, { ...w.params, min: w.params.min === undefined ? '' : formatDecimal(w.params.min), max: w.params.max === undefined ? '' : formatDecimal(w.params.max) });
  const problemText = (p: Line['problems'][number]) => t(`record.vitalsLine.problems.${p.code}`, { text: p.text ?? '', kind: p.kind ? kind(p.kind) : '' });

  const save = async () => {
    if (saving) return;
    const when = whenInstant(v, zone);
    const found: typeof errors = {};
    if (!when.ok) found[when.field] = t(`record.form.errors.${when.field}`);
    if (!v.text.trim()) found.text = t('record.vitalsLine.nothing');
    setErrors(found);
    if (!when.ok || Object.keys(found).length) return;
    // An unusual value is saved on the second Ctrl+S, as in the PSS forms ("Salva comunque").
    if (warnings.length > 0 && confirmed !== v.text) {
      setConfirmed(v.text);
      setError(t('record.vitalsLine.confirmUnusual'));
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const r = await draft.complete(() => api.call('observations.recordVitals', { patientId, text: v.text, at: when.at, lineId: v.lineId, completesDraft: true }));
      notifications.show({ color: 'green', message: t('record.vitalsLine.saved', { count: r.observations.length }) });
      onClose();
    } catch (e) {
      setError(line.problems.length ? t('record.vitalsLine.cannotSave') : errorText(t, e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <RecordFormWindow title={t('record.vitalsLine.title')} draft={draft} zone={zone} saving={saving} error={error} onSave={() => void save()} onClose={onClose} data-testid="vitals-form">
      <TextInput
        label={t('record.vitalsLine.label')}
        description={t('record.vitalsLine.description')}
        value={v.text}
        onChange={(e) => draft.patch({ text: e.currentTarget.value })}
        error={errors.text}
        autoComplete="off"
        spellCheck={false}
        aria-describedby="vitals-feedback"
        data-autofocus
      />
      <Stack gap={4} id="vitals-feedback" aria-live="polite" data-testid="vitals-feedback">
        {line.items.length === 0 && line.problems.length === 0 && <Text size="sm" c="dimmed">{t('record.vitalsLine.nothing')}</Text>}
        {line.items.length > 0 && (
          <>
            <Text size="sm" fw={600}>{t('record.vitalsLine.read')}</Text>
            <List size="sm" spacing={2} data-testid="vitals-read">
              {line.items.map((i) => (
                <List.Item key={`${i.kind}-${i.span[0]}`}>
                  {i.kind === 'blood-pressure'
                    ? `${kind(i.kind)} ${i.systolic}/${i.diastolic} mmHg`
                    : `${kind(i.kind)} ${formatDecimal(i.value, 1)} ${shownUnit(i.unit)}${i.computed ? ` (${t('record.vitalsLine.computed')})` : ''}`}
                </List.Item>
              ))}
            </List>
          </>
        )}
        {warnings.length > 0 && (
          <>
            <Text size="sm" fw={600} c="orange.9">{t('pss.plausibility.warningsTitle')}</Text>
            <List size="sm" spacing={2} c="orange.9" data-testid="vitals-unusual">
              {warnings.map((w) => <List.Item key={w.field}>⚠ {warningText(w)}</List.Item>)}
            </List>
          </>
        )}
        {line.problems.length > 0 && (
          <>
            <Text size="sm" fw={600} c="red.8">{t('record.vitalsLine.problemsTitle')}</Text>
            <List size="sm" spacing={2} c="red.8" data-testid="vitals-problems">
              {line.problems.map((p) => <List.Item key={`${p.code}-${p.span[0]}`}>⚠ {problemText(p)}</List.Item>)}
            </List>
          </>
        )}
      </Stack>
      <WhenFields value={v} onChange={draft.patch} errors={errors} />
    </RecordFormWindow>
  );
}
