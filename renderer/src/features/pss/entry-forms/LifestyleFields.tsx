import { useTranslation } from 'react-i18next';
import { ChoiceSelect, DateField, LongTextField, NumberField, today, type Draft, type FieldsProps, type SectionForm } from './kit.tsx';

const KINDS = ['smoking', 'alcohol', 'physical-activity', 'diet', 'occupation'] as const;
const SMOKING = ['current', 'former', 'never'] as const;

/** Stile di vita: the factor, then its value as the schema keeps it (smoking status, drinks a day, or words). */
function LifestyleFields(f: FieldsProps) {
  const { t } = useTranslation();
  const kind = f.draft.kind as (typeof KINDS)[number];
  return (
    <>
      <ChoiceSelect
        f={f}
        k="kind"
        label={t('pss.fields.lifestyleKind')}
        values={KINDS}
        labelOf={(v) => t(`pss.lifestyle.${v}`)}
        autoFocus
        onPick={(v) => f.patch({ kind: v, smoking: undefined, drinksPerDay: undefined, text: undefined })}
      />
      {kind === 'smoking' && <ChoiceSelect f={f} k="smoking" label={t('pss.fields.smoking')} values={SMOKING} labelOf={(v) => t(`pss.smoking.${v}`)} />}
      {kind === 'alcohol' && <NumberField f={f} k="drinksPerDay" label={t('pss.fields.drinksPerDay')} required />}
      {kind !== 'smoking' && kind !== 'alcohol' && <LongTextField f={f} k="text" label={t(`pss.fields.lifestyleText.${kind}`)} required />}
      <DateField f={f} k="date" label={t('pss.fields.date')} />
    </>
  );
}

export const lifestyleForm: SectionForm = {
  initial: () => ({ kind: 'smoking', date: today() }),
  Fields: LifestyleFields,
  // The schema keeps the value optional for every factor; a factor without its value says nothing.
  check(d: Draft): Record<string, string> {
    if (d.kind === 'smoking') return d.smoking ? {} : { smoking: 'pss.errors.required' };
    if (d.kind === 'alcohol') return d.drinksPerDay !== undefined ? {} : { drinksPerDay: 'pss.errors.required' };
    return typeof d.text === 'string' && d.text.trim() ? {} : { text: 'pss.errors.required' };
  },
};
