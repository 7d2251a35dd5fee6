import { useTranslation } from 'react-i18next';
import { ChoiceSelect, type Draft, CodeField, DateField, LongTextField, PeriodFields, TypedCodeFields, ValueSetField, type FieldsProps, type SectionForm } from './kit.tsx';
import { COMMON_LAB_TESTS, ENCOUNTER_TYPES, LOINC_CODE } from './value-sets.ts';

const KINDS = ['exam', 'therapy', 'procedure', 'visit', 'other'] as const;

/** Piani di cura: what is planned (exam, therapy, procedure, visit, other) and when. */
function CarePlanFields(f: FieldsProps) {
  const { t } = useTranslation();
  const kind = f.draft.kind as (typeof KINDS)[number];
  return (
    <>
      <ChoiceSelect
        f={f}
        k="kind"
        label={t('pss.fields.planKind')}
        values={KINDS}
        labelOf={(v) => t(`pss.carePlan.${v}`)}
        autoFocus
        onPick={(v) => f.patch({ kind: v, loinc: undefined, atc: undefined, procedure: undefined, encounterType: undefined, description: undefined, start: undefined, end: undefined })}
      />
      {kind === 'exam' && <TypedCodeFields f={f} k="loinc" codeLabel={t('pss.fields.loinc')} displayLabel={t('pss.fields.loincDisplay')} required suggestions={COMMON_LAB_TESTS} />}
      {kind === 'therapy' && <CodeField f={f} k="atc" label={t('pss.fields.atc')} system="atc" required />}
      {kind === 'procedure' && <CodeField f={f} k="procedure" label={t('pss.fields.procedure')} system="icd9-proc" required />}
      {kind === 'visit' && <ValueSetField f={f} k="encounterType" label={t('pss.fields.encounterType')} options={ENCOUNTER_TYPES} required />}
      {kind === 'other' && <LongTextField f={f} k="description" label={t('pss.fields.description')} required />}
      {kind === 'therapy' ? <PeriodFields f={f} startRequired /> : <DateField f={f} k="date" label={t('pss.fields.plannedDate')} required />}
    </>
  );
}

export const carePlanForm: SectionForm = {
  initial: () => ({ kind: 'exam' }),
  Fields: CarePlanFields,
  check(d: Draft): Record<string, string> {
    const code = d.kind === 'exam' ? (d.loinc as { code?: string } | undefined)?.code?.trim() : undefined;
    return code && !LOINC_CODE.test(code) ? { loinc: 'pss.errors.loinc' } : {};
  },
};
