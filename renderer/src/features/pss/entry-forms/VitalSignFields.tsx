import { Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ChoiceSelect, DateField, NumberField, today, type FieldsProps, type SectionForm } from './kit.tsx';

const KINDS = ['weight', 'height', 'bmi', 'heart-rate', 'waist', 'blood-pressure'] as const;

function VitalSignFields(f: FieldsProps) {
  const { t } = useTranslation();
  const bp = f.draft.kind === 'blood-pressure';
  return (
    <>
      <ChoiceSelect
        f={f}
        k="kind"
        label={t('pss.fields.kind')}
        values={KINDS}
        labelOf={(v) => t(`pss.vital.${v}`)}
        onPick={(kind) => f.patch({ kind, value: undefined, systolic: undefined, diastolic: undefined })}
      />
      {bp ? (
        <Group grow align="flex-start">
          <NumberField f={f} k="systolic" label={t('pss.fields.systolic')} required integer min={1} />
          <NumberField f={f} k="diastolic" label={t('pss.fields.diastolic')} required integer min={1} />
        </Group>
      ) : (
        <NumberField f={f} k="value" label={t('pss.fields.value')} required min={0} />
      )}
      <DateField f={f} k="date" label={t('pss.fields.date')} required />
    </>
  );
}

export const vitalSignForm: SectionForm = {
  initial: () => ({ kind: 'weight', date: today() }),
  Fields: VitalSignFields,
};
