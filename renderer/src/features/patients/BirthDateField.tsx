import { DateInput } from '@mantine/dates';
import { Controller, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { parseTypedDate } from './date-parse.ts';
import type { PatientFormValues } from './PatientForm.tsx';

/** Birth date typed as gg/mm/aaaa (or picked: the calendar opens on decades), kept as yyyy-mm-dd. */
export function BirthDateField({ control, error, description }: { control: Control<PatientFormValues>; error?: string; description?: string }) {
  const { t } = useTranslation();
  return (
    <Controller
      name="birthDate"
      control={control}
      render={({ field }) => (
        <DateInput
          label={t('patient.fields.birthDate')}
          placeholder={t('patient.form.birthDatePlaceholder')}
          valueFormat="DD/MM/YYYY"
          dateParser={parseTypedDate}
          value={field.value || null}
          onChange={(v) => field.onChange(v ?? '')}
          onBlur={field.onBlur}
          ref={field.ref}
          name={field.name}
          maxDate={new Date()}
          defaultLevel={field.value ? 'month' : 'decade'}
          error={error}
          description={description}
          withAsterisk
          data-testid="birth-date"
        />
      )}
    />
  );
}
