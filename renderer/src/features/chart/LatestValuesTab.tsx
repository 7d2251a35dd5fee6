import { Alert, Loader, Paper, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDecimal } from '../../../../shared/format/decimal.ts';
import { useApi } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { formatDate } from '../patients/format.ts';
import { useChartData } from './useChartData.ts';

/**
 * The last value of every parameter the patient has (observations.latest): what the Parametri
 * tab shows until its trend charts and tables are mounted there.
 */
export function LatestValuesTab({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const { data, error } = useChartData(patientId, () => api.call('observations.latest', { patientId }));
  if (error !== null && !data) return <Alert color="red" role="alert" title={t('chart.loadError')}>{errorText(t, error)}</Alert>;
  if (!data) return <Loader aria-label={t('chart.loading')} />;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="latest-title">
      <Title order={2} size="h4" id="latest-title" mb="xs">{t('chart.parameters.title')}</Title>
      {data.items.length === 0 ? <Text size="sm">{t('chart.parameters.empty')}</Text> : (
        <Table fz="sm" stickyHeader>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('chart.parameters.code')}</Table.Th>
              <Table.Th scope="col">{t('chart.parameters.value')}</Table.Th>
              <Table.Th scope="col">{t('chart.parameters.date')}</Table.Th>
              <Table.Th scope="col">{t('chart.parameters.count')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map(({ observation: o, count }) => (
              <Table.Tr key={o.code}>
                <Table.Th scope="row" fw={400}>{o.display} <Text span size="xs" c="gray.7">({o.code})</Text></Table.Th>
                <Table.Td>{o.value.type === 'quantity' ? `${formatDecimal(o.value.value)} ${o.value.unit}` : o.value.type === 'text' ? o.value.text : o.value.display}</Table.Td>
                <Table.Td>{formatDate(o.effective)}</Table.Td>
                <Table.Td>{count}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
