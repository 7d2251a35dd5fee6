import { useEffect, useRef, useState } from 'react';
import { Alert, Badge, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../shared/api/define.ts';
import type { AppContract } from '../../../../shared/api/index.ts';
import type { DoctorProfile } from '../../../../shared/api/profile.ts';
import { SUBJECT_ORGANIZATIONS } from '../../../../shared/gateway/enums.ts';
import { AppError } from '../../../../shared/errors/app-error.ts';
import type { ErrorData } from '../../../../shared/errors/codes.ts';
import { useDoctors } from '../doctors/useDoctors.tsx';
import { useApi } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { ASL_ID_ROOT, EMPTY_FORM, issuesToErrors, localIssues, toForm, toProfile, type FieldErrors, type FieldKey, type ProfileForm } from './profile-form.ts';
import { SaveForm } from '../../components/SaveForm.tsx';

type ProfileView = MethodOutput<AppContract, 'profile.get'>;

/** The regions (3-digit codes); the national bodies in the same table are not organisations of a doctor. */
// Sorted by code: object keys like "100" come before "010" in JavaScript's own order.
const REGIONS: [string, string][] = Object.entries(SUBJECT_ORGANIZATIONS)
  .filter(([code, name]) => /^\d{3}$/.test(code) && /^(Regione|P\.A\.)/.test(name))
  .sort(([a], [b]) => a.localeCompare(b));
const PREFIXES = ['Dott.', 'Dott.ssa'];

const fullName = (p: DoctorProfile) => [p.author.prefix, p.author.givenName, p.author.surname].filter(Boolean).join(' ');

/**
 * Impostazioni → Medico e struttura: who writes the documents (author and legal authenticator),
 * the organisation and the custodian, as every PSS header carries them. In the sandbox the test
 * doctor stands in until the doctor saves their own data (the form starts empty; the test
 * doctor's data only on request); outside it, the section says it is still to be completed.
 * Enter in a field or Ctrl+S saves.
 */
export function DoctorProfileSection() {
  const { t } = useTranslation();
  const api = useApi();
  const doctors = useDoctors();
  const [view, setView] = useState<ProfileView>();
  const [form, setForm] = useState<ProfileForm>(EMPTY_FORM);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    api.call('profile.get', {}).then((v) => {
      setView(v);
      if (v.saved) setForm(toForm(v.saved));
    }, setError);
  }, [api]);

  const update = (patch: Partial<ProfileForm>, clear: FieldKey[]) => {
    setForm((f) => ({ ...f, ...patch }));
    setErrors((e) => {
      const next = { ...e };
      for (const k of clear) delete next[k];
      return next;
    });
  };
  const text = (k: FieldKey, also: FieldKey[] = []) => ({
    value: form[k],
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => update({ [k]: e.currentTarget.value }, [k, ...also]),
    error: errors[k],
  });

  /** Bumped when refused fields are shown: the first of them gets the focus once rendered. */
  const [focusRequest, setFocusRequest] = useState(0);
  const focusFirstError = () => setFocusRequest((n) => n + 1);
  useEffect(() => {
    if (focusRequest) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);

  function showIssues(issues: readonly { path: string }[], cause?: unknown) {
    const { errors: e, unplaced } = issuesToErrors(t, issues, form);
    setErrors(e);
    setError(unplaced ? (cause ?? new AppError('INVALID_INPUT', 'profile')) : undefined);
    focusFirstError();
  }

  async function save() {
    if (busy) return;
    setError(undefined);
    const local = localIssues(form);
    if (local.length) return showIssues(local);
    setBusy(true);
    try {
      const saved = await api.call('profile.set', toProfile(form));
      setView((v) => (v ? { ...v, saved, effective: saved } : v));
      setForm(toForm(saved));
      setErrors({});
      notifications.show({ color: 'teal', message: t('doctorProfile.saved', { name: fullName(saved) }) });
      // The titolare's name is the header's, and a first profile is the first doctor at work.
      void doctors.refresh().catch(() => undefined);
    } catch (e) {
      if (e instanceof AppError && e.code === 'CODICE_FISCALE_INVALID') {
        setErrors({ codiceFiscale: errorText(t, e) });
        focusFirstError();
      } else if (e instanceof AppError && e.code === 'INVALID_INPUT') {
        showIssues((e.data as ErrorData<'INVALID_INPUT'> | undefined)?.issues ?? [], e);
      } else setError(e);
    } finally {
      setBusy(false);
    }
  }

  const standIn = view?.sandbox && !view.saved ? view.effective : null;
  const missing = view !== undefined && !view.sandbox && !view.saved;
  const regionOptions = REGIONS.some(([c]) => c === form.regionCode) || !form.regionCode ? REGIONS : [...REGIONS, [form.regionCode, form.regionCode] as [string, string]];
  const prefixOptions = !form.prefix || PREFIXES.includes(form.prefix) ? PREFIXES : [...PREFIXES, form.prefix];

  return (
    <Paper withBorder p="lg" data-testid="doctor-profile">
      <SaveForm
        ref={formRef}
        aria-labelledby="doctor-profile-title"
        onSave={() => void save()}
      >
        <Stack gap="sm">
          <Group gap="sm">
            <Title order={2} size="h4" id="doctor-profile-title">
              {t('doctorProfile.title')}
            </Title>
            {missing && (
              <Badge color="red" data-testid="doctor-profile-missing">
                {t('doctorProfile.toComplete')}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {t('doctorProfile.hint')}
          </Text>
          {missing && <Alert color="red">{t('doctorProfile.missing')}</Alert>}
          {standIn && (
            <Alert color="yellow" data-testid="doctor-profile-test-doctor">
              <Stack gap="xs" align="flex-start">
                <Text size="sm">{t('doctorProfile.testDoctor', { name: fullName(standIn), codiceFiscale: standIn.author.codiceFiscale })}</Text>
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => {
                    setForm(toForm(standIn));
                    setErrors({});
                  }}
                >
                  {t('doctorProfile.useTestDoctor')}
                </Button>
              </Stack>
            </Alert>
          )}

          <Title order={3} size="h5">
            {t('doctorProfile.doctor')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('doctorProfile.fields.codiceFiscale')}
              {...text('codiceFiscale')}
              withAsterisk
              maxLength={16}
              autoComplete="off"
              spellCheck={false}
              styles={{ input: { textTransform: 'uppercase', fontFamily: 'var(--mantine-font-family-monospace)' } }}
            />
            <NativeSelect
              label={t('doctorProfile.fields.role')}
              value={form.role}
              onChange={(e) => update({ role: e.currentTarget.value as ProfileForm['role'] }, ['role'])}
              data={(['MMG', 'PLS'] as const).map((r) => ({ value: r, label: t(`doctorProfile.roles.${r}`) }))}
              error={errors.role}
            />
            <TextInput label={t('doctorProfile.fields.givenName')} {...text('givenName')} withAsterisk maxLength={80} autoComplete="off" />
            <TextInput label={t('doctorProfile.fields.surname')} {...text('surname')} withAsterisk maxLength={80} autoComplete="off" />
            <NativeSelect
              label={t('doctorProfile.fields.prefix')}
              {...text('prefix')}
              data={[{ value: '', label: t('doctorProfile.noPrefix') }, ...prefixOptions.map((p) => ({ value: p, label: p }))]}
            />
          </SimpleGrid>
          <Text size="sm" c="dimmed">
            {t('doctorProfile.contactHint')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('doctorProfile.fields.phone')} type="tel" {...text('phone', ['email'])} maxLength={40} autoComplete="off" />
            <TextInput label={t('doctorProfile.fields.email')} type="email" {...text('email', ['phone'])} maxLength={120} autoComplete="off" />
          </SimpleGrid>

          <Title order={3} size="h5">
            {t('doctorProfile.organization')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('doctorProfile.fields.aslCode')}
              {...text('aslCode')}
              description={t('doctorProfile.aslCodeHint')}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              withAsterisk
              maxLength={6}
              inputMode="numeric"
              autoComplete="off"
            />
            <NativeSelect
              label={t('doctorProfile.fields.regionCode')}
              {...text('regionCode')}
              withAsterisk
              data={[{ value: '', label: t('doctorProfile.chooseRegion') }, ...regionOptions.map(([code, name]) => ({ value: code, label: `${name} (${code})` }))]}
            />
          </SimpleGrid>
          <TextInput label={t('doctorProfile.fields.orgName')} {...text('orgName')} withAsterisk maxLength={200} autoComplete="off" />
          <TextInput
            label={t('doctorProfile.fields.oidRoot')}
            {...text('oidRoot')}
            description={t('doctorProfile.oidRootHint')}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            autoComplete="off"
            spellCheck={false}
          />

          <Title order={3} size="h5">
            {t('doctorProfile.custodian')}
          </Title>
          <Switch
            label={t('doctorProfile.custodianSame')}
            checked={form.custodianSame}
            onChange={(e) => {
              const same = e.currentTarget.checked;
              update(
                same
                  ? { custodianSame: true }
                  : {
                      custodianSame: false,
                      // Starts from what the custodian was until now: the organisation.
                      custodianIdRoot: ASL_ID_ROOT,
                      custodianId: form.aslCode.trim(),
                      custodianName: form.orgName.trim(),
                    },
                ['custodianIdRoot', 'custodianId', 'custodianName'],
              );
            }}
          />
          {form.custodianSame ? (
            <Text size="sm" c="dimmed" data-testid="doctor-profile-custodian">
              {t('doctorProfile.custodianSameHint', { id: form.aslCode.trim() || '…', name: form.orgName.trim() || '…', root: ASL_ID_ROOT })}
            </Text>
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('doctorProfile.fields.custodianIdRoot')} {...text('custodianIdRoot')} withAsterisk autoComplete="off" spellCheck={false} />
              <TextInput label={t('doctorProfile.fields.custodianId')} {...text('custodianId')} withAsterisk maxLength={40} autoComplete="off" />
              <TextInput label={t('doctorProfile.fields.custodianName')} {...text('custodianName')} withAsterisk maxLength={200} autoComplete="off" />
            </SimpleGrid>
          )}

          <Group>
            <Button type="submit" loading={busy} disabled={!view}>
              {t('doctorProfile.save')}
            </Button>
            <Text size="xs" c="dimmed">
              {t('doctorProfile.saveHint')}
            </Text>
          </Group>
          {error !== undefined && <Alert color="red">{errorText(t, error)}</Alert>}
        </Stack>
      </SaveForm>
    </Paper>
  );
}
