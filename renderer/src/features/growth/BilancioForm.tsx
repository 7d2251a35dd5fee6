import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Group, SegmentedControl, Select, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BilanciSchedule } from '../../../../shared/analytics/bilanci-salute/index.ts';
import type { GrowthMeasures, GrowthPoint, IndicatorScore } from '../../../../shared/api/growth.ts';
import { daysBetween } from '../../../../shared/domain/iso-date.ts';
import { formatDecimal } from '../../../../shared/format/decimal.ts';
import { todayIn } from '../../../../shared/format/clinical-time.ts';
import { AppModal } from '../../app/layers/AppModal.tsx';
import { ClinicalDateInput } from '../../components/ClinicalDateInput.tsx';
import { DecimalInput, type DecimalValue } from '../../components/DecimalInput.tsx';
import { SaveForm } from '../../components/SaveForm.tsx';
import { useApi } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { useClinicalZone } from '../record/useClinicalZone.ts';
import { scoreText } from './score-text.ts';
import classes from './growth.module.css';

/** Items of the schedule that are measurements (fields of their own), not notes. */
const MEASURED = new Set(['weight', 'length-height', 'head-circumference', 'bmi']);
const LIVE_DELAY_MS = 120;

const num = (v: DecimalValue) => (typeof v === 'number' && v > 0 ? v : undefined);

/**
 * A bilancio di salute (PAEDIATRICS.md §4): its date, the schedule's visit it counts for, the
 * measurements, and a note per item the visit records. A measurement entered shows its
 * percentile at once (growth.evaluate, before saving); Ctrl+S or Enter saves.
 */
export function BilancioForm({ patientId, birthDate, schedule, visitId: initialVisit, opened, onClose, onSaved }: {
  patientId: string;
  birthDate: string;
  schedule: BilanciSchedule;
  visitId: string | null;
  opened: boolean;
  onClose(): void;
  onSaved(): void;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const zone = useClinicalZone();
  const lang = i18n.resolvedLanguage === 'en' ? 'en' : 'it';
  const [date, setDate] = useState<string | undefined>(() => todayIn(zone));
  const [visitId, setVisitId] = useState<string | null>(initialVisit);
  const [weight, setWeight] = useState<DecimalValue>(undefined);
  const [length, setLength] = useState<DecimalValue>(undefined);
  const ageDays = date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? daysBetween(birthDate, date) : undefined;
  const [measure, setMeasure] = useState<'recumbent' | 'standing'>(() => (daysBetween(birthDate, todayIn(zone)) < 731 ? 'recumbent' : 'standing'));
  const [head, setHead] = useState<DecimalValue>(undefined);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [live, setLive] = useState<Omit<GrowthPoint, 'observationIds'> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (opened) setVisitId(initialVisit);
  }, [opened, initialVisit]);

  const measures: GrowthMeasures = useMemo(() => ({
    ...(num(weight) ? { weightKg: num(weight) } : {}),
    ...(num(length) ? { lengthCm: num(length), measure } : {}),
    ...(num(head) ? { headCm: num(head) } : {}),
  }), [weight, length, measure, head]);

  // The live percentile: scored as the doctor types, before anything is saved.
  useEffect(() => {
    if (!opened || ageDays === undefined || ageDays < 0 || Object.keys(measures).length === 0) {
      setLive(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      api.call('growth.evaluate', { patientId, date: date!, ...measures }).then((r) => current && setLive(r), () => current && setLive(null));
    }, LIVE_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, opened, patientId, date, ageDays, measures]);

  const visit = schedule.visits.find((v) => v.id === visitId);
  const noteItems = schedule.items.filter((i) => !MEASURED.has(i.id) && (!visit || visit.records.includes(i.id)));
  const badNumber = [weight, length, head].some((v) => typeof v === 'string');
  const dateError = date === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(date) ? t('growth.form.dateRequired') : ageDays !== undefined && ageDays < 0 ? t('growth.form.beforeBirth') : undefined;

  const save = () => {
    if (saving || dateError || badNumber) return;
    setSaving(true);
    setError(null);
    api.call('bilanci.save', { patientId, date: date!, visitId, measures, notes }).then(
      () => {
        setSaving(false);
        setWeight(undefined);
        setLength(undefined);
        setHead(undefined);
        setNotes({});
        onSaved();
      },
      (e: unknown) => {
        setSaving(false);
        setError(e);
      },
    );
  };

  const liveLine = (score: IndicatorScore | undefined, testId: string) => (
    <Text size="sm" aria-live="polite" className={classes.live} data-testid={testId}>
      {score ? scoreText(t, score) : ''}
    </Text>
  );
  const dirty = Object.keys(measures).length > 0 || Object.values(notes).some((n) => n.trim() !== '');

  return (
    <AppModal opened={opened} onClose={onClose} onSave={save} dirty={dirty} title={t('growth.form.title')} size="lg" data-testid="bilancio-form">
      <SaveForm onSave={save}>
        <Stack gap="sm">
          <Group grow align="flex-start">
            <ClinicalDateInput label={t('growth.form.date')} value={date} onChange={setDate} required error={date !== undefined ? dateError : undefined} />
            <Select
              label={t('growth.form.visit')}
              data={[{ value: '', label: t('growth.form.noVisit') }, ...schedule.visits.map((v) => ({ value: v.id, label: v.label[lang] }))]}
              value={visitId ?? ''}
              onChange={(v) => setVisitId(v ? v : null)}
              allowDeselect={false}
            />
          </Group>
          <DecimalInput label={t('growth.form.weight')} unit="kg" value={weight} onChange={setWeight} data-testid="bilancio-weight" />
          {liveLine(live?.scores.wfa, 'live-wfa')}
          <Group grow align="flex-end">
            <DecimalInput label={measure === 'recumbent' ? t('growth.form.length') : t('growth.form.height')} unit="cm" value={length} onChange={setLength} />
            <SegmentedControl
              aria-label={t('growth.form.position')}
              value={measure}
              onChange={(v) => setMeasure(v as 'recumbent' | 'standing')}
              data={[{ value: 'recumbent', label: t('growth.form.recumbent') }, { value: 'standing', label: t('growth.form.standing') }]}
            />
          </Group>
          {liveLine(live?.scores.lhfa, 'live-lhfa')}
          {live?.standingUnder9Months && <Text size="sm" c="orange.9">{t('growth.flag.standingUnder9Months')}</Text>}
          {live?.bmi !== undefined && (
            <Text size="sm" data-testid="live-bmi">
              {t('growth.form.bmi', { bmi: formatDecimal(live.bmi, 1) })}{live.scores.bfa ? ` — ${scoreText(t, live.scores.bfa)}` : ''}
              {live.scores.wflh ? ` · ${t('growth.indicators.wflh')}: ${scoreText(t, live.scores.wflh)}` : ''}
            </Text>
          )}
          <DecimalInput label={t('growth.form.head')} unit="cm" value={head} onChange={setHead} />
          {liveLine(live?.scores.hcfa, 'live-hcfa')}
          {noteItems.map((item) => (
            <Textarea key={item.id} label={item.label[lang]} autosize minRows={1} maxRows={4} value={notes[item.id] ?? ''}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setNotes((n) => ({ ...n, [item.id]: v }));
              }} />
          ))}
          {error ? <Alert color="red" role="alert">{errorText(t, error)}</Alert> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('growth.form.cancel')}</Button>
            <Button type="submit" loading={saving} aria-keyshortcuts="Control+S">{t('growth.form.save')}</Button>
          </Group>
        </Stack>
      </SaveForm>
    </AppModal>
  );
}
