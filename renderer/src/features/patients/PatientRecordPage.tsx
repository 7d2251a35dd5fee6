import { useEffect, useRef } from 'react';
import { Alert, Anchor, Button, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { Patient } from '../../../../shared/domain/patient.ts';
import { usePageKeys } from '../../app/layers/useLayer.ts';
import { navigate, routeHref } from '../../app/router.ts';
import { errorText } from '../../platform/error-text.ts';
import { formatDate, formatDateTime } from './format.ts';
import { PatientHeaderStrip } from './PatientHeaderStrip.tsx';
import { usePatient } from './usePatient.ts';
import { ReceivedDocumentsPanel } from '../import/ReceivedDocumentsPanel.tsx';
import { AccessLogPanel } from '../record/AccessLogPanel.tsx';
import { RecordEntrySection } from '../record/RecordEntrySection.tsx';
import { useLogRecordAccess } from '../record/useLogRecordAccess.ts';

/** Scheda paziente: header strip, personal details, Edit (Alt+M); Esc goes back to Assistiti. */
export function PatientRecordPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { patient, error, loading } = usePatient(id);
  useLogRecordAccess(id);
  const edit = () => navigate({ name: 'patient-edit', id });
  const heading = useRef<HTMLHeadingElement>(null);
  // A screen reader and the keyboard start from the patient's name, not from the page's body.
  const shown = Boolean(patient);
  useEffect(() => {
    if (shown) heading.current?.focus({ preventScroll: true });
  }, [shown]);
  useHotkeys(
    [
      ['alt+M', edit, { usePhysicalKeys: true }],
    ],
    [],
  );
  usePageKeys({ onEscape: () => navigate({ name: 'patients' }) });

  if (loading && !patient) return <Loader aria-label={t('patients.loading')} />;
  if (!patient)
    return (
      <Stack>
        <Alert color="red" role="alert" title={t('patient.record.notFound')}>
          {errorText(t, error)}
        </Alert>
        <Anchor href={routeHref({ name: 'patients' })}>{t('patient.record.back')}</Anchor>
      </Stack>
    );

  return (
    <Stack gap="md" maw={1100}>
      <Text size="sm" c="dimmed">
        <Anchor href={routeHref({ name: 'patients' })} size="sm">
          {t('patients.title')}
        </Anchor>{' '}
        › {t('patient.record.title')}
      </Text>
      <PatientHeaderStrip patient={patient} onEdit={edit} heading ref={heading} />
      <Group>
        <Button component="a" href={routeHref({ name: 'pss', id })} variant="light">
          {t('pss.open')}
        </Button>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Details title={t('patient.record.registry')} rows={registryRows(t, patient)} />
        <Details title={t('patient.record.contacts')} rows={contactRows(t, patient)} />
      </SimpleGrid>
      <RecordEntrySection patientId={id} />
      <ReceivedDocumentsPanel patientId={id} />
      <AccessLogPanel patientId={id} />
      <Text size="sm" c="dimmed">
        {t('patient.record.updatedAt')}: {formatDateTime(patient.updatedAt)}
      </Text>
      <Text c="dimmed">{t('patient.record.placeholder')}</Text>
    </Stack>
  );
}

type T = ReturnType<typeof useTranslation>['t'];

function registryRows(t: T, p: Patient): [string, string][] {
  return [
    [t('patient.fields.surname'), p.surname],
    [t('patient.fields.givenName'), p.givenName],
    [t('patient.fields.sex'), t(`patient.sex.${p.sex}`)],
    [t('patient.fields.birthDate'), formatDate(p.birthDate)],
    [t('patient.fields.birthPlace'), p.birthPlace ?? ''],
    [t(`patient.identifierLabels.${p.identifierKind}`), p.identifier],
    ...(p.identifierKind === 'TEAM' ? ([[t('patient.fields.teamCountry'), p.teamCountry ?? '']] as [string, string][]) : []),
  ];
}

function contactRows(t: T, p: Patient): [string, string][] {
  return [
    [t('patient.fields.address'), p.address ?? ''],
    [t('patient.fields.phone'), p.phone ?? ''],
    [t('patient.fields.email'), p.email ?? ''],
  ];
}

function Details({ title, rows }: { title: string; rows: [string, string][] }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="lg">
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 24, rowGap: 8, margin: 0 }}>
        {rows.map(([k, v]) => (
          <div key={k} style={{ display: 'contents' }}>
            <Text component="dt" c="dimmed" size="sm" pt={2}>
              {k}
            </Text>
            <Text component="dd" m={0}>
              {v || t('patient.record.none')}
            </Text>
          </div>
        ))}
      </dl>
    </Paper>
  );
}
