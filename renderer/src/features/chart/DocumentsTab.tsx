import { useEffect, useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuthoredDocument } from '../../../../shared/api/chart.ts';
import { AppModal } from '../../app/layers/AppModal.tsx';
import { routeHref } from '../../app/router.ts';
import { useApi } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { formatDateTime } from '../patients/format.ts';
import { ReceivedDocumentsPanel } from '../import/ReceivedDocumentsPanel.tsx';
import { base64ToBlob } from '../signing/files.ts';
import { AnnulConfirm } from './AnnulConfirm.tsx';
import { useChartData } from './useChartData.ts';

/** A word and a symbol per state (not colour alone): the outcome is readable in grey too. */
const STATE_MARK: Record<AuthoredDocument['state'], { color: string; mark: string }> = {
  bozza: { color: 'gray.8', mark: '✎' },
  validato: { color: 'blue.9', mark: '✓' },
  firmato: { color: 'blue.9', mark: '✍' },
  'in-coda': { color: 'orange.9', mark: '⏳' },
  inviato: { color: 'orange.9', mark: '→' },
  pubblicato: { color: 'green.9', mark: '✔' },
  rifiutato: { color: 'red.9', mark: '✖' },
  annullato: { color: 'gray.8', mark: '—' },
};

/**
 * Annulla is offered for a document the outbox published (not one published only by the PSS
 * editor's own state, nor one whose deletion is parked: that one is retried in Coda di invio).
 */
function annullable(d: AuthoredDocument): boolean {
  return d.state === 'pubblicato' && d.documentId !== null && d.outboxState !== null && d.outboxState !== 'parked';
}

/**
 * Documenti: the documents the doctor wrote, each with its true state and the time of its last
 * change, read again on every outbox event (so "in coda" becomes "pubblicato" while looking);
 * then the documents received, with their verdicts (the imports panel). A signed document opens
 * as its PDF; an unsigned PSS version opens in the PSS editor, where it is previewed and where a
 * new version (sostituisci) is made; a published one can be annulled (deleted from the FSE
 * through the outbox, after a confirmation).
 */
export function DocumentsTab({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const { data, error } = useChartData(patientId, () => api.call('documents.authored', { patientId }));
  const [pdf, setPdf] = useState<{ title: string; url: string } | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);
  const [annulling, setAnnulling] = useState<AuthoredDocument | null>(null);
  useEffect(() => () => { if (pdf) URL.revokeObjectURL(pdf.url); }, [pdf]);
  const open = async (d: AuthoredDocument) => {
    if (!d.documentId) return;
    setOpenError(null);
    try {
      await api.call('access.openDocument', { patientId, documentId: d.documentId, documentKind: 'pss' });
      const r = await api.call('documents.pdf', { patientId, documentId: d.documentId });
      setPdf({ title: `${d.title}${d.versionNumber ? ` — ${t('chart.documents.version', { n: d.versionNumber })}` : ''}`, url: URL.createObjectURL(base64ToBlob(r.pdfBase64, 'application/pdf')) });
    } catch (e) {
      setOpenError(errorText(t, e));
    }
  };

  return (
    <Stack gap="md">
      <Paper withBorder p="md" component="section" aria-labelledby="authored-title" data-testid="authored-documents">
        <Title order={2} size="h4" id="authored-title" mb="xs">{t('chart.documents.authored')}</Title>
        {openError && <Alert color="red" role="alert" mb="xs">{openError}</Alert>}
        {error !== null && !data && <Alert color="red" role="alert">{errorText(t, error)}</Alert>}
        {!data ? <Loader role="status" aria-label={t('chart.loading')} /> : data.items.length === 0 ? <Text size="sm">{t('chart.documents.empty')}</Text> : (
          <Table fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('chart.documents.document')}</Table.Th>
                <Table.Th scope="col">{t('chart.documents.state')}</Table.Th>
                <Table.Th scope="col">{t('chart.documents.changed')}</Table.Th>
                <Table.Th scope="col">{t('chart.documents.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((d) => (
                <Table.Tr key={d.id} data-testid="authored-document">
                  <Table.Td>{d.title}{d.versionNumber ? ` — ${t('chart.documents.version', { n: d.versionNumber })}` : ''}</Table.Td>
                  <Table.Td>
                    <Badge variant="outline" color={STATE_MARK[d.state].color} radius="sm" data-testid="authored-state">
                      <span aria-hidden="true">{STATE_MARK[d.state].mark} </span>{t(`chart.documents.states.${d.state}`)}
                    </Badge>
                    {d.operation === 'delete' && d.state !== 'annullato' && <Text size="xs" mt={2}>{t('chart.documents.deletion')}</Text>}
                    {d.reason && <Text size="xs" c="red.9" mt={2}>{d.reason}</Text>}
                  </Table.Td>
                  <Table.Td>{formatDateTime(d.updatedAt)}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="wrap">
                      {d.documentId && <Button size="compact-xs" variant="light" onClick={() => void open(d)}>{t('chart.documents.open')}</Button>}
                      {annullable(d) && <Button size="compact-xs" variant="light" color="red.9" onClick={() => setAnnulling(d)}>{t('chart.documents.annul')}</Button>}
                      {d.kind === 'PSS' && d.state !== 'annullato' && (
                        <Anchor size="xs" href={routeHref({ name: 'pss', id: patientId })} title={d.state === 'pubblicato' ? t('chart.documents.replaceHint') : undefined}>
                          {d.state === 'pubblicato' ? t('chart.documents.replace') : t('chart.documents.openEditor')}
                        </Anchor>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      <ReceivedDocumentsPanel patientId={patientId} />
      <AnnulConfirm patientId={patientId} document={annulling} onClose={() => setAnnulling(null)} />
      {/* A window of the layer stack: Esc closes it, not the Scheda behind it. */}
      <AppModal opened={pdf !== null} onClose={() => setPdf(null)} size="xl" title={pdf?.title ?? t('chart.documents.pdfTitle')}>
        {pdf && <iframe src={pdf.url} title={t('chart.documents.pdfFrame')} style={{ width: '100%', height: '70vh', border: 0 }} />}
      </AppModal>
    </Stack>
  );
}
