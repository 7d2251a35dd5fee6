import { useEffect, useRef, useState } from 'react';
import { Alert, Badge, Button, Grid, Group, List, Paper, Progress, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { ReviewItem } from '../../../../shared/api/pss.ts';
import { navigate } from '../../app/router.ts';
import { useApi, useServiceEvent } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { useSignAndSend } from './useSignAndSend.tsx';

type Decision = 'confirmed' | 'skipped';

/** Compilazione massiva PSS (UX.md screen 5): generate drafts for the panel, review them with the keyboard. */
export function PssBulkPage() {
  const { t } = useTranslation();
  const api = useApi();
  const [limit, setLimit] = useState('10');
  const [items, setItems] = useState<ReviewItem[]>([]);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [current, setCurrent] = useState(0);
  const [decisions, setDecisions] = useState<Record<string, Decision>>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const rowRefs = useRef<Array<HTMLTableRowElement | null>>([]);
  const sign = useSignAndSend((ids) =>
    setItems((list) => list.map((i) => (ids.includes(i.patientId) && i.draft ? { ...i, draft: { ...i.draft, state: 'signed' } } : i))),
  );
  useServiceEvent('pss.bulkProgress', (p) => setProgress({ done: p.done, total: p.total }));

  const generate = async () => {
    setRunning(true);
    setError(null);
    setProgress(null);
    try {
      const r = await api.call('pss.bulkDrafts', { limit: Number(limit) });
      setItems(r.items);
      setDecisions({});
      setCurrent(0);
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setRunning(false);
    }
  };

  useEffect(() => {
    rowRefs.current[current]?.scrollIntoView({ block: 'nearest' });
    rowRefs.current[current]?.focus();
  }, [current, items]);

  const item = items[current];
  const next = () => setCurrent((c) => Math.min(items.length - 1, c + 1));
  const confirm = async () => {
    if (!item) return;
    if (item.draft?.state !== 'draft') {
      // Already confirmed (or signed): nothing to do, say so and move on.
      setError(null);
      setNotice(t('pss.bulk.alreadyConfirmed', { name: `${item.surname} ${item.givenName}`, state: item.draft ? t(`pss.state.${item.draft.state}`) : '—' }));
      next();
      return;
    }
    setNotice(null);
    try {
      const summary = await api.call('pss.confirm', { patientId: item.patientId });
      setItems((list) => list.map((i) => (i.patientId === item.patientId ? { ...i, draft: summary } : i)));
      setDecisions((d) => ({ ...d, [item.patientId]: 'confirmed' }));
      next();
    } catch (e) {
      setError(errorText(t, e));
    }
  };
  const skip = () => {
    if (!item) return;
    setDecisions((d) => ({ ...d, [item.patientId]: 'skipped' }));
    next();
  };
  useHotkeys(
    [
      ['ArrowDown', () => next()],
      ['ArrowUp', () => setCurrent((c) => Math.max(0, c - 1))],
      ['C', () => void confirm()],
      ['S', () => skip()],
      ['E', () => item && navigate({ name: 'pss', id: item.patientId })],
    ],
    [],
  );

  const confirmedIds = items.filter((i) => i.draft?.state === 'confirmed').map((i) => i.patientId);
  const confirmed = Object.values(decisions).filter((d) => d === 'confirmed').length;
  const skipped = Object.values(decisions).filter((d) => d === 'skipped').length;
  const stateOf = (i: ReviewItem) => (decisions[i.patientId] === 'skipped' ? t('pss.bulk.skipped') : i.draft ? t(`pss.state.${i.draft.state}`) : '—');

  return (
    <Stack gap="md">
      <Title order={1} size="h2">{t('pss.bulk.title')}</Title>
      <Text c="dimmed">{t('pss.bulk.intro')}</Text>
      <Group align="flex-end">
        <Select label={t('pss.bulk.limit')} data={['5', '10', '20', '50', '100']} value={limit} onChange={(v) => v && setLimit(v)} allowDeselect={false} w={160} />
        <Button onClick={() => void generate()} loading={running}>{t('pss.bulk.generate')}</Button>
        {confirmedIds.length > 0 && (
          <Button color="green" onClick={() => void sign.start(confirmedIds)} loading={sign.busy}>{t('pss.sign.batch', { count: confirmedIds.length })}</Button>
        )}
        {progress && running && <Text size="sm" aria-live="polite">{t('pss.bulk.progress', progress)}</Text>}
      </Group>
      {progress && running && <Progress value={(100 * progress.done) / Math.max(1, progress.total)} aria-label={t('pss.bulk.progress', progress)} />}
      {error && <Alert color="red" role="alert">{error}</Alert>}
      {notice && <Text size="sm" role="status" data-testid="bulk-notice">{notice}</Text>}
      {items.length === 0 && !running && <Text c="dimmed">{t('pss.bulk.empty')}</Text>}
      {items.length > 0 && (
        <Grid>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Paper withBorder>
              <Table highlightOnHover stickyHeader aria-label={t('pss.bulk.queue')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('pss.bulk.patient')}</Table.Th>
                    <Table.Th>{t('pss.bulk.state')}</Table.Th>
                    <Table.Th>{t('pss.bulk.missing')}</Table.Th>
                    <Table.Th>{t('pss.bulk.suspicious')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((i, n) => (
                    <Table.Tr
                      key={i.patientId}
                      ref={(el) => {
                        rowRefs.current[n] = el;
                      }}
                      tabIndex={n === current ? 0 : -1}
                      aria-selected={n === current}
                      data-testid="bulk-row"
                      onClick={() => setCurrent(n)}
                      style={{ cursor: 'pointer', background: n === current ? 'var(--mantine-color-blue-light)' : undefined }}
                    >
                      <Table.Td>{i.surname} {i.givenName}</Table.Td>
                      <Table.Td>
                        <Badge size="sm" variant="light" color={decisions[i.patientId] === 'confirmed' ? 'green' : decisions[i.patientId] === 'skipped' ? 'gray' : i.errors.length > 0 ? 'red' : 'blue'}>
                          {stateOf(i)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{i.missing.length}</Table.Td>
                      <Table.Td>{i.suspicious.length + i.errors.length}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
            {confirmed + skipped > 0 && <Text size="sm" mt="xs" role="status">{t('pss.bulk.done', { confirmed, skipped })}</Text>}
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            {item && (
              <Paper withBorder p="md" aria-label={t('pss.bulk.current')} data-testid="bulk-current">
                <Title order={2} size="h4">{item.surname} {item.givenName}</Title>
                <Text size="sm" c="dimmed">{item.identifier} · {item.birthDate.split('-').reverse().join('/')}</Text>
                <Section title={t('pss.bulk.missing')} lines={item.missing} />
                <Section title={t('pss.bulk.suspicious')} lines={item.suspicious} />
                {item.errors.length > 0 && <Section title={t('pss.bulk.errors')} lines={item.errors} color="red" />}
                <Group mt="md">
                  <Button onClick={() => void confirm()} disabled={item.errors.length > 0 || item.draft?.state !== 'draft'}>{t('pss.bulk.confirm')}</Button>
                  <Button variant="default" onClick={skip}>{t('pss.bulk.skip')}</Button>
                  <Button variant="subtle" onClick={() => navigate({ name: 'pss', id: item.patientId })}>{t('pss.bulk.edit')}</Button>
                </Group>
              </Paper>
            )}
          </Grid.Col>
        </Grid>
      )}
      {sign.dialog}
    </Stack>
  );
}

function Section({ title, lines, color }: { title: string; lines: string[]; color?: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2} mt="sm">
      <Text fw={600} size="sm">{title}</Text>
      {lines.length === 0 ? <Text size="sm" c="dimmed">{t('pss.bulk.nothing')}</Text> : (
        <List size="sm" c={color}>
          {lines.map((l) => <List.Item key={l}>{l}</List.Item>)}
        </List>
      )}
    </Stack>
  );
}
