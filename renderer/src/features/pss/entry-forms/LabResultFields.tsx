import { Autocomplete, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { interpretation, labResultIssues, measureFor } from '../../../../../shared/clinical/plausibility.ts';
import { ChoiceSelect, DateField, NumberField, TypedCodeFields, today, type Draft, type FieldsProps, type SectionForm } from './kit.tsx';
import { COMMON_LAB_TESTS, COMMON_UNITS, LOINC_CODE } from './value-sets.ts';

/** Indagini diagnostiche ed esami: the test (LOINC), the result with its unit, the reference range, when. */
function LabResultFields(f: FieldsProps) {
  const { t } = useTranslation();
  const code = (f.draft.loinc as { code?: string } | undefined)?.code;
  const known = COMMON_LAB_TESTS.find((x) => x.code === code);
  const value = f.draft.value;
  const flag = typeof value === 'number' && code
    ? interpretation(value, measureFor(code), { low: f.draft.referenceLow as number | undefined, high: f.draft.referenceHigh as number | undefined })
    : undefined;
  return (
    <>
      <TypedCodeFields f={f} k="loinc" codeLabel={t('pss.fields.loinc')} displayLabel={t('pss.fields.loincDisplay')} required autoFocus suggestions={COMMON_LAB_TESTS} />
      <Group grow align="flex-start">
        <NumberField f={f} k="value" label={t('pss.fields.result')} required unit={(f.draft.unit as string | undefined) || known?.unit} description={flag ? <span data-testid="lab-flag">{t(`pss.abnormal.${flag}`)}</span> : undefined} />
        <Autocomplete
          label={t('pss.fields.unit')}
          required
          data={[...COMMON_UNITS]}
          placeholder={known?.unit}
          value={(f.draft.unit as string | undefined) ?? ''}
          onChange={(v) => f.set('unit', v)}
          onFocus={() => {
            if (!f.draft.unit && known) f.set('unit', known.unit);
          }}
          error={f.err('unit')}
        />
      </Group>
      <Group grow align="flex-start">
        <NumberField f={f} k="referenceLow" label={t('pss.fields.referenceLow')} />
        <NumberField f={f} k="referenceHigh" label={t('pss.fields.referenceHigh')} />
      </Group>
      <ChoiceSelect f={f} k="interpretation" label={t('pss.fields.interpretation')} values={['N', 'H', 'L', 'A']} labelOf={(v) => t(`pss.interpretation.${v}`)} required={false} />
      <DateField f={f} k="date" label={t('pss.fields.date')} required />
    </>
  );
}

export const labResultForm: SectionForm = {
  initial: () => ({ date: today() }),
  Fields: LabResultFields,
  check(d: Draft): Record<string, string> {
    const out: Record<string, string> = {};
    const c = (d.loinc as { code?: string } | undefined)?.code?.trim();
    if (c && !LOINC_CODE.test(c)) out.loinc = 'pss.errors.loinc';
    // The document carries the range only with both ends.
    if ((d.referenceLow === undefined) !== (d.referenceHigh === undefined)) out[d.referenceLow === undefined ? 'referenceLow' : 'referenceHigh'] = 'pss.errors.rangeBoth';
    return out;
  },
  plausibility(d: Draft) {
    const loinc = d.loinc as { code?: string } | undefined;
    return loinc?.code && typeof d.value === 'number' && typeof d.unit === 'string' ? labResultIssues({ loinc: { code: loinc.code }, value: d.value, unit: d.unit }) : [];
  },
};
