import { useState } from 'react';
import { Alert, Badge, Button, Group, Paper, PasswordInput, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { DoctorView } from '../../../../shared/api/doctors.ts';
import { ClinicalDateInput } from '../../components/ClinicalDateInput.tsx';
import { SaveForm } from '../../components/SaveForm.tsx';
import { useApi } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { formatDate } from '../patients/format.ts';
import { nameOf, roleText } from './doctor-text.ts';
import { useDoctors } from './useDoctors.tsx';

interface Form {
  id?: string;
  surname: string;
  givenName: string;
  prefix: string;
  codiceFiscale: string;
  role: 'MMG' | 'PLS';
  phone: string;
  email: string;
  from: string | undefined;
  to: string | undefined;
  passphrase: string;
}

const EMPTY: Form = { surname: '', givenName: '', prefix: 'Dott.', codiceFiscale: '', role: 'MMG', phone: '', email: '', from: undefined, to: undefined, passphrase: '' };

function toForm(d: DoctorView): Form {
  const p = d.periods.at(-1);
  return {
    id: d.id, surname: d.author.surname, givenName: d.author.givenName, prefix: d.author.prefix ?? '', codiceFiscale: d.author.codiceFiscale, role: d.author.role,
    phone: d.author.phone ?? '', email: d.author.email ?? '', from: p?.from, to: p?.to, passphrase: '',
  };
}

const isDay = (v: string | undefined): v is string => v !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(v);

/**
 * Impostazioni → Medico e struttura: the practice's doctors. The titolare at work adds a
 * sostituto (codice fiscale, name, role, a contact for the CDA, the substitution period, her own
 * passphrase) and changes her period; every doctor sets their own passphrase here.
 */
export function DoctorsSection() {
  const { t } = useTranslation();
  const api = useApi();
  const { overview, working, refresh } = useDoctors();
  const [form, setForm] = useState<Form>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [pass, setPass] = useState({ current: '', next: '' });
  if (!overview || overview.doctors.length === 0) return null;
  const manager = working?.kind === 'titolare';
  const set = (patch: Partial<Form>) => setForm((f) => f && { ...f, ...patch });

  const save = async () => {
    if (!form || busy) return;
    if (!isDay(form.from) || !isDay(form.to)) return setError(t('doctors.manage.periodRequired'));
    if (!form.phone.trim() && !form.email.trim()) return setError(t('doctors.manage.contactRequired'));
    setBusy(true);
    setError(undefined);
    try {
      const author = {
        surname: form.surname.trim(), givenName: form.givenName.trim(), codiceFiscale: form.codiceFiscale.trim().toUpperCase(), role: form.role,
        ...(form.prefix.trim() ? { prefix: form.prefix.trim() } : {}), ...(form.phone.trim() ? { phone: form.phone.trim() } : {}), ...(form.email.trim() ? { email: form.email.trim() } : {}),
      };
      const saved = await api.call('doctors.save', {
        ...(form.id ? { id: form.id } : {}), kind: 'sostituto', author, periods: [{ from: form.from, to: form.to }],
        ...(!form.id && form.passphrase ? { passphrase: form.passphrase } : {}),
      });
      notifications.show({ color: 'teal', message: t('doctors.manage.saved', { name: nameOf(saved) }) });
      setForm(undefined);
      await refresh();
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  const changePassphrase = async () => {
    if (!working || busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.call('doctors.setPassphrase', { id: working.id, ...(working.protected ? { current: pass.current } : {}), next: pass.next });
      notifications.show({ color: 'teal', message: t('doctors.manage.passphraseSaved') });
      setPass({ current: '', next: '' });
      await refresh();
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="lg" mt="md" component="section" aria-labelledby="doctors-title" data-testid="doctors-section">
      <Stack gap="md">
        <Title order={2} size="h4" id="doctors-title">
          {t('doctors.manage.title')}
        </Title>
        <Table aria-labelledby="doctors-title">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('doctors.manage.doctor')}</Table.Th>
              <Table.Th scope="col">{t('doctors.manage.role')}</Table.Th>
              <Table.Th scope="col">{t('doctors.manage.card')}</Table.Th>
              <Table.Th scope="col">{t('doctors.manage.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {overview.doctors.map((d) => (
              <Table.Tr key={d.id} data-testid={`doctor-row-${d.id}`}>
                <Table.Td>
                  {nameOf(d)} <Text span size="xs" c="dimmed">{d.author.codiceFiscale}</Text>
                  {d.id === overview.working && <Badge ml="xs" size="sm" variant="light">{t('doctors.switch.atWork')}</Badge>}
                </Table.Td>
                <Table.Td>{roleText(t, d)}</Table.Td>
                <Table.Td>{d.card ? t('doctors.manage.cardSeen', { date: formatDate(d.card.firstSeenAt), until: formatDate(d.card.notAfter) }) : t('doctors.manage.cardNotSeen')}</Table.Td>
                <Table.Td>
                  {manager && d.kind === 'sostituto' && (
                    <Button size="xs" variant="default" onClick={() => { setError(undefined); setForm(toForm(d)); }}>
                      {t('doctors.manage.edit')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {manager && !form && (
          <Button variant="light" w="fit-content" onClick={() => { setError(undefined); setForm({ ...EMPTY }); }} data-testid="doctors-add">
            {t('doctors.manage.add')}
          </Button>
        )}
        {form && (
          <SaveForm onSave={() => void save()} aria-label={form.id ? t('doctors.manage.edit') : t('doctors.manage.add')}>
            <Stack gap="sm">
              <Group grow>
                <TextInput label={t('doctors.manage.surname')} required value={form.surname} onChange={(e) => set({ surname: e.currentTarget.value })} disabled={Boolean(form.id)} />
                <TextInput label={t('doctors.manage.givenName')} required value={form.givenName} onChange={(e) => set({ givenName: e.currentTarget.value })} disabled={Boolean(form.id)} />
                <TextInput label={t('doctors.manage.prefix')} value={form.prefix} onChange={(e) => set({ prefix: e.currentTarget.value })} disabled={Boolean(form.id)} />
              </Group>
              <Group grow align="flex-start">
                <TextInput label={t('doctors.manage.codiceFiscale')} required value={form.codiceFiscale} onChange={(e) => set({ codiceFiscale: e.currentTarget.value })} disabled={Boolean(form.id)} maxLength={16} />
                <Stack gap={4}>
                  <Text size="sm" fw={500} id="doctor-role-label">{t('doctors.manage.cdaRole')}</Text>
                  <SegmentedControl aria-labelledby="doctor-role-label" value={form.role} onChange={(v) => set({ role: v as Form['role'] })} data={['MMG', 'PLS']} disabled={Boolean(form.id)} w="fit-content" />
                </Stack>
              </Group>
              <Group grow>
                <TextInput label={t('doctors.manage.phone')} value={form.phone} onChange={(e) => set({ phone: e.currentTarget.value })} disabled={Boolean(form.id)} />
                <TextInput label={t('doctors.manage.email')} value={form.email} onChange={(e) => set({ email: e.currentTarget.value })} disabled={Boolean(form.id)} />
              </Group>
              <Group grow>
                <ClinicalDateInput label={t('doctors.manage.from')} required value={form.from} onChange={(v) => set({ from: v })} />
                <ClinicalDateInput label={t('doctors.manage.to')} required value={form.to} onChange={(v) => set({ to: v })} />
              </Group>
              {!form.id && (
                <PasswordInput
                  label={t('doctors.manage.newPassphrase')}
                  description={t('doctors.manage.newPassphraseHint')}
                  required={!overview.sandbox}
                  value={form.passphrase}
                  onChange={(e) => set({ passphrase: e.currentTarget.value })}
                  autoComplete="new-password"
                />
              )}
              <Group>
                <Button type="submit" loading={busy}>{t('doctors.manage.save')}</Button>
                <Button variant="subtle" color="gray" onClick={() => setForm(undefined)}>{t('doctors.manage.cancel')}</Button>
              </Group>
            </Stack>
          </SaveForm>
        )}
        {working && (
          <SaveForm onSave={() => void changePassphrase()} aria-label={t('doctors.manage.ownPassphrase', { name: nameOf(working) })}>
            <Stack gap="sm">
              <Text fw={500}>{t('doctors.manage.ownPassphrase', { name: nameOf(working) })}</Text>
              <Text size="sm" c="dimmed">{t(working.protected ? 'doctors.manage.protected' : 'doctors.manage.unprotected')}</Text>
              <Group grow align="flex-end">
                {working.protected && (
                  <PasswordInput label={t('doctors.manage.currentPassphrase')} value={pass.current} onChange={(e) => setPass({ ...pass, current: e.currentTarget.value })} autoComplete="current-password" />
                )}
                <PasswordInput label={t('doctors.manage.nextPassphrase')} value={pass.next} onChange={(e) => setPass({ ...pass, next: e.currentTarget.value })} autoComplete="new-password" />
                <Button type="submit" loading={busy} disabled={pass.next.length < 6} w="fit-content">{t('doctors.manage.savePassphrase')}</Button>
              </Group>
            </Stack>
          </SaveForm>
        )}
        {error && <Alert color="red" role="alert">{error}</Alert>}
      </Stack>
    </Paper>
  );
}
