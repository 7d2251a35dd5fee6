import { useState } from 'react';
import { Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DATE_FORMATS } from '../../../../shared/documents/csv/dates.ts';
import { MAPPABLE_SERIES, type DeviceCsvMapping } from '../../../../shared/documents/csv/mapping.ts';

/**
 * The column mapping of a device export the app does not know, saved once (a setting) and
 * used for every later file with the same columns: which column holds the date (and the time),
 * in which format and time zone, and which series each measure column feeds.
 */
export function CsvMappingForm({ columns, onSave, busy }: { columns: string[]; onSave(m: DeviceCsvMapping): void; busy: boolean }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [dateColumn, setDateColumn] = useState<string | null>(columns[0] ?? null);
  const [timeColumn, setTimeColumn] = useState<string | null>(null);
  const [dateFormat, setDateFormat] = useState<string>('DD/MM/YYYY HH:mm');
  const [timeZone, setTimeZone] = useState('Europe/Rome');
  const [series, setSeries] = useState<Record<string, string | null>>({});
  const measures = columns.filter((c) => c !== dateColumn && c !== timeColumn && series[c]).map((column) => {
    const s = MAPPABLE_SERIES.find((x) => x.code === series[column])!;
    return { column, code: s.code, display: s.display, unit: s.unit };
  });
  const ready = name.trim() !== '' && dateColumn !== null && measures.length > 0;
  const seriesData = MAPPABLE_SERIES.map((s) => ({ value: s.code, label: `${s.display} (${s.unit})` }));
  return (
    <Stack gap="xs" data-testid="csv-mapping">
      <Text size="sm">{t('importDoc.mapping.intro')}</Text>
      <Group grow>
        <TextInput label={t('importDoc.mapping.name')} placeholder={t('importDoc.mapping.namePlaceholder')} value={name} onChange={(e) => setName(e.currentTarget.value)} required />
        <Select label={t('importDoc.mapping.dateColumn')} data={columns} value={dateColumn} onChange={setDateColumn} allowDeselect={false} required />
        <Select label={t('importDoc.mapping.timeColumn')} data={columns} value={timeColumn} onChange={setTimeColumn} clearable placeholder={t('importDoc.mapping.inDate')} />
      </Group>
      <Group grow>
        <Select label={t('importDoc.csv.dateFormat')} data={[...DATE_FORMATS]} value={dateFormat} onChange={(v) => v && setDateFormat(v)} allowDeselect={false} />
        <TextInput label={t('importDoc.csv.timeZone')} value={timeZone} onChange={(e) => setTimeZone(e.currentTarget.value)} />
      </Group>
      <Table withTableBorder fz="sm">
        <Table.Caption c="gray.7">{t('importDoc.mapping.caption')}</Table.Caption>
        <Table.Thead><Table.Tr><Table.Th scope="col">{t('importDoc.mapping.column')}</Table.Th><Table.Th scope="col">{t('importDoc.mapping.series')}</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {columns.filter((c) => c !== dateColumn && c !== timeColumn).map((c) => (
            <Table.Tr key={c}>
              <Table.Td>{c}</Table.Td>
              <Table.Td>
                <Select aria-label={t('importDoc.mapping.seriesFor', { column: c })} data={seriesData} value={series[c] ?? null} onChange={(v) => setSeries({ ...series, [c]: v })} clearable placeholder={t('importDoc.mapping.skip')} size="xs" />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group justify="flex-end">
        <Button disabled={!ready} loading={busy} onClick={() => onSave({ name: name.trim(), dateColumn: dateColumn!, ...(timeColumn ? { timeColumn } : {}), dateFormat, timeZone, measures })}>
          {t('importDoc.mapping.save')}
        </Button>
      </Group>
    </Stack>
  );
}
