import { useEffect, useState } from 'react';
import { Alert, Badge, Button, FileInput, Group, Paper, PasswordInput, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { GatewayCertificateSummary } from '../../../../shared/api/gateway-certificates.ts';
import { useApi } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { fileToBase64 } from '../signing/files.ts';
import { formatDate } from '../patients/format.ts';

type Kind = GatewayCertificateSummary['kind'];

/**
 * Impostazioni → Certificati del gateway FSE: import of the authentication (mTLS) and signature
 * (JWT) .p12 files issued for this installation. The password is sent once and never kept.
 */
export function GatewayCertificatesSection() {
  const { t } = useTranslation();
  const api = useApi();
  const [installed, setInstalled] = useState<GatewayCertificateSummary[]>([]);
  const [kind, setKind] = useState<Kind>('auth');
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<Kind>();

  useEffect(() => {
    api.call('gatewayCertificates.list', {}).then(setInstalled, setError);
  }, [api]);

  async function importFile() {
    if (!file) return;
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      const summary = await api.call('gatewayCertificates.import', { kind, p12Base64: await fileToBase64(file), password });
      setInstalled((list) => [...list.filter((c) => c.kind !== kind), summary].sort((a, b) => a.kind.localeCompare(b.kind)));
      setDone(kind);
      setFile(null);
    } catch (e) {
      setError(e);
    } finally {
      setPassword('');
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="lg">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('gatewayCertificates.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('gatewayCertificates.hint')}
        </Text>
        {installed.length > 0 && (
          <Table data-testid="gateway-certificates">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('gatewayCertificates.kind')}</Table.Th>
                <Table.Th>{t('gatewayCertificates.subject')}</Table.Th>
                <Table.Th>{t('gatewayCertificates.validUntil')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {installed.map((c) => (
                <Table.Tr key={c.kind}>
                  <Table.Td>{t(`gatewayCertificates.kinds.${c.kind}`)}</Table.Td>
                  <Table.Td>{c.subject}</Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      {formatDate(c.notAfter.slice(0, 10))}
                      {!c.currentlyValid && <Badge color="red">{t('gatewayCertificates.notValid')}</Badge>}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <SegmentedControl
          aria-label={t('gatewayCertificates.kind')}
          value={kind}
          onChange={(v) => setKind(v as Kind)}
          data={(['auth', 'signature'] as const).map((k) => ({ value: k, label: t(`gatewayCertificates.kinds.${k}`) }))}
          w="fit-content"
        />
        <FileInput label={t('gatewayCertificates.file')} accept=".p12,.pfx,application/x-pkcs12" value={file} onChange={setFile} clearable />
        <PasswordInput label={t('gatewayCertificates.password')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} autoComplete="off" />
        <Group>
          <Button onClick={() => void importFile()} loading={busy} disabled={!file}>
            {t('gatewayCertificates.import')}
          </Button>
        </Group>
        {done && <Alert color="teal">{t('gatewayCertificates.imported', { kind: t(`gatewayCertificates.kinds.${done}`) })}</Alert>}
        {error !== undefined && <Alert color="red">{errorText(t, error)}</Alert>}
      </Stack>
    </Paper>
  );
}
