import { useEffect, useRef, useState } from 'react';
import { Alert, Anchor, Badge, Group, Loader, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PanelAdherenceRow } from '../../../../shared/api/adherence.ts';
import { DRUG_CLASS_IDS, type DrugClassId } from '../../../../shared/analytics/adherence/record/drug-classes.ts';
import { navigate, routeHref } from '../../app/router.ts';
import { useApi } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { formatDate } from '../patients/format.ts';
import { days, methodsText, percent, trendText } from './format.ts';

type Panel = { asOf: string; period: { from: string; to: string }; items: PanelAdherenceRow[] };

export function AdherenceStatus({ row }: { row: Pick<PanelAdherenceRow, 'exclusion' | 'adherent' | 'pdc'> }) {
  const { t } = useTranslation();
  if (row.exclusion || row.pdc === null) return <Badge variant="outline" color="gray">{t('adherence.status.notMeasured')}</Badge>;
  return row.adherent
    ? <Badge variant="light" color="teal">{t('adherence.status.adherent')}</Badge>
    : <Badge variant="filled" color="red.9">{t('adherence.status.nonAdherent')}</Badge>;
}

/** Aderenza (DOMAIN.md §2): the panel's patients by drug class, the non-adherent first, with PDC and the trend. */
export function AdherencePage() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [drugClass, setDrugClass] = useState<DrugClassId | 'all'>('all');
  const [panel, setPanel] = useState<Panel | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const links = useRef<Array<HTMLAnchorElement | null>>([]);
  const lang = i18n.language;

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    api.call('adherence.panel', drugClass === 'all' ? {} : { drugClass })
      .then((r) => live && setPanel(r))
      .catch((e: unknown) => live && setError(errorText(t, e)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [api, drugClass, t]);

  // Arrow keys move between the patients of the list (each row's link is one tab stop).
  const onKey = (e: React.KeyboardEvent, n: number) => {
    const to = e.key === 'ArrowDown' ? n + 1 : e.key === 'ArrowUp' ? n - 1 : -1;
    if (to >= 0 && links.current[to]) {
      e.preventDefault();
      links.current[to]!.focus();
    }
  };

  const nonAdherent = panel?.items.filter((r) => !r.exclusion && r.pdc !== null && !r.adherent).length ?? 0;
  return (
    <Stack gap="md">
      <Title order={1} size="h2">{t('adherence.title')}</Title>
      <Text c="dimmed">{t('adherence.intro')}</Text>
      <Group align="flex-end">
        <Select
          label={t('adherence.class')}
          data={[{ value: 'all', label: t('adherence.allClasses') }, ...DRUG_CLASS_IDS.map((c) => ({ value: c, label: t(`adherence.classes.${c}`) }))]}
          value={drugClass}
          onChange={(v) => v && setDrugClass(v as DrugClassId | 'all')}
          allowDeselect={false}
          w={260}
        />
        {panel && <Text size="sm">{t('adherence.period', { from: formatDate(panel.period.from), to: formatDate(panel.period.to) })}</Text>}
      </Group>
      {loading && <Group role="status" aria-live="polite"><Loader size="sm" /><Text size="sm">{t('adherence.computing')}</Text></Group>}
      {error && <Alert color="red" role="alert">{error}</Alert>}
      {panel && !loading && (
        <>
          <Text size="sm" role="status" data-testid="adherence-summary">{t('adherence.summary', { count: panel.items.length, nonAdherent })}</Text>
          {panel.items.length === 0 ? <Text c="dimmed">{t('adherence.empty')}</Text> : (
            <Paper withBorder>
              <Table highlightOnHover stickyHeader aria-label={t('adherence.tableLabel')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('adherence.col.patient')}</Table.Th>
                    <Table.Th>{t('adherence.col.class')}</Table.Th>
                    <Table.Th>{t('adherence.col.status')}</Table.Th>
                    <Table.Th ta="right">{t('adherence.col.pdc')}</Table.Th>
                    <Table.Th ta="right">{t('adherence.col.covered')}</Table.Th>
                    <Table.Th>{t('adherence.col.trend')}</Table.Th>
                    <Table.Th>{t('adherence.col.method')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {panel.items.map((r, n) => (
                    <Table.Tr key={`${r.patient.id}:${r.drugClass}`} data-testid="adherence-row" data-status={r.exclusion ? 'not-measured' : r.adherent ? 'adherent' : 'non-adherent'}>
                      <Table.Td>
                        <Anchor
                          href={routeHref({ name: 'adherence-patient', id: r.patient.id })}
                          ref={(el) => {
                            links.current[n] = el;
                          }}
                          onKeyDown={(e) => onKey(e, n)}
                          onClick={(e) => {
                            e.preventDefault();
                            navigate({ name: 'adherence-patient', id: r.patient.id });
                          }}
                        >
                          {r.patient.surname} {r.patient.givenName}
                        </Anchor>
                        <Text size="xs" c="dimmed">{formatDate(r.patient.birthDate)}</Text>
                      </Table.Td>
                      <Table.Td>{t(`adherence.classes.${r.drugClass}`)}</Table.Td>
                      <Table.Td><AdherenceStatus row={r} />{r.exclusion && <Text size="xs">{t(`adherence.exclusion.${r.exclusion}`)}</Text>}</Table.Td>
                      <Table.Td ta="right">{percent(r.pdc, lang)}</Table.Td>
                      <Table.Td ta="right">{t('adherence.daysOf', { covered: days(r.daysCovered, lang), total: days(r.daysInPeriod, lang) })}</Table.Td>
                      <Table.Td>{trendText(t, r.pdc, r.previous?.pdc)}{r.previous && <Text size="xs" c="dimmed">{t('adherence.previous', { pdc: percent(r.previous.pdc, lang) })}</Text>}</Table.Td>
                      <Table.Td>{methodsText(t, r.methods)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          )}
        </>
      )}
    </Stack>
  );
}
