import { useTranslation } from 'react-i18next';
import { ChoiceSelect, CodeField, DateField, LongTextField, today, type FieldsProps, type SectionForm } from './kit.tsx';

const KINDS = ['refusal', 'exemption', 'postponement'] as const;

/**
 * A vaccination not given and why (PAEDIATRICS.md §1, ...11.4.2 with its reason): refusal,
 * exemption (immunity or a permanent contraindication) or postponement until a date.
 */
function VaccinationDecisionFields(f: FieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <ChoiceSelect f={f} k="kind" label={t('vaccinations.decision.kind')} values={KINDS} labelOf={(v) => t(`vaccinations.decision.kinds.${v}`)} autoFocus />
      <CodeField f={f} k="atc" label={t('vaccinations.fields.vaccine')} system="atc" codePrefix="J07" required />
      <DateField f={f} k="date" label={t('pss.fields.date')} required />
      {f.draft.kind === 'postponement' && <DateField f={f} k="until" label={t('vaccinations.decision.until')} required />}
      <LongTextField f={f} k="reason" label={t('vaccinations.decision.reason')} required />
    </>
  );
}

export const vaccinationDecisionForm: SectionForm = {
  initial: () => ({ kind: 'refusal', date: today() }),
  Fields: VaccinationDecisionFields,
  check: (d): Record<string, string> => (d.kind === 'postponement' && !d.until ? { until: 'vaccinations.decision.untilRequired' } : {}),
};
