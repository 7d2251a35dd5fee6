import { useState } from 'react';
import { Alert, Badge, Button, Group, Loader, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { PlanWithHistory } from '../../../../shared/api/therapies.ts';
import { MedicationEntry } from '../../../../shared/domain/clinical-record.ts';
import { useApi } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { EntryEditor } from '../pss/EntryEditor.tsx';
import type { AnyEntry } from '../pss/sections.ts';
import { formatDate } from '../patients/format.ts';
import { useChartData } from './useChartData.ts';

/**
 * Terapie: every therapy plan, current ones first and the stopped ones (suspended, completed)
 * under them, with the last prescription and the number of refills. A plan is edited with the
 * PSS editor's therapy form (the plan keeps what that form does not show: posology, chronicity).
 */
export function TherapiesTab({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const { data, error, reload } = useChartData(patientId, () => api.call('therapy.listPlans', { patientId }));
  const [editing, setEditing] = useState<{ entry: AnyEntry | null; version?: number } | null>(null);
  if (error !== null && !data) return <Alert color="red" role="alert" title={t('chart.loadError')}>{errorText(t, error)}</Alert>;
  if (!data) return <Loader role="status" aria-label={t('chart.loading')} />;
  const current = data.items.filter((x) => x.plan.status === 'active');
  const past = data.items.filter((x) => x.plan.status !== 'active');
  const save = async (_s: string, entry: AnyEntry) => {
    await api.call('record.upsertEntry', { patientId, section: 'medications', entry: entry as never, ...(editing?.version ? { version: editing.version } : {}) });
    notifications.show({ message: t('chart.list.saved') });
    reload();
  };
  const edit = (p: PlanWithHistory) => setEditing({ entry: MedicationEntry.parse(p.plan) as unknown as AnyEntry, version: p.plan.meta.version });
  const what = t('pss.sections.medications');
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2} size="h4">{t('chart.tabs.therapies')}</Title>
        <Button variant="light" onClick={() => setEditing({ entry: null })} aria-label={t('pss.addTo', { section: what, what })}>{t('chart.list.add')}</Button>
      </Group>
      <Plans title={t('chart.list.current')} items={current} onEdit={edit} />
      <Plans title={t('chart.list.history')} items={past} onEdit={edit} />
      <EntryEditor section={editing ? 'medications' : null} entry={editing?.entry ?? null} onClose={() => setEditing(null)} onSave={save} />
    </Stack>
  );
}

function Plans({ title, items, onEdit }: { title: string; items: PlanWithHistory[]; onEdit(p: PlanWithHistory): void }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Title order={3} size="h5" mb="xs">{title}</Title>
      {items.length === 0 ? <Text size="sm" c="gray.7">{t('chart.list.empty')}</Text> : (
        <Table fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('pss.sections.medications')}</Table.Th>
              <Table.Th scope="col">{t('chart.list.lastPrescribed')}</Table.Th>
              <Table.Th scope="col">{t('chart.list.refills')}</Table.Th>
              <Table.Th scope="col"><VisuallyHidden>{t('chart.list.edit')}</VisuallyHidden></Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((x) => (
              <Table.Tr key={x.plan.id}>
                <Table.Td>
                  <Group gap="xs" wrap="wrap">
                    <Text size="sm" fw={600}>{x.plan.aic?.display ?? x.plan.atc.display}</Text>
                    {x.plan.chronic && <Badge size="sm" variant="outline" color="gray.8">{t('chart.summary.continuous')}</Badge>}
                    {x.plan.status !== 'active' && <Badge size="sm" variant="outline" color="gray.8">{t(`chart.list.status.${x.plan.status}`)}</Badge>}
                  </Group>
                  <Text size="xs" c="gray.7">{x.plan.dosageText}{x.plan.start ? ` · ${formatDate(x.plan.start)}` : ''}{x.plan.end ? ` → ${formatDate(x.plan.end)}` : ''}</Text>
                </Table.Td>
                <Table.Td>{x.lastPrescribed ? formatDate(x.lastPrescribed) : '—'}</Table.Td>
                <Table.Td>{x.refills.length}</Table.Td>
                <Table.Td><Button size="compact-xs" variant="subtle" onClick={() => onEdit(x)} aria-label={`${t('chart.list.edit')}: ${x.plan.aic?.display ?? x.plan.atc.display}`}>{t('chart.list.edit')}</Button></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
