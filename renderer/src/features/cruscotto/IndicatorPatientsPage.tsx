import { useEffect, useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Loader, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { IndicatorPatient, IndicatorRow } from '../../../../shared/api/cruscotto.ts';
import { routeHref } from '../../app/router.ts';
import { useApi } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { formatDate } from '../patients/format.ts';
import { csvText, saveText } from './csv.ts';
import { countText, evidenceText, indicatorTitle, pct } from './format.ts';

type List = { asOf: string; indicator: IndicatorRow; items: IndicatorPatient[] };

/** One indicator's register: the patients to act on first, exportable as CSV. */
export function IndicatorPatientsPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [only, setOnly] = useState<'to-act' | 'all'>('to-act');
  const [data, setData] = useState<List | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const lang = i18n.language;

  useEffect(() => {
    let live = true;
    setLoading(true);
    api.call('cruscotto.patients', { indicatorId: id, only })
      .then((r) => live && setData(r), (e: unknown) => live && setError(errorText(t, e)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [api, id, only, t]);

  const exportCsv = () => {
    if (!data) return;
    const header = ['surname', 'givenName', 'birthDate', 'identifier', 'status', 'evidence'].map((k) => t(`cruscotto.csv.${k}`));
    const rows = data.items.map((p) => [p.surname, p.givenName, formatDate(p.birthDate), p.identifier, t(p.met ? 'cruscotto.done' : 'cruscotto.toAct'), evidenceText(t, p, lang)]);
    saveText(`cruscotto-${id}-${data.asOf}.csv`, csvText([header, ...rows]));
  };

  const title = data ? indicatorTitle(t, id, data.indicator.params, lang) : t('cruscotto.title');
  return (
    <Stack gap="md">
      <Anchor href={routeHref({ name: 'cruscotto' })}>{t('cruscotto.back')}</Anchor>
      <Title order={1} size="h2">{title}</Title>
      {error && <Alert color="red" role="alert">{error}</Alert>}
      {data && (
        <>
          <Text size="sm" data-testid="indicator-count">
            {t('cruscotto.listSummary', { count: countText(t, data.indicator), percentage: pct(data.indicator.percentage, lang), date: formatDate(data.asOf) })}
          </Text>
          {data.indicator.note && lang === 'it' && <Text size="sm" c="dimmed">{data.indicator.note}</Text>}
          {!data.indicator.confirmed && <Badge variant="outline" color="orange.9" w="fit-content">{t('cruscotto.unconfirmed')}</Badge>}
        </>
      )}
      <Group>
        <SegmentedControl
          value={only}
          onChange={(v) => setOnly(v as 'to-act' | 'all')}
          data={[{ value: 'to-act', label: t('cruscotto.onlyToAct') }, { value: 'all', label: t('cruscotto.wholeRegister') }]}
          aria-label={t('cruscotto.which')}
        />
        <Button onClick={exportCsv} disabled={!data || loading} variant="light">{t('cruscotto.export')}</Button>
      </Group>
      {loading && <Group role="status" aria-live="polite"><Loader size="sm" /><Text size="sm">{t('cruscotto.computing')}</Text></Group>}
      {data && !loading && (
        data.items.length === 0 ? <Text c="dimmed">{t('cruscotto.nobody')}</Text> : (
          <Paper withBorder>
            <Table aria-label={t('cruscotto.patientsLabel', { title })}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('cruscotto.patient')}</Table.Th>
                  <Table.Th>{t('cruscotto.csv.birthDate')}</Table.Th>
                  <Table.Th>{t('cruscotto.csv.status')}</Table.Th>
                  <Table.Th>{t('cruscotto.csv.evidence')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((p) => (
                  <Table.Tr key={p.patientId} data-testid="indicator-patient">
                    <Table.Td><Anchor href={routeHref({ name: 'patient', id: p.patientId })}>{p.surname} {p.givenName}</Anchor></Table.Td>
                    <Table.Td>{formatDate(p.birthDate)}</Table.Td>
                    <Table.Td>{p.met ? <Badge variant="light" color="teal">{t('cruscotto.done')}</Badge> : <Badge variant="filled" color="red.9">{t('cruscotto.toAct')}</Badge>}</Table.Td>
                    <Table.Td>{evidenceText(t, p, lang)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        )
      )}
    </Stack>
  );
}
