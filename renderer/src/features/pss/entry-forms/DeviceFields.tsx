import { useTranslation } from 'react-i18next';
import { CodeField, DateField, type FieldsProps, type SectionForm } from './kit.tsx';

function DeviceFields(f: FieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <CodeField f={f} k="cnd" label={t('pss.fields.cnd')} system="cnd" required autoFocus />
      <DateField f={f} k="date" label={t('pss.fields.date')} />
    </>
  );
}

export const deviceForm: SectionForm = { Fields: DeviceFields };
