import { useEffect, useState } from 'react';
import { Button, Group, Paper, SegmentedControl, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AccessEntry } from '../../../../shared/api/access.ts';
import { formatDateTimeIn } from '../../../../shared/format/clinical-time.ts';
import { useApi } from '../../platform/api-context.tsx';
import { useClinicalZone } from './useClinicalZone.ts';

const PAGE = 20;
/** Audit verbs with a label of their own (record.access.actions, "." written "_"); any other is shown as it is. */
const NAMED = new Set([
  'access.record', 'access.document', 'document.view', 'access.export', 'visit.create', 'visit.update', 'visit.remove',
  'therapy.create', 'therapy.update', 'therapy.stop', 'therapy.suspend', 'therapy.resume', 'prescription.create',
  'observations.record', 'patient.create', 'patient.update', 'document.import', 'record.import',
]);

/**
 * Accessi alla scheda: who opened or changed this patient's record and when (Garante, Linee
 * guida in materia di dossier sanitario: the patient may ask for the list). Closed until asked
 * for; views only or every audited action. Self-contained, mounted with one line.
 */
export function AccessLogPanel({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const zone = useClinicalZone();
  const [shown, setShown] = useState(false);
  const [only, setOnly] = useState<'views' | 'all'>('views');
  const [limit, setLimit] = useState(PAGE);
  const [page, setPage] = useState<{ items: AccessEntry[]; total: number } | null>(null);
  const [doctor, setDoctor] = useState<{ cf: string; name: string } | null>(null);

  useEffect(() => {
    if (!shown) return;
    let live = true;
    api.call('access.list', { patientId, only, limit }).then((r) => live && setPage(r), () => undefined);
    api.call('profile.get', {}).then((p) => {
      const a = p.effective?.author;
      if (live && a) setDoctor({ cf: a.codiceFiscale, name: [a.prefix, a.givenName, a.surname].filter(Boolean).join(' ') });
    }, () => undefined);
    return () => {
      live = false;
    };
  }, [api, patientId, only, limit, shown]);

  const who = (e: AccessEntry) => (e.authorId && doctor?.cf === e.authorId ? doctor.name : (e.authorId ?? e.actor));
  const what = (e: AccessEntry) =>
    NAMED.has(e.action) ? t(`record.access.actions.${e.action.replace('.', '_')}`, { id: e.documentId ?? '' }) : t('record.access.actions.other', { action: e.action });

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="access-log-title" data-testid="access-log">
      <Group justify="space-between">
        <Title order={2} size="h4" id="access-log-title">{t('record.access.title')}</Title>
        <Button variant="default" size="compact-sm" aria-expanded={shown} onClick={() => setShown((s) => !s)}>
          {t(shown ? 'record.access.hide' : 'record.access.show')}
        </Button>
      </Group>
      {shown && (
        <>
          <Text size="sm" c="dimmed" mt="xs">{t('record.access.intro')}</Text>
          <SegmentedControl
            mt="sm"
            size="xs"
            value={only}
            onChange={(v) => { setOnly(v as 'views' | 'all'); setLimit(PAGE); }}
            data={[{ value: 'views', label: t('record.access.only.views') }, { value: 'all', label: t('record.access.only.all') }]}
          />
          {page && page.items.length === 0 && <Text size="sm" mt="sm">{t('record.access.empty')}</Text>}
          {page && page.items.length > 0 && (
            <Table mt="sm" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('record.access.columns.at')}</Table.Th>
                  <Table.Th>{t('record.access.columns.who')}</Table.Th>
                  <Table.Th>{t('record.access.columns.what')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.items.map((e) => (
                  <Table.Tr key={e.seq}>
                    <Table.Td>{formatDateTimeIn(e.at, zone)}</Table.Td>
                    <Table.Td>{who(e)}</Table.Td>
                    <Table.Td>{t(`record.access.kind.${e.kind}`)}: {what(e)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {page && page.total > page.items.length && (
            <Group gap="xs" mt="xs">
              <Text size="xs" c="dimmed">{t('record.access.count', { shown: page.items.length, count: page.total })}</Text>
              <Button variant="subtle" size="compact-xs" onClick={() => setLimit((n) => n + PAGE)}>{t('record.access.more')}</Button>
            </Group>
          )}
        </>
      )}
    </Paper>
  );
}
