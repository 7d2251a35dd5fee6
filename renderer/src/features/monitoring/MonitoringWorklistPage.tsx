import { useCallback, useEffect, useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { WorklistAlert } from '../../../../shared/api/monitoring.ts';
import { alertLabel } from '../../../../shared/analytics/monitoring/evaluate.ts';
import { routeHref } from '../../app/router.ts';
import { useApi } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { formatDate } from '../patients/format.ts';

/**
 * The panel's telemonitoring worklist: the open alerts of the running plans (readings beyond an
 * alert threshold first, then outside the target, then days without readings), each with its
 * patient; "Presa visione" acknowledges one and it leaves the list (monitoring.acknowledge).
 */
export function MonitoringWorklistPage() {
  const { t } = useTranslation();
  const api = useApi();
  const [data, setData] = useState<{ today: string; items: WorklistAlert[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(() => api.call('monitoring.worklist', {}).then(setData, (e: unknown) => setError(errorText(t, e))), [api, t]);
  useEffect(() => {
    void load();
  }, [load]);

  const acknowledge = async (a: WorklistAlert) => {
    setBusy(a.id);
    try {
      await api.call('monitoring.acknowledge', { patientId: a.patientId, alertId: a.id });
      await load();
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack gap="md">
      <Title order={1} size="h2">{t('monitoring.title')}</Title>
      <Text c="dimmed">{t('monitoring.intro')}</Text>
      {error && <Alert color="red" role="alert">{error}</Alert>}
      {!data && !error && <Group role="status" aria-live="polite"><Loader size="sm" /><Text size="sm">{t('monitoring.loading')}</Text></Group>}
      {data && data.items.length === 0 && <Text data-testid="monitoring-empty">{t('monitoring.empty', { date: formatDate(data.today) })}</Text>}
      {data && data.items.length > 0 && (
        <Paper withBorder>
          <Table aria-label={t('monitoring.tableLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('monitoring.col.patient')}</Table.Th>
                <Table.Th>{t('monitoring.col.date')}</Table.Th>
                <Table.Th>{t('monitoring.col.severity')}</Table.Th>
                <Table.Th>{t('monitoring.col.alert')}</Table.Th>
                <Table.Th>{t('monitoring.col.action')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((a) => (
                <Table.Tr key={a.id} data-testid="monitoring-alert" data-severity={a.severity} data-kind={a.kind}>
                  <Table.Td>
                    <Anchor href={routeHref({ name: 'patient', id: a.patientId })}>{`${a.patient.surname} ${a.patient.givenName}`}</Anchor>
                    <Text size="xs" c="dimmed">{a.patient.identifier}</Text>
                  </Table.Td>
                  <Table.Td>{formatDate(a.date)}</Table.Td>
                  <Table.Td>
                    <Badge color={a.severity === 'critical' ? 'red.9' : 'yellow.9'} variant="filled">{t(`monitoring.severity.${a.severity}`)}</Badge>
                  </Table.Td>
                  <Table.Td>{alertLabel(a)}</Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="default" loading={busy === a.id} onClick={() => void acknowledge(a)} aria-label={t('monitoring.acknowledgeFor', { patient: `${a.patient.surname} ${a.patient.givenName}`, alert: alertLabel(a) })}>
                      {t('monitoring.acknowledge')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}
