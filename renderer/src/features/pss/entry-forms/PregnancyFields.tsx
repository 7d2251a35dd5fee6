import { useTranslation } from 'react-i18next';
import { ChoiceSelect, DateField, NumberField, type Draft, type FieldsProps, type SectionForm } from './kit.tsx';

const KINDS = ['pregnancies', 'live-births', 'spontaneous-abortions', 'last-menstrual-period', 'expected-delivery'] as const;
const isCount = (kind: unknown) => kind === 'pregnancies' || kind === 'live-births' || kind === 'spontaneous-abortions';

/** Gravidanze, parti e stato mestruale: a count (gravidanze, nati vivi, aborti) or a date (ultima mestruazione, parto). */
function PregnancyFields(f: FieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <ChoiceSelect
        f={f}
        k="kind"
        label={t('pss.fields.pregnancyKind')}
        values={KINDS}
        labelOf={(v) => t(`pss.pregnancy.${v}`)}
        autoFocus
        onPick={(v) => f.patch({ kind: v, count: undefined, date: undefined })}
      />
      {isCount(f.draft.kind)
        ? <NumberField f={f} k="count" label={t('pss.fields.count')} required integer />
        : <DateField f={f} k="date" label={t('pss.fields.date')} required />}
    </>
  );
}

export const pregnancyForm: SectionForm = {
  initial: () => ({ kind: 'pregnancies' }),
  Fields: PregnancyFields,
  // The schema has count and date both optional; each kind needs its own.
  check(d: Draft): Record<string, string> {
    if (isCount(d.kind)) return d.count !== undefined ? {} : { count: 'pss.errors.required' };
    return d.date ? {} : { date: 'pss.errors.required' };
  },
};
