import { Group, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { instantIn, nowTimeIn, parseClinicalTime, todayIn } from '../../../../shared/format/clinical-time.ts';
import { ClinicalDateInput } from '../../components/ClinicalDateInput.tsx';

/** When something happened, as a form keeps it: the date field's value and the time as typed. */
export interface When {
  date: string | undefined;
  time: string;
}

/** Now, in the doctor's zone. */
export function whenNow(zone: string): When {
  return { date: todayIn(zone), time: nowTimeIn(zone) };
}

/** The instant with its offset, or which field is wrong. */
export function whenInstant(w: When, zone: string): { ok: true; at: string } | { ok: false; field: 'date' | 'time' } {
  // A visit or a measurement has a day: a month or a year alone is not enough.
  if (!w.date || !/^\d{4}-\d{2}-\d{2}$/.test(w.date)) return { ok: false, field: 'date' };
  const time = parseClinicalTime(w.time);
  if (!time.ok) return { ok: false, field: 'time' };
  return { ok: true, at: instantIn(w.date, time.hour, time.minute, zone) };
}

/** Date (the app's clinical date field) and time (hh:mm) side by side. */
export function WhenFields(props: { value: When; onChange(change: Partial<When>): void; errors: { date?: string | undefined; time?: string | undefined } }) {
  const { t } = useTranslation();
  return (
    <Group grow align="flex-start">
      <ClinicalDateInput label={t('record.form.date')} value={props.value.date} onChange={(date) => props.onChange({ date })} error={props.errors.date} required />
      <TextInput
        label={t('record.form.time')}
        value={props.value.time}
        autoComplete="off"
        inputMode="numeric"
        required
        onChange={(e) => props.onChange({ time: e.currentTarget.value })}
        error={props.errors.time}
      />
    </Group>
  );
}
