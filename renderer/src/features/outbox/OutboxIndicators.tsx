import { Badge, Group, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { routeHref } from '../../app/router.ts';
import { useOutboxSummary } from './useOutbox.ts';

/** The navigation badge: documents not yet published (hidden at zero). */
export function OutboxNavBadge() {
  const { t } = useTranslation();
  const { summary } = useOutboxSummary();
  const n = summary?.notPublished ?? 0;
  if (n === 0) return null;
  return (
    <Badge size="sm" circle={n < 10} color={summary && summary.needsAttention > 0 ? 'red' : 'blue'} aria-label={t('outbox.badge.aria', { count: n })} data-testid="outbox-nav-badge">
      {n}
    </Badge>
  );
}

const GATEWAY_COLOR = { online: 'teal', offline: 'red', paused: 'yellow', 'not-configured': 'gray' } as const;

/** Header: the outbox count and the connection to the gateway, in words; a link to Coda di invio. */
export function OutboxHeaderStatus() {
  const { t } = useTranslation();
  const { summary } = useOutboxSummary();
  if (!summary) return null;
  const state = gatewayState(summary);
  const n = summary.notPublished;
  return (
    <Group gap={6} wrap="nowrap">
      <Tooltip label={t('outbox.header.queueHint')}>
        <Badge
          component="a"
          href={routeHref({ name: 'outbox' })}
          variant="light"
          color={summary.needsAttention > 0 ? 'red' : n > 0 ? 'blue' : 'gray'}
          size="lg"
          style={{ cursor: 'pointer', flexShrink: 0 }}
          data-testid="outbox-header-badge"
          data-count={n}
          aria-label={t('outbox.header.queueAria', { count: n })}
        >
          {t('outbox.header.queue', { count: n })}
        </Badge>
      </Tooltip>
      <Badge variant="dot" color={GATEWAY_COLOR[state]} size="lg" role="status" data-testid="gateway-state" data-state={state} aria-label={`${t(`outbox.gateway.short.${state}`)} (${t('outbox.gateway.aria', { state: t(`outbox.gateway.${state}`) })})`}>
        {t(`outbox.gateway.short.${state}`)}
      </Badge>
    </Group>
  );
}

export type GatewayState = 'online' | 'offline' | 'paused' | 'not-configured';

export function gatewayState(s: { online: boolean; paused: boolean; gateway: { mode: string } }): GatewayState {
  if (s.gateway.mode === 'not-configured') return 'not-configured';
  if (s.paused) return 'paused';
  return s.online ? 'online' : 'offline';
}
