import { Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { VITAL_MEASURES, vitalSignIssues } from '../../../../../shared/clinical/plausibility.ts';
import { ChoiceSelect, DateField, NumberField, today, type Draft, type FieldsProps, type SectionForm } from './kit.tsx';

const KINDS = ['weight', 'height', 'bmi', 'heart-rate', 'waist', 'blood-pressure'] as const;
type Single = Exclude<(typeof KINDS)[number], 'blood-pressure'>;

/** Parametri vitali: the value in its unit (shared/clinical/plausibility.ts), checked as it is typed. */
function VitalSignFields(f: FieldsProps) {
  const { t } = useTranslation();
  const kind = f.draft.kind as (typeof KINDS)[number];
  const bp = kind === 'blood-pressure';
  const measure = bp ? undefined : VITAL_MEASURES[kind as Single];
  return (
    <>
      <ChoiceSelect
        f={f}
        k="kind"
        label={t('pss.fields.kind')}
        values={KINDS}
        labelOf={(v) => t(`pss.vital.${v}`)}
        onPick={(next) => f.patch({ kind: next, value: undefined, systolic: undefined, diastolic: undefined })}
      />
      {bp ? (
        <Group grow align="flex-start">
          <NumberField f={f} k="systolic" label={t('pss.fields.systolic')} required integer unit={VITAL_MEASURES.systolic.unit} />
          <NumberField f={f} k="diastolic" label={t('pss.fields.diastolic')} required integer unit={VITAL_MEASURES.diastolic.unit} />
        </Group>
      ) : (
        <NumberField f={f} k="value" label={`${t('pss.fields.value')} (${measure?.unit ?? ''})`} required integer={measure?.integer ?? false} unit={measure?.unit} />
      )}
      <DateField f={f} k="date" label={t('pss.fields.date')} required />
    </>
  );
}

export const vitalSignForm: SectionForm = {
  initial: () => ({ kind: 'weight', date: today() }),
  Fields: VitalSignFields,
  plausibility(d: Draft) {
    if (d.kind === 'blood-pressure') {
      return typeof d.systolic === 'number' && typeof d.diastolic === 'number' ? vitalSignIssues({ kind: 'blood-pressure', systolic: d.systolic, diastolic: d.diastolic }) : [];
    }
    return typeof d.value === 'number' && typeof d.kind === 'string' ? vitalSignIssues({ kind: d.kind as Single, value: d.value }) : [];
  },
};
