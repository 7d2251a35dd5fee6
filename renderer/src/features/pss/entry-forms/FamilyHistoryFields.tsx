import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CodePicker, type Coded } from '../CodePicker.tsx';
import { ChoiceSelect, NumberField, type FieldsProps, type SectionForm } from './kit.tsx';

const RELATIONSHIPS = ['FTH', 'MTH', 'BRO', 'SIS', 'GRFTH', 'GRMTH', 'UNCLE', 'AUNT', 'SON', 'DAU'] as const;

function FamilyHistoryFields(f: FieldsProps) {
  const { t } = useTranslation();
  const conditions = (f.draft.conditions as Array<{ diagnosis: Coded; onsetAge?: number }> | undefined) ?? [];
  const first = conditions[0];
  return (
    <>
      <ChoiceSelect f={f} k="relationship" label={t('pss.fields.relationship')} values={RELATIONSHIPS} labelOf={(v) => t(`pss.relationship.${v}`)} autoFocus />
      <CodePicker
        system="icd9-dx"
        label={t('pss.fields.diagnosis')}
        required
        value={first?.diagnosis}
        onChange={(v) => f.set('conditions', v ? [{ ...(first ?? {}), diagnosis: v }, ...conditions.slice(1)] : conditions.slice(1))}
        error={f.err('conditions')}
      />
      {conditions.length > 1 && <Text size="xs" c="dimmed">+ {conditions.slice(1).map((c) => `${c.diagnosis.display} (${c.diagnosis.code})`).join(', ')}</Text>}
      <NumberField f={f} k="deceasedAge" label={t('pss.fields.deceasedAge')} integer />
    </>
  );
}

export const familyHistoryForm: SectionForm = {
  initial: () => ({ relationship: 'FTH', conditions: [] }),
  Fields: FamilyHistoryFields,
};
