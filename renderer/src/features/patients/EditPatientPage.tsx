import { useRef } from 'react';
import { Alert, Loader } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { Patient } from '../../../../shared/domain/patient.ts';
import { navigate } from '../../app/router.ts';
import { useApi } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { PatientForm, type PatientFormValues } from './PatientForm.tsx';
import { usePatient } from './usePatient.ts';

function formValues(p: Patient): PatientFormValues {
  const { id: _id, version: _v, createdAt: _c, updatedAt: _u, ...input } = p;
  return input;
}

export function EditPatientPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const { patient, error, loading } = usePatient(id);
  // The version the doctor started editing: a change made meanwhile elsewhere gives CONFLICT, not a silent overwrite.
  const baseVersion = useRef<number | undefined>(undefined);
  if (patient && baseVersion.current === undefined) baseVersion.current = patient.version;
  if (loading && !patient) return <Loader role="status" aria-label={t('patients.loading')} />;
  if (!patient)
    return (
      <Alert color="red" role="alert" title={t('patient.record.notFound')}>
        {errorText(t, error)}
      </Alert>
    );
  return (
    <PatientForm
      key={patient.id}
      title={`${t('patient.form.editTitle')}: ${patient.surname} ${patient.givenName}`}
      initial={formValues(patient)}
      onCancel={() => navigate({ name: 'patient', id })}
      onSave={async (input) => {
        await api.call('patients.update', { ...input, id, version: baseVersion.current ?? patient.version });
        notifications.show({ color: 'teal', message: t('patient.form.saved') });
        navigate({ name: 'patient', id }, { replace: true });
      }}
    />
  );
}
