import { useState } from 'react';
import { Alert, Badge, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { EntrySection } from '../../../../shared/api/record.ts';
import { useApi } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { EntryEditor } from '../pss/EntryEditor.tsx';
import { entrySummary, type AnyEntry } from '../pss/sections.ts';
import { useChartData } from './useChartData.ts';

/** Sections whose entries have a status (active / resolved): the current ones first, the history under them. */
const HAS_STATUS = new Set<EntrySection>(['problems', 'allergies']);

/**
 * Problemi, Allergie, Vaccinazioni: the section's whole list from the coded record, current and
 * history apart, each entry edited with the PSS editor's own form for its kind (EntryEditor:
 * one form per entry kind in the whole app), saved through record.upsertEntry.
 */
export function EntryListTab({ patientId, section }: { patientId: string; section: 'problems' | 'allergies' | 'vaccinations' }) {
  const { t } = useTranslation();
  const api = useApi();
  const { data, error, reload } = useChartData(patientId, () => api.call('record.get', { patientId }));
  const [editing, setEditing] = useState<{ entry: AnyEntry | null } | null>(null);
  if (error !== null && !data) return <Alert color="red" role="alert" title={t('chart.loadError')}>{errorText(t, error)}</Alert>;
  if (!data) return <Loader role="status" aria-label={t('chart.loading')} />;
  const entries = data.record[section] as unknown as AnyEntry[];
  const current = HAS_STATUS.has(section) ? entries.filter((e) => e.status === 'active') : entries;
  const past = HAS_STATUS.has(section) ? entries.filter((e) => e.status !== 'active') : [];
  const save = async (s: EntrySection, entry: AnyEntry) => {
    const version = data.meta.find((m) => m.section === s && m.id === entry.id)?.version;
    await api.call('record.upsertEntry', { patientId, section: s, entry, ...(version ? { version } : {}) } as never);
    notifications.show({ message: t('chart.list.saved') });
    reload();
  };
  const what = t(`pss.sections.${section}`);
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2} size="h4">{what}</Title>
        <Button variant="light" onClick={() => setEditing({ entry: null })} aria-label={t('pss.addTo', { section: what, what })}>{t('chart.list.add')}</Button>
      </Group>
      <EntryList title={HAS_STATUS.has(section) ? t('chart.list.current') : what} section={section} entries={current} onEdit={(entry) => setEditing({ entry })} />
      {HAS_STATUS.has(section) && <EntryList title={t('chart.list.history')} section={section} entries={past} onEdit={(entry) => setEditing({ entry })} />}
      <EntryEditor section={editing ? section : null} entry={editing?.entry ?? null} onClose={() => setEditing(null)} onSave={save} />
    </Stack>
  );
}

function EntryList({ title, section, entries, onEdit }: { title: string; section: EntrySection; entries: AnyEntry[]; onEdit(e: AnyEntry): void }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Title order={3} size="h5" mb="xs">{title}</Title>
      {entries.length === 0 ? <Text size="sm" c="gray.7">{t('chart.list.empty')}</Text> : (
        <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {entries.map((e) => (
            <Group key={e.id} component="li" justify="space-between" wrap="nowrap" gap="xs">
              <Group gap="xs" wrap="wrap">
                {typeof e.status === 'string' && <Badge size="sm" variant="outline" color="gray.8">{t(`chart.list.status.${e.status}`)}</Badge>}
                <Text size="sm">{entrySummary(t, section, e)}</Text>
              </Group>
              <Button size="compact-xs" variant="subtle" onClick={() => onEdit(e)} aria-label={`${t('chart.list.edit')}: ${entrySummary(t, section, e)}`}>{t('chart.list.edit')}</Button>
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
