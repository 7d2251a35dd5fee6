import { SegmentedControl, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CodePicker } from '../CodePicker.tsx';
import { ChoiceSelect, CodeField, PeriodFields, type FieldsProps, type SectionForm } from './kit.tsx';

const TYPES = ['ALG', 'OINT', 'DALG', 'DINT', 'FALG', 'FINT', 'EALG'] as const;

function AllergyFields(f: FieldsProps) {
  const { t } = useTranslation();
  const agent = (f.draft.agent as { kind: string; code?: string; display?: string } | undefined) ?? { kind: 'atc' };
  const system = agent.kind === 'aic' ? 'aic' : agent.kind === 'substance' ? 'allergen' : 'atc';
  return (
    <>
      <ChoiceSelect f={f} k="type" label={t('pss.fields.type')} values={TYPES} labelOf={(v) => t(`pss.allergyType.${v}`)} />
      <Stack gap={4}>
        <Text size="sm" fw={500}>{t('pss.fields.agentKind')}</Text>
        <SegmentedControl
          aria-label={t('pss.fields.agentKind')}
          value={agent.kind}
          onChange={(kind) => f.set('agent', { kind })}
          data={(['atc', 'aic', 'substance', 'unknown'] as const).map((k) => ({ value: k, label: t(`pss.agentKinds.${k}`) }))}
        />
      </Stack>
      {agent.kind !== 'unknown' && (
        <CodePicker
          system={system}
          label={t('pss.fields.agent')}
          required
          autoFocus
          value={agent.code ? { code: agent.code, display: agent.display ?? '' } : undefined}
          onChange={(v) => f.set('agent', v ? { kind: agent.kind, ...v } : { kind: agent.kind })}
          error={f.err('agent')}
        />
      )}
      <CodeField f={f} k="reaction" label={t('pss.fields.reaction')} system="icd9-dx" />
      <ChoiceSelect f={f} k="criticality" label={t('pss.fields.criticality')} values={['L', 'M', 'H']} labelOf={(v) => t(`pss.levels.${v}`)} required={false} />
      <ChoiceSelect f={f} k="status" label={t('pss.fields.status')} values={['active', 'resolved']} labelOf={(v) => t(`pss.status.${v}`)} />
      <PeriodFields f={f} startKey="onset" endKey="resolution" />
    </>
  );
}

export const allergyForm: SectionForm = {
  initial: () => ({ type: 'DALG', agent: { kind: 'atc' }, status: 'active' }),
  Fields: AllergyFields,
};
