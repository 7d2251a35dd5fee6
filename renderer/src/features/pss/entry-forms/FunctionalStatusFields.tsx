import { useTranslation } from 'react-i18next';
import { ChoiceSelect, CodeField, DateField, today, type FieldsProps, type SectionForm } from './kit.tsx';

const MOTOR = ['LA21285-4', 'LA21286-5', 'LA4270-0', 'LA6743-4'] as const;
const REGIME = ['PSSADI', 'PSSADP'] as const;

/** Stato funzionale: at least one of motor capacity, care regime, mental status; the date of the assessment. */
function FunctionalStatusFields(f: FieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <ChoiceSelect f={f} k="motorCapacity" label={t('pss.fields.motorCapacity')} values={MOTOR} labelOf={(v) => t(`pss.motor.${v}`)} required={false} autoFocus />
      <ChoiceSelect f={f} k="careRegime" label={t('pss.fields.careRegime')} values={REGIME} labelOf={(v) => t(`pss.regime.${v}`)} required={false} />
      <CodeField f={f} k="mentalStatus" label={t('pss.fields.mentalStatus')} system="icd9-dx" />
      <DateField f={f} k="date" label={t('pss.fields.assessmentDate')} required />
    </>
  );
}

export const functionalStatusForm: SectionForm = {
  initial: () => ({ date: today() }),
  Fields: FunctionalStatusFields,
};
