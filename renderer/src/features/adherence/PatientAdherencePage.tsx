import { useEffect, useState } from 'react';
import { Alert, Anchor, Grid, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PatientAdherence } from '../../../../shared/api/adherence.ts';
import { routeHref } from '../../app/router.ts';
import { useApi } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { formatDate } from '../patients/format.ts';
import { usePatient } from '../patients/usePatient.ts';
import { AdherenceStatus } from './AdherencePage.tsx';
import { days, methodsText, percent, trendText } from './format.ts';
import { RefillTimeline } from './RefillTimeline.tsx';

/** A patient's adherence: the refill timeline of the last two years, the stays, and the numbers per class beside it. */
export function PatientAdherencePage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { patient } = usePatient(id);
  const [data, setData] = useState<PatientAdherence | null>(null);
  const [error, setError] = useState<string | null>(null);
  const lang = i18n.language;

  useEffect(() => {
    let live = true;
    api.call('adherence.patient', { patientId: id }).then((r) => live && setData(r), (e: unknown) => live && setError(errorText(t, e)));
    return () => {
      live = false;
    };
  }, [api, id, t]);

  return (
    <Stack gap="md">
      <Anchor href={routeHref({ name: 'adherence' })}>{t('adherence.back')}</Anchor>
      <Title order={1} size="h2">{t('adherence.patientTitle', { name: patient ? `${patient.surname} ${patient.givenName}` : '' })}</Title>
      {error && <Alert color="red" role="alert">{error}</Alert>}
      {!data && !error && <Group role="status"><Loader size="sm" /><Text size="sm">{t('adherence.computing')}</Text></Group>}
      {data && (
        <>
          <Text size="sm">{t('adherence.period', { from: formatDate(data.period.from), to: formatDate(data.period.to) })}</Text>
          <Paper withBorder p="sm">
            <Table aria-label={t('adherence.classesLabel')} data-testid="class-figures">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('adherence.col.class')}</Table.Th>
                  <Table.Th>{t('adherence.col.status')}</Table.Th>
                  <Table.Th ta="right">{t('adherence.col.pdc')}</Table.Th>
                  <Table.Th ta="right">{t('adherence.col.covered')}</Table.Th>
                  <Table.Th ta="right">{t('adherence.col.hospital')}</Table.Th>
                  <Table.Th>{t('adherence.col.trend')}</Table.Th>
                  <Table.Th>{t('adherence.col.method')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.classes.map((c) => (
                  <Table.Tr key={c.drugClass}>
                    <Table.Td>{t(`adherence.classes.${c.drugClass}`)}</Table.Td>
                    <Table.Td><AdherenceStatus row={c} />{c.exclusion && <Text size="xs">{t(`adherence.exclusion.${c.exclusion}`)}</Text>}</Table.Td>
                    <Table.Td ta="right">{percent(c.pdc, lang)}</Table.Td>
                    <Table.Td ta="right">{t('adherence.daysOf', { covered: days(c.daysCovered, lang), total: days(c.daysInPeriod, lang) })}</Table.Td>
                    <Table.Td ta="right">{days(c.hospitalDays, lang)}</Table.Td>
                    <Table.Td>{trendText(t, c.pdc, c.previous?.pdc)}</Table.Td>
                    <Table.Td>{methodsText(t, c.methods)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {data.classes.length === 0 && <Text c="dimmed">{t('adherence.noFills')}</Text>}
          </Paper>
          <Grid>
            <Grid.Col span={{ base: 12, lg: 8 }}>
              <Title order={2} size="h4" mb="xs">{t('adherence.timeline.title')}</Title>
              <Text size="xs" c="dimmed" mb="xs">{t('adherence.timeline.legend')}</Text>
              <RefillTimeline fills={data.fills} stays={data.stays} from={data.from} to={data.asOf} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 4 }}>
              <Title order={2} size="h4" mb="xs">{t('adherence.fills.title')}</Title>
              <Table aria-label={t('adherence.fills.title')} data-testid="fill-table" fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('adherence.fills.date')}</Table.Th>
                    <Table.Th>{t('adherence.fills.medicine')}</Table.Th>
                    <Table.Th ta="right">{t('adherence.fills.days')}</Table.Th>
                    <Table.Th ta="right">{t('adherence.fills.gap')}</Table.Th>
                    <Table.Th>{t('adherence.col.method')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {[...data.fills].reverse().map((f) => (
                    <Table.Tr key={f.id}>
                      <Table.Td>{formatDate(f.date)}</Table.Td>
                      <Table.Td>{f.display} × {f.packs}</Table.Td>
                      <Table.Td ta="right">{days(f.duration, lang)}</Table.Td>
                      <Table.Td ta="right">{f.gapDays > 0 ? t('adherence.fills.gapDays', { count: f.gapDays }) : f.overlapDays > 0 ? t('adherence.fills.overlapDays', { count: f.overlapDays }) : '—'}</Table.Td>
                      <Table.Td>{t(`adherence.method.${f.method}`)}</Table.Td>
                    </Table.Tr>
                  ))}
                  {data.unmeasured.map((u) => (
                    <Table.Tr key={u.id}>
                      <Table.Td>{formatDate(u.date)}</Table.Td>
                      <Table.Td>{u.display} × {u.packs}</Table.Td>
                      <Table.Td colSpan={3}>{t('adherence.fills.noDuration')}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {data.stays.length > 0 && (
                <Text size="sm" mt="sm">{t('adherence.stays', { list: data.stays.map((s) => `${formatDate(s.start)}–${formatDate(s.end)}`).join(', ') })}</Text>
              )}
            </Grid.Col>
          </Grid>
        </>
      )}
    </Stack>
  );
}
