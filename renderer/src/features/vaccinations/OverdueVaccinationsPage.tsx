import { useEffect, useState } from 'react';
import { Alert, Anchor, Button, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OverdueChild } from '../../../../shared/api/vaccinations.ts';
import { AGE_WORDING, ageOf, formatAge } from '../../../../shared/domain/age.ts';
import { localIsoDate } from '../../../../shared/domain/iso-date.ts';
import { routeHref } from '../../app/router.ts';
import { useApi } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { csvText, saveText } from '../cruscotto/csv.ts';
import { formatDate } from '../patients/format.ts';

/**
 * The panel's children with overdue vaccinations (PAEDIATRICS.md §2), the longest overdue first:
 * each opens on its Vaccinazioni tab; the list exports as CSV for the recall phone calls.
 */
export function OverdueVaccinationsPage() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const lang = i18n.resolvedLanguage === 'en' ? 'en' : 'it';
  const [data, setData] = useState<{ items: OverdueChild[]; children: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api.call('vaccinations.overdue', {}).then((r) => live && setData(r), (e: unknown) => live && setError(errorText(t, e)));
    return () => {
      live = false;
    };
  }, [api, t]);
  const today = localIsoDate(new Date());
  const age = (birth: string) => {
    const a = ageOf(birth, today);
    return a ? formatAge(a, AGE_WORDING[lang]) : '';
  };
  const doses = (c: OverdueChild) => c.overdue.map((d) => `${d.label[lang]} ${t('vaccinations.doseN', { n: d.dose })}`).join(', ');
  const exportCsv = () => {
    if (!data) return;
    const header = [t('vaccinations.worklist.patient'), t('vaccinations.worklist.birth'), t('vaccinations.worklist.since'), t('vaccinations.worklist.overdue')];
    saveText(`vaccinazioni-in-ritardo-${today}.csv`, csvText([header, ...data.items.map((c) => [`${c.surname} ${c.givenName}`, formatDate(c.birthDate), formatDate(c.since), doses(c)])]));
  };
  return (
    <Stack gap="md">
      <Title order={1} size="h2">{t('vaccinations.worklist.title')}</Title>
      <Text size="sm">{t('vaccinations.worklist.intro')}</Text>
      {error && <Alert color="red" role="alert">{error}</Alert>}
      {!data && !error && <Group role="status" aria-live="polite"><Loader size="sm" /><Text size="sm">{t('vaccinations.loading')}</Text></Group>}
      {data && (
        <>
          <Group justify="space-between">
            <Text size="sm" data-testid="overdue-count">{t('vaccinations.worklist.count', { count: data.items.length, children: data.children })}</Text>
            <Button variant="light" onClick={exportCsv} disabled={data.items.length === 0}>{t('vaccinations.worklist.export')}</Button>
          </Group>
          {data.items.length === 0 ? <Text size="sm">{t('vaccinations.worklist.empty')}</Text> : (
            <Paper withBorder>
              <Table stickyHeader striped aria-label={t('vaccinations.worklist.title')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('vaccinations.worklist.patient')}</Table.Th>
                    <Table.Th scope="col">{t('vaccinations.worklist.birth')}</Table.Th>
                    <Table.Th scope="col">{t('vaccinations.worklist.since')}</Table.Th>
                    <Table.Th scope="col">{t('vaccinations.worklist.overdue')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((c) => (
                    <Table.Tr key={c.patientId} data-testid="overdue-child">
                      <Table.Td>
                        <Anchor href={routeHref({ name: 'patient', id: c.patientId, tab: 'vaccinations' })} aria-label={t('vaccinations.worklist.open', { name: `${c.surname} ${c.givenName}` })}>
                          {c.surname} {c.givenName}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{formatDate(c.birthDate)} ({age(c.birthDate)})</Table.Td>
                      <Table.Td>{formatDate(c.since)}</Table.Td>
                      <Table.Td>{doses(c)}</Table.Td>
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
