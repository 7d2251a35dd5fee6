import { useTranslation } from 'react-i18next';
import { CodePicker, type Coded } from '../CodePicker.tsx';
import { ChoiceSelect, CodeField, PeriodFields, TextField, type FieldsProps, type SectionForm } from './kit.tsx';

export const ROUTES = ['PO', 'SL', 'SQ', 'IM', 'IV', 'NASINHL', 'TRNSDERM', 'RECTAL'] as const;

function MedicationFields(f: FieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <CodePicker
        system="aic"
        label={t('pss.fields.aic')}
        value={f.draft.aic as Coded | undefined}
        onChange={(v, term) => f.patch({ aic: v, ...(term?.atc ? { atc: term.atc } : {}) })}
        error={f.err('aic')}
      />
      <CodeField f={f} k="atc" label={t('pss.fields.atc')} system="atc" required />
      <TextField f={f} k="dosageText" label={t('pss.fields.dosageText')} required />
      <ChoiceSelect f={f} k="route" label={t('pss.fields.route')} values={ROUTES} labelOf={(v) => t(`pss.route.${v}`)} />
      <ChoiceSelect f={f} k="status" label={t('pss.fields.status')} values={['active', 'completed', 'suspended']} labelOf={(v) => t(`pss.status.${v}`)} />
      <PeriodFields f={f} />
    </>
  );
}

export const medicationForm: SectionForm = {
  initial: () => ({ route: 'PO', status: 'active', dosageText: '' }),
  Fields: MedicationFields,
};
