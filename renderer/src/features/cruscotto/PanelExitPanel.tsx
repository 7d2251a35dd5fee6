import { useEffect, useState } from 'react';
import { Alert, Button, Group, Paper, Radio, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { ClinicalDateInput } from '../../components/ClinicalDateInput.tsx';
import { useApi } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { formatDate } from '../patients/format.ts';

type Exit = { reason: 'deceased' | 'transferred'; date: string };

/**
 * In the Scheda's registry: whether the patient is on the doctor's list, and the exit (deceased,
 * transferred, with its date) that takes them out of the cruscotto's registers and the Aderenza
 * lists from that day (DASHBOARD.md §2: MilleGPG excludes deceased and transferred patients);
 * "Di nuovo in carico" undoes it.
 */
export function PanelExitPanel({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const [exit, setExit] = useState<Exit | null | undefined>(undefined);
  const [reason, setReason] = useState<Exit['reason']>('deceased');
  const [date, setDate] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [dateError, setDateError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api.call('panel.exit', { patientId }).then((r) => live && setExit(r.exit), (e: unknown) => live && setError(errorText(t, e)));
    return () => {
      live = false;
    };
  }, [api, patientId, t]);

  const send = async (next: Exit | null) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.call('panel.setExit', { patientId, exit: next });
      setExit(r.exit);
      notifications.show({ color: 'teal', message: t(next ? 'cruscotto.exit.saved' : 'cruscotto.exit.restored') });
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  const record = () => {
    // A whole date: the registers count the patient up to the day before it.
    if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      setDateError(t('cruscotto.exit.needDate'));
      return;
    }
    setDateError(undefined);
    void send({ reason, date });
  };

  return (
    <Paper withBorder p="lg" data-testid="panel-exit">
      <Title order={2} size="h4" mb="sm">{t('cruscotto.exit.title')}</Title>
      {error && <Alert color="red" role="alert" mb="sm">{error}</Alert>}
      {exit === undefined ? null : exit ? (
        <Stack gap="sm">
          <Text data-testid="panel-exit-status">{t('cruscotto.exit.left', { reason: t(`cruscotto.exit.reasonWord.${exit.reason}`), date: formatDate(exit.date) })}</Text>
          <Group>
            <Button variant="default" loading={busy} onClick={() => void send(null)}>{t('cruscotto.exit.back')}</Button>
          </Group>
        </Stack>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            record();
          }}
        >
          <Stack gap="sm">
            <Text data-testid="panel-exit-status">{t('cruscotto.exit.inPanel')}</Text>
            <Radio.Group label={t('cruscotto.exit.reason')} value={reason} onChange={(v) => setReason(v as Exit['reason'])}>
              <Group mt={4}>
                <Radio value="deceased" label={t('cruscotto.exit.deceased')} />
                <Radio value="transferred" label={t('cruscotto.exit.transferred')} />
              </Group>
            </Radio.Group>
            <ClinicalDateInput label={t('cruscotto.exit.date')} value={date} onChange={setDate} error={dateError} />
            <Group>
              <Button type="submit" variant="light" loading={busy}>{t('cruscotto.exit.record')}</Button>
            </Group>
          </Stack>
        </form>
      )}
    </Paper>
  );
}
