import { useEffect, useState } from 'react';
import { Alert, Anchor, Loader, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../shared/api/define.ts';
import type { AppContract } from '../../../../shared/api/index.ts';
import type { ActivityGroup } from '../../../../shared/api/doctors.ts';
import { navigate, routeHref } from '../../app/router.ts';
import { useApi } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { formatDate, formatDateTime } from '../patients/format.ts';
import { nameOf, periodText, roleText } from './doctor-text.ts';
import { useDoctors } from './useDoctors.tsx';

type Activity = MethodOutput<AppContract, 'doctors.activity'>;

/**
 * "Cosa ha fatto il sostituto": for the titolare, per substitution period, the patients seen, the
 * documents written and where their publication is, the prescriptions, with links. A sostituto
 * at work sees her own.
 */
export function LocumActivityPage({ id }: { id?: string | undefined }) {
  const { t } = useTranslation();
  const api = useApi();
  const { overview, working } = useDoctors();
  const [activity, setActivity] = useState<Activity>();
  const [error, setError] = useState<string>();
  const others = (overview?.doctors ?? []).filter((d) => d.kind !== 'titolare');
  const choices = working?.kind === 'titolare' ? others : working ? [working] : [];
  const selected = id ?? choices[0]?.id;

  useEffect(() => {
    if (!selected) return;
    let live = true;
    setActivity(undefined);
    setError(undefined);
    api.call('doctors.activity', { id: selected }).then(
      (a) => live && setActivity(a),
      (e: unknown) => live && setError(errorText(t, e)),
    );
    return () => {
      live = false;
    };
  }, [api, selected, t]);

  return (
    <Stack gap="lg" data-testid="locum-activity">
      <Title order={1} size="h2">
        {t('doctors.activity.title')}
      </Title>
      {choices.length === 0 ? (
        <Text>{t('doctors.activity.none')}</Text>
      ) : (
        <NativeSelect
          label={t('doctors.activity.doctor')}
          value={selected}
          onChange={(e) => navigate({ name: 'activity', id: e.currentTarget.value }, { replace: true })}
          data={choices.map((d) => ({ value: d.id, label: `${nameOf(d)} — ${roleText(t, d)}` }))}
          maw={560}
          data-testid="locum-activity-doctor"
        />
      )}
      {error && <Alert color="red" role="alert">{error}</Alert>}
      {selected && !activity && !error && <Loader size="sm" role="status" aria-label={t('doctors.activity.loading')} />}
      {activity && activity.groups.length === 0 && <Text data-testid="locum-activity-empty">{t('doctors.activity.empty')}</Text>}
      {activity?.groups.map((g) => <PeriodActivity key={g.period ? `${g.period.from}-${g.period.to}` : 'outside'} group={g} />)}
    </Stack>
  );
}

function PeriodActivity({ group: g }: { group: ActivityGroup }) {
  const { t } = useTranslation();
  const heading = g.period ? periodText(t, g.period) : t('doctors.activity.outside');
  return (
    <Paper withBorder p="lg" component="section" aria-label={heading} data-testid="locum-activity-period">
      <Stack gap="md">
        <Title order={2} size="h3">
          {heading}
        </Title>
        <Text size="sm">{t('doctors.activity.summary', { patients: g.patients.length, documents: g.documents.length, prescriptions: g.prescriptions.length, visits: g.visits })}</Text>

        <Title order={3} size="h4">{t('doctors.activity.patients')}</Title>
        {g.patients.length === 0 ? <Text size="sm" c="dimmed">{t('doctors.activity.nothing')}</Text> : (
          <Table aria-label={t('doctors.activity.patients')} data-testid="locum-activity-patients">
            <Table.Thead><Table.Tr><Table.Th scope="col">{t('doctors.activity.patient')}</Table.Th><Table.Th scope="col">{t('doctors.activity.lastAt')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {g.patients.map((p) => (
                <Table.Tr key={p.patientId}>
                  <Table.Td><Anchor href={routeHref({ name: 'patient', id: p.patientId })}>{p.surname} {p.givenName}</Anchor></Table.Td>
                  <Table.Td>{formatDateTime(p.lastAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}

        <Title order={3} size="h4">{t('doctors.activity.documents')}</Title>
        {g.documents.length === 0 ? <Text size="sm" c="dimmed">{t('doctors.activity.nothing')}</Text> : (
          <Table aria-label={t('doctors.activity.documents')} data-testid="locum-activity-documents">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('doctors.activity.document')}</Table.Th>
                <Table.Th scope="col">{t('doctors.activity.patient')}</Table.Th>
                <Table.Th scope="col">{t('doctors.activity.state')}</Table.Th>
                <Table.Th scope="col">{t('doctors.activity.updatedAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {g.documents.map((d) => (
                <Table.Tr key={d.documentId} data-state={d.state}>
                  <Table.Td><Anchor href={routeHref({ name: 'pss', id: d.patientId })}>{t('doctors.activity.pss', { version: d.versionNumber })}</Anchor></Table.Td>
                  <Table.Td><Anchor href={routeHref({ name: 'patient', id: d.patientId })}>{d.surname} {d.givenName}</Anchor></Table.Td>
                  <Table.Td>{t(`pss.state.${d.state}`)}{d.outboxState ? ` · ${t(`outbox.state.${d.outboxState}`)}` : ''}</Table.Td>
                  <Table.Td>{formatDateTime(d.updatedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}

        <Title order={3} size="h4">{t('doctors.activity.prescriptions')}</Title>
        {g.prescriptions.length === 0 ? <Text size="sm" c="dimmed">{t('doctors.activity.nothing')}</Text> : (
          <Table aria-label={t('doctors.activity.prescriptions')} data-testid="locum-activity-prescriptions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('doctors.activity.date')}</Table.Th>
                <Table.Th scope="col">{t('doctors.activity.patient')}</Table.Th>
                <Table.Th scope="col">{t('doctors.activity.prescription')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {g.prescriptions.map((p) => (
                <Table.Tr key={`${p.patientId}-${p.id}`}>
                  <Table.Td>{formatDate(p.date)}</Table.Td>
                  <Table.Td><Anchor href={routeHref({ name: 'patient', id: p.patientId })}>{p.surname} {p.givenName}</Anchor></Table.Td>
                  <Table.Td>{t(`doctors.activity.rxKind.${p.kind}`)}: {p.display}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
