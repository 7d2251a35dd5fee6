import { useState } from 'react';
import { ActionIcon, Badge, Button, Checkbox, FileButton, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SignFileResult } from '../../../../shared/api/signing.ts';
import { download, fileToBase64, kindFor } from './files.ts';
import { SignDialog, type DocumentForSigning, type SignBatchOutcome } from './SignDialog.tsx';
import { VerifyPanel } from './VerifyPanel.tsx';

interface Picked {
  name: string;
  dataBase64: string;
}

/** Firma e verifica file: pick files, sign them with one PIN, download; verify any signed file. */
export function SigningPage() {
  const { t } = useTranslation();
  const [files, setFiles] = useState<Picked[]>([]);
  const [detached, setDetached] = useState(false);
  const [dialog, setDialog] = useState(false);
  const [batch, setBatch] = useState<DocumentForSigning[]>([]);
  const [signed, setSigned] = useState<SignFileResult[]>([]);

  const documents: DocumentForSigning[] = files.map((f) => ({ ...f, mode: kindFor(f.name, detached) }));

  async function pick(list: FileList | File[] | null) {
    if (!list) return;
    const added = await Promise.all([...list].map(async (f) => ({ name: f.name, dataBase64: await fileToBase64(f) })));
    setFiles((prev) => [...prev, ...added]);
  }

  function onSigned(o: SignBatchOutcome) {
    const ok = o.results.filter((r) => r.ok);
    setSigned((prev) => [...ok, ...prev]);
    const done = new Set(ok.map((r) => r.name));
    setFiles((prev) => prev.filter((f) => !done.has(f.name)));
  }

  return (
    <Stack gap="md" maw={900}>
      <Title order={1} size="h2">
        {t('signing.page.title')}
      </Title>
      <Text c="dimmed">{t('signing.page.intro')}</Text>

      <Paper withBorder p="lg">
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('signing.page.signTitle')}
          </Title>
          <Text size="sm" fw={500} id="sign-files-label">
            {t('signing.page.pickLabel')}
          </Text>
          {/* Our own button, in the interface's language: the browser's file input would say "Choose Files". */}
          <FileButton multiple onChange={(files) => void pick(files)} inputProps={{ id: 'sign-files', 'data-testid': 'sign-input', 'aria-labelledby': 'sign-files-label' } as never}>
            {(props) => (
              <Button variant="default" w="fit-content" aria-describedby="sign-files-hint" {...props}>
                {t('signing.page.pickButton')}
              </Button>
            )}
          </FileButton>
          <Text size="xs" c="dimmed" id="sign-files-hint">
            {t('signing.page.pickHint')}
          </Text>
          <Checkbox label={t('signing.page.detached')} checked={detached} onChange={(e) => setDetached(e.currentTarget.checked)} />
          {documents.length > 0 && (
            <Table data-testid="to-sign">
              <Table.Tbody>
                {documents.map((d, i) => (
                  <Table.Tr key={`${i}-${d.name}`}>
                    <Table.Td>{d.name}</Table.Td>
                    <Table.Td>
                      <Badge variant="light">{t(`signing.kind.${d.mode}`)}</Badge>
                    </Table.Td>
                    <Table.Td w={40}>
                      <ActionIcon variant="subtle" color="gray" aria-label={t('signing.page.remove', { name: d.name })} onClick={() => setFiles((prev) => prev.filter((_, j) => j !== i))}>
                        ×
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Group>
            <Button disabled={documents.length === 0} onClick={() => {
              setBatch(documents);
              setDialog(true);
            }}>
              {t('signing.page.signButton', { count: documents.length })}
            </Button>
          </Group>
        </Stack>
      </Paper>

      {signed.length > 0 && (
        <Paper withBorder p="lg">
          <Stack gap="sm">
            <Group justify="space-between">
              <Title order={2} size="h4">
                {t('signing.page.resultsTitle')}
              </Title>
              <Button variant="default" size="xs" onClick={() => signed.forEach((r) => r.signedName && r.signedBase64 && download(r.signedName, r.signedBase64))}>
                {t('signing.page.downloadAll')}
              </Button>
            </Group>
            <Table data-testid="signed-files">
              <Table.Tbody>
                {signed.map((r, i) => (
                  <Table.Tr key={`${i}-${r.signedName}`}>
                    <Table.Td>{r.signedName}</Table.Td>
                    <Table.Td>
                      <Badge variant="light">{t(`signing.kind.${r.kind}`)}</Badge>
                    </Table.Td>
                    <Table.Td>
                      <Button size="xs" variant="light" aria-label={t('signing.page.download', { name: r.signedName })} onClick={() => r.signedName && r.signedBase64 && download(r.signedName, r.signedBase64)}>
                        {t('signing.page.download', { name: '' }).trim()}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        </Paper>
      )}

      <VerifyPanel />

      <SignDialog opened={dialog} onClose={() => setDialog(false)} documents={batch} onSigned={onSigned} />
    </Stack>
  );
}
