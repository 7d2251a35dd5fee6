import { useState } from 'react';
import { Alert, Badge, Button, Group, Loader, Paper, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OutboxListEntry } from '../../../../shared/api/outbox.ts';
import { allowedEvents, type OutboxState } from '../../../../shared/outbox/state-machine.ts';
import { useApi } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { attemptsShown, errorView } from './entry-text.ts';
import { dateTime, relativeTime } from './format.ts';
import { gatewayState } from './OutboxIndicators.tsx';
import { useNow, useOutboxList, useOutboxSummary } from './useOutbox.ts';

const STATE_COLOR: Record<OutboxState, string> = {
  draft: 'gray',
  queued: 'blue',
  sending: 'indigo',
  waiting_retry: 'yellow',
  reconciling: 'violet',
  accepted: 'cyan',
  published: 'teal',
  rejected: 'red',
  parked: 'orange',
  cancelled: 'gray',
};

/** States where the scheduler will act by itself: "next try" is meaningful. */
const BADGE_STYLES = { root: { height: 'auto', paddingBlock: 2 }, label: { whiteSpace: 'normal', overflow: 'visible' } } as const;

const SCHEDULED: ReadonlySet<OutboxState> = new Set(['queued', 'waiting_retry', 'reconciling', 'accepted']);

type Action = 'retry' | 'edit' | 'cancel';

function actionsFor(state: OutboxState): Action[] {
  const ev = allowedEvents(state);
  const out: Action[] = [];
  if (ev.includes('retry_now') || state === 'draft') out.push('retry');
  if (ev.includes('edit')) out.push('edit');
  if (ev.includes('cancel')) out.push('cancel');
  return out;
}

/** Coda di invio (UX.md screen 7): every document on its way to the FSE, with honest status. */
export function OutboxPage() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { entries, error, reload } = useOutboxList();
  const { summary, set } = useOutboxSummary();
  const now = useNow();
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const [actionError, setActionError] = useState<string | undefined>(undefined);
  const lang = i18n.language;

  async function act(entry: OutboxListEntry, action: Action) {
    setBusy(`${entry.id}:${action}`);
    setActionError(undefined);
    try {
      await api.call(`outbox.${action}`, { id: entry.id });
      reload();
    } catch (e) {
      setActionError(errorText(t, e));
    } finally {
      setBusy(undefined);
    }
  }

  async function setPaused(paused: boolean) {
    try {
      set(await api.call('outbox.setPaused', { paused }));
    } catch (e) {
      setActionError(errorText(t, e));
    }
  }

  const state = summary ? gatewayState(summary) : undefined;
  const sending = entries?.filter((e) => e.state === 'sending').length ?? 0;

  function nextTry(e: OutboxListEntry): string {
    if (!SCHEDULED.has(e.state)) return '—';
    if (state === 'not-configured') return t('outbox.next.notConfigured');
    if (summary?.paused) return t('outbox.next.paused');
    if (e.nextAttemptAt <= now) return state === 'offline' ? t('outbox.next.whenOnline') : t('outbox.next.now');
    return relativeTime(e.nextAttemptAt, now, lang);
  }

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('outbox.title')}
      </Title>
      <Text c="dimmed">{t('outbox.intro')}</Text>

      <Paper withBorder p="md">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="lg">
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('outbox.gatewayLabel')}
            </Text>
            <Group gap="xs">
              <Badge variant="dot" size="lg" color={state === 'online' ? 'teal' : state === 'offline' ? 'red' : state === 'paused' ? 'yellow' : 'gray'} data-testid="outbox-gateway" data-state={state ?? 'unknown'} role="status">
                {state ? t(`outbox.gateway.${state}`) : t('outbox.loading')}
              </Badge>
              {summary?.gateway.mode === 'sandbox' && <Badge color="orange" variant="light">{t('outbox.sandboxSimulator')}</Badge>}
            </Group>
            {summary?.gateway.reason && (
              <Text size="xs" c="dimmed" maw={420}>
                {summary.gateway.reason}
              </Text>
            )}
          </Stack>
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('outbox.lastSync')}
            </Text>
            <Text data-testid="outbox-last-sync">{summary?.lastSyncAt ? `${dateTime(summary.lastSyncAt, lang)} (${relativeTime(Date.parse(summary.lastSyncAt), now, lang)})` : t('outbox.never')}</Text>
          </Stack>
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('outbox.counts')}
            </Text>
            <Text data-testid="outbox-counts">{t('outbox.countsText', { pending: summary?.notPublished ?? 0, attention: summary?.needsAttention ?? 0 })}</Text>
          </Stack>
          <Switch
            label={t('outbox.pause')}
            description={t('outbox.pauseHint')}
            checked={summary?.paused ?? false}
            disabled={!summary}
            onChange={(e) => void setPaused(e.currentTarget.checked)}
            data-testid="outbox-pause"
          />
        </Group>
        {sending > 0 && (
          <Group gap="xs" mt="sm" role="status" aria-live="polite" data-testid="outbox-sending">
            <Loader size="xs" />
            <Text size="sm">{t('outbox.sendingNow', { count: sending })}</Text>
          </Group>
        )}
      </Paper>

      {actionError && (
        <Alert color="red" role="alert" withCloseButton onClose={() => setActionError(undefined)}>
          {actionError}
        </Alert>
      )}
      {error !== undefined && (
        <Alert color="red" role="alert">
          {errorText(t, error)}
        </Alert>
      )}

      {entries === undefined ? (
        <Loader role="status" aria-label={t('outbox.loading')} />
      ) : entries.length === 0 ? (
        <Text c="dimmed" data-testid="outbox-empty">
          {t('outbox.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={1000}>
          <Table stickyHeader striped highlightOnHover data-testid="outbox-table" aria-label={t('outbox.tableLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('outbox.col.document')}</Table.Th>
                <Table.Th>{t('outbox.col.state')}</Table.Th>
                <Table.Th>{t('outbox.col.attempts')}</Table.Th>
                <Table.Th>{t('outbox.col.next')}</Table.Th>
                <Table.Th>{t('outbox.col.error')}</Table.Th>
                <Table.Th>{t('outbox.col.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((e) => {
                // identificativoDoc is OID^id: the doctor reads the id; the full value stays in the title attribute.
                const docId = e.identificativoDoc.includes('^') ? e.identificativoDoc.slice(e.identificativoDoc.indexOf('^') + 1) : e.identificativoDoc;
                const title = e.document.title || docId;
                const attempts = attemptsShown(e);
                const err = errorView(e, t, lang);
                return (
                  <Table.Tr key={e.id} data-testid="outbox-row" data-entry={e.id} data-state={e.state}>
                    <Table.Td maw={340}>
                      <Text size="sm" fw={500}>
                        {title}
                      </Text>
                      <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }} title={e.identificativoDoc} data-testid="outbox-doc-id">
                        {t(`outbox.operation.${e.operation}`)} · {t('outbox.docId', { id: docId })}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t('outbox.updated', { when: dateTime(e.updatedAt, lang) })}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        {e.state === 'sending' && <Loader size="xs" aria-hidden />}
                        <Badge color={STATE_COLOR[e.state]} variant="light" tt="none" size="md" styles={BADGE_STYLES} data-testid="outbox-state">
                          {t(`outbox.state.${e.state}`)}
                        </Badge>
                      </Group>
                    </Table.Td>
                    <Table.Td data-testid="outbox-attempts">
                      {attempts === undefined ? (
                        <Text span size="sm" c="dimmed" title={t('outbox.attemptsNotCounted')} aria-label={t('outbox.attemptsNotCounted')}>
                          —
                        </Text>
                      ) : (
                        attempts
                      )}
                    </Table.Td>
                    <Table.Td data-testid="outbox-next">{nextTry(e)}</Table.Td>
                    <Table.Td miw={200} maw={320}>
                      <Text size="sm" data-testid="outbox-error" lineClamp={4} title={err?.text} data-code={e.lastError ?? undefined} {...(err?.italian ? { lang: 'it' } : {})}>
                        {err?.text ?? '—'}
                      </Text>
                      {err?.original && (
                        <Text size="xs" c="dimmed" lineClamp={3} title={err.original} data-testid="outbox-error-original">
                          {t('outbox.error.original')}{' '}
                          <span lang="it">{err.original}</span>
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Group gap={4} wrap="nowrap">
                        {actionsFor(e.state).map((a) => (
                          <Button
                            key={a}
                            size="xs"
                            variant={a === 'cancel' ? 'subtle' : 'light'}
                            color={a === 'cancel' ? 'red' : undefined}
                            loading={busy === `${e.id}:${a}`}
                            disabled={busy !== undefined}
                            onClick={() => void act(e, a)}
                            aria-label={t(`outbox.actionAria.${a}`, { title })}
                          >
                            {t(`outbox.action.${a === 'retry' && e.state === 'draft' ? 'requeue' : a}`)}
                          </Button>
                        ))}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
