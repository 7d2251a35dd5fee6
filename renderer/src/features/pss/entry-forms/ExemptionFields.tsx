import { useTranslation } from 'react-i18next';
import { ChoiceSelect, PeriodFields, TypedCodeFields, type FieldsProps, type SectionForm } from './kit.tsx';

function ExemptionFields(f: FieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <TypedCodeFields f={f} k="exemption" codeLabel={t('pss.fields.exemptionCode')} displayLabel={t('pss.fields.exemptionDisplay')} required autoFocus />
      <ChoiceSelect f={f} k="status" label={t('pss.fields.status')} values={['active', 'completed']} labelOf={(v) => t(`pss.status.${v}`)} />
      <PeriodFields f={f} />
    </>
  );
}

export const exemptionForm: SectionForm = {
  // Catalogo nazionale delle esenzioni.
  initial: () => ({ status: 'active', codeSystem: '2.16.840.1.113883.2.9.6.1.22' }),
  Fields: ExemptionFields,
};
