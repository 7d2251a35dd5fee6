import { useEffect, useRef, useState } from 'react';
import { Alert, Badge, Button, Group, List, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  DEFAULT_GATEWAY_BASE_URLS,
  GATEWAY_SETTINGS_ENVIRONMENTS,
  LOCALITY_CATALOGS,
  type GatewayIdentity,
  type GatewaySettingsEnvironment,
  type GatewaySettingsView,
} from '../../../../shared/api/gateway-settings.ts';
import { SUBJECT_ORGANIZATIONS, SUBJECT_ROLE } from '../../../../shared/gateway/enums.ts';
import { AppError } from '../../../../shared/errors/app-error.ts';
import { useApi } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';

interface Form {
  environment: GatewaySettingsEnvironment;
  baseUrl: string;
  subjectFiscalCode: string;
  subjectRole: string;
  subjectOrganizationId: string;
  localityName: string;
  localityCatalogOid: string;
  localityCode: string;
  applicationId: string;
  applicationVendor: string;
  applicationVersion: string;
}

const EMPTY: Form = {
  environment: 'sandbox',
  baseUrl: '',
  subjectFiscalCode: '',
  subjectRole: 'APR',
  subjectOrganizationId: '',
  localityName: '',
  localityCatalogOid: LOCALITY_CATALOGS[0],
  localityCode: '',
  applicationId: 'CARTELLA',
  applicationVendor: 'CARTELLA',
  applicationVersion: '',
};

function toForm(v: GatewaySettingsView, version: string): Form {
  const id = v.identity;
  return {
    environment: v.environment,
    baseUrl: v.baseUrl ?? '',
    subjectFiscalCode: id?.subjectFiscalCode ?? '',
    subjectRole: id?.subjectRole ?? 'APR',
    subjectOrganizationId: id?.subjectOrganizationId ?? '',
    localityName: id?.locality.name ?? '',
    localityCatalogOid: id?.locality.catalogOid ?? LOCALITY_CATALOGS[0],
    localityCode: id?.locality.code ?? '',
    applicationId: id?.application.id ?? 'CARTELLA',
    applicationVendor: id?.application.vendor ?? 'CARTELLA',
    applicationVersion: id?.application.version ?? version,
  };
}

/** True when any identity field was filled in: then all of them are sent (and checked). */
function hasIdentity(f: Form): boolean {
  return [f.subjectFiscalCode, f.subjectOrganizationId, f.localityName, f.localityCode].some((x) => x.trim() !== '');
}

function identityOf(f: Form): GatewayIdentity {
  return {
    subjectFiscalCode: f.subjectFiscalCode.trim(),
    subjectRole: f.subjectRole as GatewayIdentity['subjectRole'],
    subjectOrganizationId: f.subjectOrganizationId,
    locality: { name: f.localityName.trim(), catalogOid: f.localityCatalogOid as GatewayIdentity['locality']['catalogOid'], code: f.localityCode.trim() },
    application: { id: f.applicationId.trim(), vendor: f.applicationVendor.trim(), version: f.applicationVersion.trim() },
  };
}

/**
 * Impostazioni → Gateway FSE: where the outbox sends (built-in simulator, an external one, the
 * validation or production gateway) and who sends (the doctor's identity in the JWTs). Saving
 * takes effect from the next send; the state says what is still missing.
 */
export function GatewaySettingsSection() {
  const { t } = useTranslation();
  const api = useApi();
  const [view, setView] = useState<GatewaySettingsView>();
  const [form, setForm] = useState<Form>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  /** A refused codice fiscale, shown on its field (not in the alert below). */
  const [fiscalCodeError, setFiscalCodeError] = useState<string>();
  const fiscalCodeRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    Promise.all([api.call('gatewaySettings.get', {}), api.call('system.info', {})]).then(([v, info]) => {
      setView(v);
      setForm(toForm(v, info.version));
    }, setError);
  }, [api]);

  const set = (k: keyof Form) => (value: string | null) => {
    setSaved(false);
    if (k === 'subjectFiscalCode') setFiscalCodeError(undefined);
    setForm((f) => ({ ...f, [k]: value ?? '' }));
  };
  const text = (k: keyof Form) => (e: React.ChangeEvent<HTMLInputElement>) => set(k)(e.currentTarget.value);

  async function save() {
    setBusy(true);
    setError(undefined);
    setSaved(false);
    try {
      const v = await api.call('gatewaySettings.set', {
        environment: form.environment,
        ...(form.baseUrl.trim() && form.environment !== 'sandbox' ? { baseUrl: form.baseUrl.trim() } : {}),
        ...(hasIdentity(form) ? { identity: identityOf(form) } : {}),
      });
      setView(v);
      setSaved(true);
      setFiscalCodeError(undefined);
    } catch (e) {
      if (e instanceof AppError && e.code === 'CODICE_FISCALE_INVALID') {
        setFiscalCodeError(errorText(t, e));
        fiscalCodeRef.current?.focus();
      } else setError(e);
    } finally {
      setBusy(false);
    }
  }

  const env = form.environment;
  const real = env === 'validation' || env === 'production';
  const missing: string[] = [];
  if (view) {
    if (view.environment === 'simulator' && !view.baseUrl) missing.push(t('gatewaySettings.missing.url'));
    if (view.environment === 'validation' || view.environment === 'production') {
      if (!view.certificates.auth) missing.push(t('gatewaySettings.missing.auth'));
      if (!view.certificates.signature) missing.push(t('gatewaySettings.missing.signature'));
      if (!view.identity) missing.push(t('gatewaySettings.missing.identity'));
    }
  }

  return (
    <Paper withBorder p="lg" data-testid="gateway-settings">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('gatewaySettings.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('gatewaySettings.hint')}
        </Text>
        {view && (
          <Group gap="xs" data-testid="gateway-settings-state">
            <Text size="sm" fw={600}>
              {t('gatewaySettings.state')}
            </Text>
            {view.configured ? (
              <Badge color="teal">{t('gatewaySettings.configured', { environment: t(`gatewaySettings.environments.${view.environment}`) })}</Badge>
            ) : (
              <Badge color="gray">{t('gatewaySettings.notConfigured')}</Badge>
            )}
            {view.effectiveBaseUrl && (
              <Text size="xs" c="dimmed">
                {view.effectiveBaseUrl}
              </Text>
            )}
          </Group>
        )}
        {missing.length > 0 && (
          <Alert color="yellow" title={t('gatewaySettings.missingTitle')}>
            <List size="sm">
              {missing.map((m) => (
                <List.Item key={m}>{m}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        {view?.overriddenByEnvironment && <Alert color="blue">{t('gatewaySettings.overridden')}</Alert>}
        <Select
          label={t('gatewaySettings.environment')}
          value={env}
          onChange={(v) => v && set('environment')(v)}
          data={GATEWAY_SETTINGS_ENVIRONMENTS.map((e) => ({ value: e, label: t(`gatewaySettings.environments.${e}`) }))}
          allowDeselect={false}
          description={t(`gatewaySettings.environmentHints.${env}`)}
        />
        {env !== 'sandbox' && (
          <TextInput
            label={t('gatewaySettings.baseUrl')}
            value={form.baseUrl}
            onChange={text('baseUrl')}
            required={env === 'simulator'}
            placeholder={real ? DEFAULT_GATEWAY_BASE_URLS[env] : 'http://127.0.0.1:8080/v1'}
            description={real ? t('gatewaySettings.baseUrlDefault') : undefined}
          />
        )}
        <Title order={3} size="h5">
          {t('gatewaySettings.identity')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('gatewaySettings.identityHint')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('gatewaySettings.fields.subjectFiscalCode')}
            value={form.subjectFiscalCode}
            onChange={text('subjectFiscalCode')}
            maxLength={16}
            autoComplete="off"
            error={fiscalCodeError}
            ref={fiscalCodeRef}
          />
          <Select
            label={t('gatewaySettings.fields.subjectRole')}
            value={form.subjectRole}
            onChange={set('subjectRole')}
            data={SUBJECT_ROLE.map((r) => ({ value: r, label: r === 'APR' ? `APR — ${t('gatewaySettings.roleApr')}` : r }))}
            allowDeselect={false}
            searchable
          />
          <Select
            label={t('gatewaySettings.fields.subjectOrganizationId')}
            value={form.subjectOrganizationId || null}
            onChange={set('subjectOrganizationId')}
            data={Object.entries(SUBJECT_ORGANIZATIONS).map(([code, name]) => ({ value: code, label: `${code} — ${name}` }))}
            searchable
          />
          <Select
            label={t('gatewaySettings.fields.localityCatalog')}
            value={form.localityCatalogOid}
            onChange={set('localityCatalogOid')}
            data={LOCALITY_CATALOGS.map((oid) => ({ value: oid, label: t(`gatewaySettings.catalogs.${oid.replace(/\./g, '_')}`) }))}
            allowDeselect={false}
          />
          <TextInput label={t('gatewaySettings.fields.localityName')} value={form.localityName} onChange={text('localityName')} />
          <TextInput label={t('gatewaySettings.fields.localityCode')} value={form.localityCode} onChange={text('localityCode')} />
          <TextInput label={t('gatewaySettings.fields.applicationId')} value={form.applicationId} onChange={text('applicationId')} />
          <TextInput label={t('gatewaySettings.fields.applicationVendor')} value={form.applicationVendor} onChange={text('applicationVendor')} />
          <TextInput label={t('gatewaySettings.fields.applicationVersion')} value={form.applicationVersion} onChange={text('applicationVersion')} />
        </SimpleGrid>
        <Group>
          <Button onClick={() => void save()} loading={busy} disabled={env === 'simulator' && !form.baseUrl.trim()}>
            {t('gatewaySettings.save')}
          </Button>
        </Group>
        {saved && <Alert color="teal">{t('gatewaySettings.saved')}</Alert>}
        {error !== undefined && <Alert color="red">{errorText(t, error)}</Alert>}
      </Stack>
    </Paper>
  );
}
