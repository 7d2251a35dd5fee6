import { useTranslation } from 'react-i18next';
import { ChoiceSelect, PeriodFields, TextField, TypedCodeFields, type FieldsProps, type SectionForm } from './kit.tsx';

/** The IG example's catalogue of networks (Lombardy); each region has its own. */
export const DEFAULT_NETWORK_CATALOGUE = '2.16.840.1.113883.2.9.2.30.3.1.3.6.10.1';

/** Reti di patologia: the network from the regional catalogue, its state and period. */
function CareNetworkFields(f: FieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <TypedCodeFields f={f} k="network" codeLabel={t('pss.fields.networkCode')} displayLabel={t('pss.fields.networkDisplay')} required autoFocus />
      <ChoiceSelect f={f} k="status" label={t('pss.fields.status')} values={['active', 'completed']} labelOf={(v) => t(`pss.status.${v}`)} />
      <PeriodFields f={f} />
      <TextField f={f} k="codeSystem" label={t('pss.fields.networkCatalogue')} description={t('pss.fields.networkCatalogueHint')} required />
    </>
  );
}

export const careNetworkForm: SectionForm = {
  initial: () => ({ status: 'active', codeSystem: DEFAULT_NETWORK_CATALOGUE }),
  Fields: CareNetworkFields,
};
