import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../app/router.ts';
import { useApi } from '../../platform/api-context.tsx';
import { PatientForm } from './PatientForm.tsx';

export function NewPatientPage() {
  const { t } = useTranslation();
  const api = useApi();
  return (
    <PatientForm
      title={t('patient.form.newTitle')}
      onCancel={() => navigate({ name: 'patients' })}
      onSave={async (input) => {
        const p = await api.call('patients.create', input);
        notifications.show({ color: 'teal', message: t('patient.form.saved') });
        navigate({ name: 'patient', id: p.id }, { replace: true });
      }}
    />
  );
}
