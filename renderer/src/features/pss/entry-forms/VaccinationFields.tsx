import { useTranslation } from 'react-i18next';
import { CodeField, DateField, NumberField, TextField, today, type FieldsProps, type SectionForm } from './kit.tsx';

function VaccinationFields(f: FieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <CodeField f={f} k="atc" label={t('pss.fields.atc')} system="atc" required autoFocus />
      <DateField f={f} k="date" label={t('pss.fields.date')} required />
      <NumberField f={f} k="doseNumber" label={t('pss.fields.doseNumber')} integer />
      <TextField f={f} k="lot" label={t('pss.fields.lot')} />
    </>
  );
}

export const vaccinationForm: SectionForm = {
  initial: () => ({ date: today() }),
  Fields: VaccinationFields,
};
