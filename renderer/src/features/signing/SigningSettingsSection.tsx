import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Group, Loader, Paper, Radio, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ModulePath, type CertificateInfo, type FoundModule, type SlotInfo } from '../../../../shared/api/signing.ts';
import { useApi } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { CertificateCard } from './CertificateCard.tsx';
import { PinStateBadge } from './PinStateBadge.tsx';

interface Preset {
  id: string;
  vendor: string;
  description: string;
  paths: string[];
}

/**
 * Impostazioni → Firma digitale: the card middleware (preset per OS, "Cerca automaticamente",
 * or a custom path), the tokens with their PIN state, the certificates in Italian with the
 * signing one marked and the CNS authentication one told apart; saved with settings.setSigning.
 */
export function SigningSettingsSection() {
  const { t } = useTranslation();
  const api = useApi();
  const [loading, setLoading] = useState(true);
  const [sandboxToken, setSandboxToken] = useState(false);
  const [presets, setPresets] = useState<Preset[]>([]);
  const [presetId, setPresetId] = useState<string | null>(null);
  const [modulePath, setModulePath] = useState('');
  const [found, setFound] = useState<FoundModule[]>();
  const [finding, setFinding] = useState(false);
  const [slots, setSlots] = useState<SlotInfo[]>();
  const [tokenLabel, setTokenLabel] = useState<string>();
  const [certs, setCerts] = useState<CertificateInfo[]>();
  const [certificateId, setCertificateId] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    let live = true;
    Promise.all([api.call('settings.get', {}), api.call('signing.presets', {})])
      .then(([s, p]) => {
        if (!live) return;
        setPresets(p);
        setPresetId(s.signing.presetId ?? null);
        setModulePath(s.signing.modulePath ?? '');
        setTokenLabel(s.signing.tokenLabel);
        setCertificateId(s.signing.certificateId);
        setSandboxToken(s.signing.sandboxToken);
        if (s.signing.configured) void readTokens(s.signing.modulePath!, s.signing.tokenLabel);
      })
      .catch((e: unknown) => live && setError(e))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [api]);

  async function readTokens(path: string, label?: string) {
    setBusy(true);
    setError(undefined);
    setSlots(undefined);
    setCerts(undefined);
    try {
      const list = await api.call('signing.listSlots', { modulePath: path });
      setSlots(list);
      const chosen = label ?? list.find((s) => s.token)?.token?.label;
      setTokenLabel(chosen);
      if (chosen) await readCertificates(path, chosen);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function readCertificates(path: string, label: string) {
    try {
      const list = await api.call('signing.listCertificates', { modulePath: path, tokenLabel: label });
      setCerts(list);
      setCertificateId((id) => (list.some((c) => c.id === id) ? id : list.find((c) => c.role === 'signature')?.id));
    } catch (e) {
      setError(e);
    }
  }

  async function find() {
    setFinding(true);
    try {
      setFound(await api.call('signing.findModules', {}));
    } catch (e) {
      setError(e);
    } finally {
      setFinding(false);
    }
  }

  function choosePath(path: string, preset?: string) {
    setModulePath(path);
    if (preset) setPresetId(preset);
    setSandboxToken(false);
    setSaved(false);
    setSlots(undefined);
    setCerts(undefined);
  }

  async function save() {
    setBusy(true);
    setError(undefined);
    try {
      const s = await api.call('settings.setSigning', {
        ...(presetId ? { presetId } : {}),
        ...(modulePath ? { modulePath } : {}),
        ...(tokenLabel ? { tokenLabel } : {}),
        ...(certificateId ? { certificateId } : {}),
      });
      setSandboxToken(s.sandboxToken);
      setSaved(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  // Initialised tokens only (CKF_TOKEN_INITIALIZED): an empty SoftHSM slot is not a card to choose.
  const pathOk = ModulePath.safeParse(modulePath).success;
  const tokens = (slots ?? []).filter((s) => s.tokenPresent && s.token && (s.token.flags & 0x400) !== 0);

  return (
    <Paper withBorder p="lg" data-testid="signing-settings">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('signing.settings.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('signing.settings.intro')}
        </Text>
        {loading ? (
          <Group gap="xs" role="status">
            <Loader size="sm" />
            <Text size="sm">{t('signing.settings.preparingSandbox')}</Text>
          </Group>
        ) : (
          <>
            {sandboxToken && <Badge color="grape" variant="light">{t('signing.settings.sandboxToken')}</Badge>}
            {!modulePath && <Text size="sm">{t('signing.settings.notConfigured')}</Text>}
            <Select
              label={t('signing.settings.preset')}
              placeholder={t('signing.settings.presetPlaceholder')}
              data={presets.map((p) => ({ value: p.id, label: `${p.vendor} — ${p.description}` }))}
              value={presetId}
              onChange={(v) => {
                setPresetId(v);
                const p = presets.find((x) => x.id === v);
                if (p?.paths[0]) choosePath(p.paths[0], p.id);
              }}
              clearable
              searchable
            />
            <Group align="flex-end">
              <Button variant="default" onClick={() => void find()} loading={finding}>
                {t('signing.settings.find')}
              </Button>
            </Group>
            {found && (
              <Stack gap={4} aria-live="polite">
                {found.length === 0 ? (
                  <Text size="sm">{t('signing.settings.noneFound')}</Text>
                ) : (
                  <>
                    <Text size="sm" fw={600}>
                      {t('signing.settings.found')}
                    </Text>
                    {found.map((m) => (
                      <Group key={m.path} gap="xs">
                        <Text size="sm">
                          {m.vendor}: <code>{m.path}</code>
                        </Text>
                        <Button size="compact-xs" variant="light" onClick={() => choosePath(m.path, m.presetId)} aria-label={`${t('signing.settings.use')} ${m.path}`}>
                          {t('signing.settings.use')}
                        </Button>
                      </Group>
                    ))}
                  </>
                )}
              </Stack>
            )}
            <TextInput
              label={t('signing.settings.path')}
              description={t('signing.settings.pathHint')}
              error={modulePath && !pathOk ? t('signing.settings.pathInvalid') : undefined}
              value={modulePath}
              onChange={(e) => choosePath(e.currentTarget.value)}
              spellCheck={false}
              autoComplete="off"
            />
            <Group>
              <Button variant="default" disabled={!pathOk} loading={busy} onClick={() => void readTokens(modulePath)}>
                {t('signing.settings.readTokens')}
              </Button>
            </Group>
            {slots && (
              tokens.length === 0 ? (
                <Text size="sm">{t('signing.settings.noTokens')}</Text>
              ) : (
                <Radio.Group
                  label={t('signing.settings.tokens')}
                  value={tokenLabel ?? ''}
                  onChange={(v) => {
                    setTokenLabel(v);
                    setSaved(false);
                    void readCertificates(modulePath, v);
                  }}
                >
                  <Table mt="xs" data-testid="token-list">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('signing.settings.tokenColumn')}</Table.Th>
                        <Table.Th>{t('signing.settings.slotColumn')}</Table.Th>
                        <Table.Th>{t('signing.settings.pinColumn')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {tokens.map((s) => (
                        <Table.Tr key={s.slotId}>
                          <Table.Td>
                            <Radio value={s.token!.label} label={s.token!.label} aria-label={t('signing.settings.chooseToken', { label: s.token!.label })} />
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{s.description}</Text>
                          </Table.Td>
                          <Table.Td>
                            <PinStateBadge state={s.token!.pinTriesState} />
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Radio.Group>
              )
            )}
            {certs && certs.length > 0 && (
              <Stack gap="xs">
                <Text size="sm" fw={600}>
                  {t('signing.settings.certificates')}
                </Text>
                {certs.map((c) => (
                  <CertificateCard
                    key={c.id + c.sha256}
                    cert={c}
                    highlighted={c.id === certificateId}
                    action={
                      c.id === certificateId ? (
                        <Badge variant="outline">{t('signing.cert.chosen')}</Badge>
                      ) : (
                        <Button size="compact-xs" variant="light" onClick={() => { setCertificateId(c.id); setSaved(false); }}>
                          {t('signing.cert.use')}
                        </Button>
                      )
                    }
                  />
                ))}
              </Stack>
            )}
            {error !== undefined && (
              <Alert color="red" role="alert">
                {errorText(t, error)}
              </Alert>
            )}
            {saved && (
              <Text size="sm" c="green.8" role="status">
                {t('signing.settings.saved')}
              </Text>
            )}
            <Group>
              <Button onClick={() => void save()} disabled={!pathOk || busy}>
                {t('signing.settings.save')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Paper>
  );
}
