import { useState } from 'react';
import { Alert, Badge, Button, FileButton, Group, List, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Verdict } from '../../../../shared/api/signing.ts';
import { useApi } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { fileToBase64, formatDateTime, holderName } from './files.ts';

const STATUS_COLOR = { VALID: 'green', INVALID: 'red', INDETERMINATE: 'orange' } as const;
const SEVERITY_COLOR = { error: 'red', indeterminate: 'orange', warning: 'yellow', info: 'green' } as const;

/** Verifies a signed PDF or .p7m and shows the verdict with its reasons in Italian. */
export function VerifyPanel() {
  const { t } = useTranslation();
  const api = useApi();
  const [name, setName] = useState<string>();
  const [verdict, setVerdict] = useState<Verdict>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function verify(file: File | undefined) {
    setVerdict(undefined);
    setError(undefined);
    if (!file) return;
    setName(file.name);
    setBusy(true);
    try {
      setVerdict(await api.call('signing.verify', { name: file.name, dataBase64: await fileToBase64(file) }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="lg">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('signing.page.verifyTitle')}
        </Title>
        <Text size="sm" c="dimmed" id="verify-hint">
          {t('signing.page.verifyHint')}
        </Text>
        <Text size="sm" fw={500} id="verify-file-label">
          {t('signing.page.verifyLabel')}
        </Text>
        <FileButton accept=".pdf,.p7m,application/pdf,application/pkcs7-mime" onChange={(f: File | null) => void verify(f ?? undefined)} inputProps={{ id: 'verify-file', 'data-testid': 'verify-input', 'aria-labelledby': 'verify-file-label' } as never}>
          {(props) => (
            <Button variant="default" w="fit-content" aria-describedby="verify-hint" {...props}>
              {t('signing.page.pickOne')}
            </Button>
          )}
        </FileButton>
        {busy && (
          <Group gap="xs" role="status">
            <Loader size="sm" />
            <Text>{t('signing.page.verifying')}</Text>
          </Group>
        )}
        {error !== undefined && (
          <Alert color="red" role="alert">
            {errorText(t, error)}
          </Alert>
        )}
        {verdict && (
          <Stack gap="xs" data-testid="verdict" data-status={verdict.status}>
            <Group gap="xs">
              <Badge size="lg" color={STATUS_COLOR[verdict.status]}>
                {t(`signing.verdict.${verdict.status}`)}
              </Badge>
              <Text>{name}</Text>
            </Group>
            {verdict.signatures.map((s) => (
              <Paper key={s.index} withBorder p="sm">
                <Stack gap={4}>
                  <Group gap="xs">
                    <Text fw={600}>{t('signing.verdict.signatureN', { n: s.index + 1, format: s.format })}</Text>
                    <Badge color={STATUS_COLOR[s.status]} variant="light">
                      {t(`signing.verdict.${s.status}`)}
                    </Badge>
                  </Group>
                  {s.signer && (
                    <Text size="sm">
                      {t('signing.verdict.signer')}: {holderName(s.signer.subject)}
                      {s.signer.subject.codiceFiscale ? ` (${s.signer.subject.codiceFiscale})` : ''}
                    </Text>
                  )}
                  {s.signingTime && (
                    <Text size="sm">
                      {t('signing.verdict.signedAt')}: {formatDateTime(s.signingTime)}
                    </Text>
                  )}
                </Stack>
              </Paper>
            ))}
            <Text fw={600} size="sm" id="verdict-reasons">
              {t('signing.verdict.reasons')}
            </Text>
            <List size="sm" spacing={4} aria-labelledby="verdict-reasons" data-testid="verdict-reasons">
              {verdict.reasons.map((r, i) => (
                <List.Item key={i}>
                  <Badge size="xs" color={SEVERITY_COLOR[r.severity]} variant="light" mr={6}>
                    {t(`signing.verdict.severity.${r.severity}`)}
                  </Badge>
                  {r.message}
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
