import { Checkbox } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ChoiceSelect, CodeField, PeriodFields, type FieldsProps, type SectionForm } from './kit.tsx';

function ProblemFields(f: FieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <CodeField f={f} k="diagnosis" label={t('pss.fields.diagnosis')} system="icd9-dx" required autoFocus />
      <ChoiceSelect f={f} k="status" label={t('pss.fields.status')} values={['active', 'resolved']} labelOf={(v) => t(`pss.status.${v}`)} />
      <Checkbox label={t('pss.fields.chronic')} checked={Boolean(f.draft.chronic)} onChange={(e) => f.set('chronic', e.currentTarget.checked)} />
      <ChoiceSelect f={f} k="severity" label={t('pss.fields.severity')} values={['L', 'M', 'H']} labelOf={(v) => t(`pss.levels.${v}`)} required={false} />
      <PeriodFields f={f} startKey="onset" endKey="resolution" />
    </>
  );
}

export const problemForm: SectionForm = {
  initial: () => ({ status: 'active', chronic: true }),
  Fields: ProblemFields,
};
