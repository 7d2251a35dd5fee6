import { useTranslation } from 'react-i18next';
import { CodeField, PeriodFields, type FieldsProps, type SectionForm } from './kit.tsx';

function ProcedureFields(f: FieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <CodeField f={f} k="procedure" label={t('pss.fields.procedure')} system="icd9-proc" required autoFocus />
      <PeriodFields f={f} startRequired />
      <CodeField f={f} k="reason" label={t('pss.fields.reason')} system="icd9-dx" />
    </>
  );
}

export const procedureForm: SectionForm = { Fields: ProcedureFields };
