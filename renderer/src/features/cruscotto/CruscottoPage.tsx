import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { IndicatorRow } from '../../../../shared/api/cruscotto.ts';
import type { DefinitionItem } from '../../../../shared/api/cruscotto-definitions.ts';
import { AppModal } from '../../app/layers/AppModal.tsx';
import { DefinitionEditor } from './DefinitionEditor.tsx';
import { navigate, routeHref } from '../../app/router.ts';
import { useApi } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { formatDate } from '../patients/format.ts';
import { countText, indicatorTitle, indicatorTrend, pct } from './format.ts';

/** Cruscotto (DASHBOARD.md §2): the fifteen chronic-care indicators, each opening the patients to act on. */
export function CruscottoPage() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [data, setData] = useState<{ asOf: string; previousAsOf: string; items: IndicatorRow[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const links = useRef<Array<HTMLAnchorElement | null>>([]);
  const [defs, setDefs] = useState<DefinitionItem[] | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const lang = i18n.language;

  const load = useCallback(() => {
    let live = true;
    api.call('cruscotto.indicators', {}).then((r) => live && setData(r), (e: unknown) => live && setError(errorText(t, e)));
    api.call('cruscotto.definitions', {}).then((r) => live && setDefs(r.items), (e: unknown) => live && setError(errorText(t, e)));
    return () => {
      live = false;
    };
  }, [api, t]);
  useEffect(load, [load]);

  const saved = (items: DefinitionItem[], message: string) => {
    setDefs(items);
    setEditing(null);
    setData(null);
    notifications.show({ color: 'teal', message });
    load();
  };
  const editingItem = defs?.find((d) => d.definition.id === editing);
  const editingRow = data?.items.find((r) => r.id === editing);

  const onKey = (e: React.KeyboardEvent, n: number) => {
    const to = e.key === 'ArrowDown' ? n + 1 : e.key === 'ArrowUp' ? n - 1 : -1;
    if (to >= 0 && links.current[to]) {
      e.preventDefault();
      links.current[to]!.focus();
    }
  };

  return (
    <Stack gap="md">
      <Title order={1} size="h2">{t('cruscotto.title')}</Title>
      <Text c="dimmed">{t('cruscotto.intro')}</Text>
      {error && <Alert color="red" role="alert">{error}</Alert>}
      {!data && !error && <Group role="status" aria-live="polite"><Loader size="sm" /><Text size="sm">{t('cruscotto.computing')}</Text></Group>}
      {data && (
        <>
          <Text size="sm">{t('cruscotto.asOf', { date: formatDate(data.asOf), previous: formatDate(data.previousAsOf) })}</Text>
          <Paper withBorder>
            <Table highlightOnHover aria-label={t('cruscotto.tableLabel')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>#</Table.Th>
                  <Table.Th>{t('cruscotto.col.indicator')}</Table.Th>
                  <Table.Th ta="right">{t('cruscotto.col.count')}</Table.Th>
                  <Table.Th ta="right">{t('cruscotto.col.percentage')}</Table.Th>
                  <Table.Th>{t('cruscotto.col.trend')}</Table.Th>
                  <Table.Th>{t('cruscotto.col.definition')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((r, n) => (
                  <Table.Tr key={r.id} data-testid="indicator-row" data-indicator={r.id}>
                    <Table.Td>{r.number}</Table.Td>
                    <Table.Td>
                      <Text size="xs" c="dimmed">{t(`cruscotto.condition.${r.condition}`)}</Text>
                      <Anchor
                        href={routeHref({ name: 'cruscotto-indicator', id: r.id })}
                        ref={(el) => {
                          links.current[n] = el;
                        }}
                        onKeyDown={(e) => onKey(e, n)}
                        onClick={(e) => {
                          e.preventDefault();
                          navigate({ name: 'cruscotto-indicator', id: r.id });
                        }}
                      >
                        {indicatorTitle(t, r.id, r.params, lang)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td ta="right">{countText(t, r)}</Table.Td>
                    <Table.Td ta="right">{pct(r.percentage, lang)}</Table.Td>
                    <Table.Td>{indicatorTrend(t, r, lang)}</Table.Td>
                    <Table.Td>
                      <Button
                        size="compact-xs"
                        variant="light"
                        mb={4}
                        aria-label={t('cruscotto.defs.openLabel', { number: r.number, title: indicatorTitle(t, r.id, r.params, lang) })}
                        onClick={() => setEditing(r.id)}
                        disabled={!defs}
                      >
                        {t('cruscotto.defs.open')}
                      </Button>{' '}
                      {!r.confirmed && <Badge variant="outline" color="orange.9">{t('cruscotto.unconfirmed')}</Badge>}
                      {r.overridden && <Badge variant="outline" color="blue.9" ml={4}>{t('cruscotto.defs.overridden')}</Badge>}
                      {r.codesToConfigure.length > 0 && <Badge variant="outline" color="gray" ml={4}>{t('cruscotto.codesToConfigure')}</Badge>}
                      <Text size="xs" c="dimmed">{r.source}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
          {defs?.some((d) => d.overridden) && (
            <Group>
              <Button variant="default" onClick={() => void api.call('cruscotto.setDefinitions', { overrides: [] }).then((r) => saved(r.items, t('cruscotto.defs.resetDone')), (e: unknown) => setError(errorText(t, e)))}>
                {t('cruscotto.defs.resetAll')}
              </Button>
            </Group>
          )}
        </>
      )}
      <AppModal
        opened={!!editingItem}
        onClose={() => setEditing(null)}
        size="lg"
        title={editingRow ? t('cruscotto.defs.title', { title: indicatorTitle(t, editingRow.id, editingRow.params, lang) }) : ''}
        data-testid="definition-editor"
      >
        {editingItem && defs && <DefinitionEditor item={editingItem} all={defs} onSaved={saved} />}
      </AppModal>
    </Stack>
  );
}
