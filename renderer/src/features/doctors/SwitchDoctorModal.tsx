import { useEffect, useRef, useState } from 'react';
import { Alert, Badge, Button, Group, PasswordInput, Radio, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../app/layers/AppModal.tsx';
import { useApi } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { nameOf, roleText } from './doctor-text.ts';
import { useDoctors } from './useDoctors.tsx';

/**
 * "Chi sta lavorando?": pick a doctor (arrows in the radio group), type their passphrase when the
 * profile has one, Invio. When nobody is working (a protected titolare at start, after Blocca)
 * the window cannot be closed: nothing else answers until someone switches in.
 */
export function SwitchDoctorModal({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const { overview, set } = useDoctors();
  const api = useApi();
  const [choice, setChoice] = useState<string>('');
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const passRef = useRef<HTMLInputElement>(null);
  const mustChoose = overview !== undefined && overview.working === null && overview.doctors.length > 0;
  const open = opened || mustChoose;

  useEffect(() => {
    if (!open || !overview) return;
    // Start on someone other than the doctor at work: switching is why the window opened.
    const other = overview.doctors.find((d) => d.id !== overview.working);
    setChoice(overview.working === null ? (overview.doctors[0]?.id ?? '') : (other?.id ?? overview.working));
    setPassphrase('');
    setError(undefined);
  }, [open, overview]);

  if (!overview) return null;
  const chosen = overview.doctors.find((d) => d.id === choice);

  const submit = async () => {
    if (!chosen || busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const next = await api.call('doctors.switch', { id: chosen.id, ...(chosen.protected ? { passphrase } : {}) });
      set(next);
      setPassphrase('');
      onClose();
    } catch (e) {
      setError(errorText(t, e));
      setPassphrase('');
      passRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };
  const lock = async () => {
    set(await api.call('doctors.lock', {}));
    onClose();
  };

  return (
    <AppModal opened={open} onClose={mustChoose ? () => undefined : onClose} withCloseButton={!mustChoose} title={t('doctors.switch.title')} size="lg" data-testid="switch-doctor">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="md">
          {mustChoose && <Text size="sm">{t('doctors.switch.nobody')}</Text>}
          <Radio.Group value={choice} onChange={(v) => { setChoice(v); setError(undefined); }} label={t('doctors.switch.who')} name="working-doctor">
            <Stack gap="xs" mt="xs">
              {overview.doctors.map((d) => (
                <Radio
                  key={d.id}
                  value={d.id}
                  data-testid={`switch-doctor-${d.id}`}
                  label={
                    <Group gap="xs" wrap="nowrap">
                      <Text span fw={500}>{nameOf(d)}</Text>
                      {d.id === overview.working && <Badge size="sm" variant="light">{t('doctors.switch.atWork')}</Badge>}
                      {!d.onDutyToday && <Badge size="sm" color="orange" variant="light">{t('doctors.switch.offDuty')}</Badge>}
                    </Group>
                  }
                  description={roleText(t, d)}
                />
              ))}
            </Stack>
          </Radio.Group>
          {chosen?.protected && (
            <PasswordInput
              ref={passRef}
              label={t('doctors.switch.passphrase', { name: nameOf(chosen) })}
              description={overview.sandboxPassphrase ? t('doctors.switch.sandboxPassphrase', { passphrase: overview.sandboxPassphrase }) : undefined}
              value={passphrase}
              onChange={(e) => setPassphrase(e.currentTarget.value)}
              autoComplete="current-password"
              data-testid="switch-doctor-passphrase"
            />
          )}
          {error && (
            <Alert color="red" role="alert" data-testid="switch-doctor-error">
              {error}
            </Alert>
          )}
          <Group justify="space-between">
            {overview.working !== null ? (
              <Button variant="subtle" color="gray" onClick={() => void lock()} data-testid="switch-doctor-lock">
                {t('doctors.switch.lock')}
              </Button>
            ) : (
              <span />
            )}
            <Button type="submit" loading={busy} disabled={!chosen || (chosen.protected && passphrase === '')} data-testid="switch-doctor-submit">
              {t('doctors.switch.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
