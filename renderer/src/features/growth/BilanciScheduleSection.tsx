import { useEffect, useRef, useState } from 'react';
import { Alert, Button, FileButton, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { BilanciSchedule } from '../../../../shared/analytics/bilanci-salute/index.ts';
import { useApi } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';

/**
 * Impostazioni → the schedule of bilanci di salute of the doctor's region (PAEDIATRICS.md §4:
 * the ages are set by each region): the one in use with its visits, a region's file in the same
 * format (cartella-bilanci-schedule/1) to replace it, and back to the default.
 */
export function BilanciScheduleSection() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const lang = i18n.resolvedLanguage === 'en' ? 'en' : 'it';
  const [state, setState] = useState<{ schedule: BilanciSchedule; custom: boolean } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const reset = useRef<() => void>(null);
  useEffect(() => {
    api.call('bilanci.schedule', {}).then(setState, (e: unknown) => setProblem(errorText(t, e)));
  }, [api, t]);

  const apply = (schedule: BilanciSchedule | null) => {
    setSaved(false);
    api.call('bilanci.setSchedule', { schedule }).then((s) => {
      setState(s);
      setProblem(null);
      setSaved(true);
    }, (e: unknown) => setProblem(errorText(t, e)));
  };
  const load = async (file: File | null) => {
    reset.current?.();
    if (!file) return;
    let raw: unknown;
    try {
      raw = JSON.parse(await file.text());
    } catch {
      setProblem(t('growth.schedule.notJson'));
      return;
    }
    const r = BilanciSchedule.safeParse(raw);
    if (!r.success) {
      setProblem(t('growth.schedule.invalid', { detail: r.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') }));
      return;
    }
    apply(r.data);
  };

  return (
    <Paper withBorder p="md" mt="md" component="section" aria-labelledby="bilanci-schedule-heading" data-testid="bilanci-schedule">
      <Stack gap="sm">
        <Title order={2} size="h4" id="bilanci-schedule-heading">{t('growth.schedule.title')}</Title>
        <Text size="sm">{t('growth.schedule.intro')}</Text>
        {state && (
          <>
            <Text size="sm" fw={600}>
              {t(state.custom ? 'growth.schedule.custom' : 'growth.schedule.default', { region: state.schedule.region })}
            </Text>
            <Table verticalSpacing={2}>
              <Table.Thead>
                <Table.Tr><Table.Th scope="col">{t('growth.bilanci.visit')}</Table.Th><Table.Th scope="col">{t('growth.schedule.records')}</Table.Th></Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {state.schedule.visits.map((v) => (
                  <Table.Tr key={v.id}>
                    <Table.Th scope="row" fw={400}>{v.label[lang]}{v.confirmed ? '' : ` (${t('growth.schedule.placeholder')})`}</Table.Th>
                    <Table.Td>{v.records.map((r) => state.schedule.items.find((i) => i.id === r)?.label[lang] ?? r).join(', ')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        )}
        {problem && <Alert color="red" role="alert">{problem}</Alert>}
        {saved && <Text size="sm" role="status">{t('growth.schedule.saved')}</Text>}
        <Group>
          <FileButton onChange={(f) => void load(f)} accept="application/json,.json" resetRef={reset}>
            {(props) => <Button {...props} variant="light">{t('growth.schedule.load')}</Button>}
          </FileButton>
          {state?.custom && <Button variant="default" onClick={() => apply(null)}>{t('growth.schedule.restore')}</Button>}
        </Group>
      </Stack>
    </Paper>
  );
}
