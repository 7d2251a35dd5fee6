import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Observation } from '../../../../shared/domain/record/index.ts';
import { formatInstant, formatRange, formatValue } from './format.ts';

/**
 * Points of series as a table: what, when (the chart date), value with its unit, range, and the
 * interpretation in words and letter (never by colour alone); a value that disagreed with the
 * document's own text carries its warning on the row.
 */
export function ObservationTable({ observations, caption }: { observations: Observation[]; caption: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Table striped withTableBorder fz="sm" data-testid="observation-table">
      <Table.Caption c="gray.7">{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('importDoc.columns.test')}</Table.Th>
          <Table.Th scope="col">{t('importDoc.columns.date')}</Table.Th>
          <Table.Th scope="col">{t('importDoc.columns.value')}</Table.Th>
          <Table.Th scope="col">{t('importDoc.columns.range')}</Table.Th>
          <Table.Th scope="col">{t('importDoc.columns.interpretation')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {observations.map((o) => (
          <Table.Tr key={o.id}>
            <Table.Td>
              {o.display}
              <Text span size="xs" c="gray.7"> {o.code}{o.specimen ? ` · ${o.specimen}` : ''}</Text>
              {o.flag && <Text size="xs" fw={600} role="note">⚠ {o.flag}</Text>}
            </Table.Td>
            <Table.Td>{formatInstant(o.effective)}</Table.Td>
            <Table.Td fw={o.interpretation && o.interpretation !== 'N' ? 700 : undefined}>{formatValue(o, i18n.language)}</Table.Td>
            <Table.Td>{formatRange(o, i18n.language)}</Table.Td>
            <Table.Td>{o.interpretation ? `${t(`importDoc.interpretation.${o.interpretation}`)} (${o.interpretation})` : ''}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
