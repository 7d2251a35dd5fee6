import { Alert, Anchor, Badge, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { DueItem, PatientSummary, SummaryMeasure } from '../../../../shared/api/chart.ts';
import { formatDecimal } from '../../../../shared/format/decimal.ts';
import { routeHref } from '../../app/router.ts';
import { useApi } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { formatClinicalDate } from '../../../../shared/format/clinical-date.ts';
import { formatDate } from '../patients/format.ts';
import { Sparkline } from './Sparkline.tsx';
import { Timeline, type OpenItem } from './Timeline.tsx';
import { useChartData } from './useChartData.ts';

type T = ReturnType<typeof useTranslation>['t'];

/**
 * Riepilogo (UX.md screen 2): allergies first and marked, active problems, current therapies,
 * last values with their trend, what is due, then the whole history. One read (summary.get).
 * The panels take `t` from here rather than each its own useTranslation (whose mount copies the
 * i18n instance's properties): the Riepilogo is painted in one render of many small parts.
 */
export function SummaryTab({ patientId, onOpen, onShown }: { patientId: string; onOpen: OpenItem; onShown?: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { data, error } = useChartData(patientId, () => api.call('summary.get', { patientId }));
  useAfterPaint(data !== null || error !== null, onShown);
  if (error !== null && !data) return <Alert color="red" role="alert" title={t('chart.loadError')}>{errorText(t, error)}</Alert>;
  return (
    <Stack gap="md">
      {!data ? <Loader role="status" aria-label={t('chart.loading')} /> : (
        <>
          <Allergies s={data} t={t} />
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Problems s={data} t={t} />
            <Therapies s={data} t={t} />
          </SimpleGrid>
          <Measures s={data} t={t} />
          <Due s={data} t={t} patientId={patientId} />
        </>
      )}
      <Timeline patientId={patientId} onOpen={onOpen} />
    </Stack>
  );
}

/** Calls `then` once, after the first frame in which `ready` was true has been painted. */
function useAfterPaint(ready: boolean, then: (() => void) | undefined): void {
  const done = useRef(false);
  const latest = useRef(then);
  latest.current = then;
  useEffect(() => {
    if (!ready || done.current) return;
    done.current = true;
    // The frame after the commit is painted before the timer's task runs.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => { timer = setTimeout(() => latest.current?.(), 0); });
    return () => { cancelAnimationFrame(frame); if (timer) clearTimeout(timer); done.current = false; };
  }, [ready]);
}

function Panel({ title, children, testId }: { title: string; children: React.ReactNode; testId: string }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title} data-testid={testId}>
      <Title order={2} size="h4" mb="xs">{title}</Title>
      {children}
    </Paper>
  );
}

function Allergies({ s, t }: { s: PatientSummary; t: T }) {
  return (
    <Panel title={t('chart.summary.allergies')} testId="summary-allergies">
      {s.allergies.length === 0 ? (
        <Text size="sm">{s.noAllergies ? t(`pss.statement.${s.noAllergies}`) : t('chart.summary.noAllergies')}</Text>
      ) : (
        <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {s.allergies.map((a) => (
            <Group key={a.id} component="li" gap="xs" wrap="wrap" align="baseline">
              {/* Marked by a word and a symbol, not by colour alone (UX.md). */}
              <Badge color="red.9" variant="filled" radius="sm">⚠ {t('chart.summary.allergyMark')}</Badge>
              <Text fw={700} c="red.9">{a.agent.kind === 'unknown' ? t('pss.summary.unknownAgent') : a.agent.display}</Text>
              <Text size="sm">{t(`pss.allergyType.${a.type}`)}</Text>
              {a.reaction && <Text size="sm">· {t('chart.summary.reaction', { what: a.reaction.display })}</Text>}
              <Text size="sm" fw={a.criticality === 'H' ? 700 : 400}>
                · {a.criticality ? t('chart.summary.criticality', { level: t(`pss.levels.${a.criticality}`).toLowerCase() }) : t('chart.summary.criticalityUnknown')}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
    </Panel>
  );
}

function Problems({ s, t }: { s: PatientSummary; t: T }) {
  return (
    <Panel title={t('chart.summary.problems')} testId="summary-problems">
      {s.problems.length === 0 ? <Text size="sm">{t('chart.summary.noProblems')}</Text> : (
        <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {s.problems.map((p) => (
            <Group key={p.id} component="li" gap="xs" wrap="wrap">
              <Text size="sm" fw={600}>{p.diagnosis.display}</Text>
              <Text size="xs" c="gray.7">{p.diagnosis.code}</Text>
              {p.chronic && <Badge size="sm" variant="outline" color="gray.8">{t('chart.summary.chronic')}</Badge>}
              {p.onset && <Text size="sm" c="gray.7">{t('chart.summary.onset', { date: formatClinicalDate(p.onset) })}</Text>}
            </Group>
          ))}
        </Stack>
      )}
    </Panel>
  );
}

function prescribedText(t: T, days: number | null): string {
  if (days === null) return t('chart.summary.neverPrescribed');
  return days === 0 ? t('chart.summary.lastPrescribedToday') : t('chart.summary.lastPrescribed', { count: days });
}

function Therapies({ s, t }: { s: PatientSummary; t: T }) {
  return (
    <Panel title={t('chart.summary.therapies')} testId="summary-therapies">
      {s.therapies.length === 0 ? <Text size="sm">{t('chart.summary.noTherapies')}</Text> : (
        <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {s.therapies.map(({ plan, daysSincePrescribed }) => (
            <Stack key={plan.id} component="li" gap={0}>
              <Group gap="xs" wrap="wrap">
                <Text size="sm" fw={600}>{plan.aic?.display ?? plan.atc.display}</Text>
                {plan.chronic && <Badge size="sm" variant="outline" color="gray.8">{t('chart.summary.continuous')}</Badge>}
              </Group>
              <Text size="sm" c="gray.7">{plan.dosageText} · {prescribedText(t, daysSincePrescribed)}</Text>
            </Stack>
          ))}
        </Stack>
      )}
    </Panel>
  );
}

export function agoText(t: T, days: number): string {
  return days <= 0 ? t('chart.summary.today') : t('chart.summary.ago', { count: days });
}

/** A value with its unit and, when out of range, an arrow and the word (not colour alone). */
export function ValueText({ m, t }: { m: Pick<SummaryMeasure, 'value' | 'unit' | 'abnormal'>; t: T }) {
  return (
    <Text span fw={700} c={m.abnormal ? 'red.9' : undefined}>
      {formatDecimal(m.value)} {m.unit ?? ''}
      {m.abnormal && <Text span size="sm" fw={700}> {m.abnormal === 'high' ? '↑' : '↓'} {t(`chart.summary.${m.abnormal}`)}</Text>}
    </Text>
  );
}

function Measures({ s, t }: { s: PatientSummary; t: T }) {
  return (
    <Panel title={t('chart.summary.measures')} testId="summary-measures">
      {s.measures.length === 0 ? <Text size="sm">{t('chart.summary.noMeasures')}</Text> : (
        <Table fz="sm" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('chart.parameters.code')}</Table.Th>
              <Table.Th scope="col">{t('chart.parameters.value')}</Table.Th>
              <Table.Th scope="col">{t('chart.parameters.date')}</Table.Th>
              <Table.Th scope="col">{t('chart.summary.trendColumn')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {s.measures.map((m) => (
              <Table.Tr key={m.code}>
                <Table.Th scope="row" fw={400}>{m.display}</Table.Th>
                <Table.Td><ValueText m={m} t={t} /></Table.Td>
                <Table.Td>{formatDate(m.at)} <Text span c="gray.7" size="xs">({agoText(t, m.ageDays)})</Text></Table.Td>
                <Table.Td>
                  <Sparkline values={m.trend} low={m.low} high={m.high} label={t('chart.summary.trend', { count: m.trend.length, values: m.trend.map((v) => formatDecimal(v)).join('; ') })} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Panel>
  );
}

/** One sentence per due item, by its kind: a new kind adds its sentence in chart.summary.dueItems. */
function dueText(t: T, d: DueItem): string {
  if ('since' in d) return t(`chart.summary.dueItems.${d.kind}`, { since: formatDate(d.since), versionNumber: d.versionNumber });
  if ('label' in d) return t(`chart.summary.dueItems.${d.kind}`, { label: d.label, date: d.date ? formatDate(d.date) : '' });
  return t(`chart.summary.dueItems.${d.kind}`);
}

function Due({ s, t, patientId }: { s: PatientSummary; t: T; patientId: string }) {
  return (
    <Panel title={t('chart.summary.due')} testId="summary-due">
      {s.due.length === 0 ? <Text size="sm">{t('chart.summary.nothingDue')}</Text> : (
        <Stack gap={4} component="ul" m={0} pl="md">
          {s.due.map((d, i) => (
            <li key={`${d.kind}-${i}`}>
              <Text size="sm" span>{dueText(t, d)}</Text>
              {d.kind.startsWith('pss-') && <> · <Anchor size="sm" href={routeHref({ name: 'pss', id: patientId })}>{t('chart.summary.openPss')}</Anchor></>}
              {'href' in d && d.href && <> · <Anchor size="sm" href={d.href}>{t('chart.summary.openDue')}</Anchor></>}
            </li>
          ))}
        </Stack>
      )}
    </Panel>
  );
}
