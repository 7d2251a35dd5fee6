import { useTranslation } from 'react-i18next';
import { CodeField, PeriodFields, TextField, ValueSetField, type FieldsProps, type SectionForm } from './kit.tsx';
import { ENCOUNTER_TYPES } from './value-sets.ts';

/** Visite e ricoveri: the type (EncounterCode_PSSIT), the period, where, and the discharge diagnosis. */
function EncounterFields(f: FieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <ValueSetField f={f} k="encounterType" label={t('pss.fields.encounterType')} options={ENCOUNTER_TYPES} required autoFocus />
      <PeriodFields f={f} startRequired />
      <TextField f={f} k="facility" label={t('pss.fields.facility')} />
      <CodeField f={f} k="dischargeDiagnosis" label={t('pss.fields.dischargeDiagnosis')} system="icd9-dx" />
    </>
  );
}

export const encounterForm: SectionForm = { Fields: EncounterFields };
