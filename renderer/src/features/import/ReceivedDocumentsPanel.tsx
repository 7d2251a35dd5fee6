import { useEffect, useRef, useState, type DragEvent } from 'react';
import { Button, FileButton, Group, Paper, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { ReceivedSummary } from '../../../../shared/api/import.ts';
import { useApi, useServiceEvent } from '../../platform/api-context.tsx';
import { formatDate } from '../patients/format.ts';
import { ImportDialog } from './ImportDialog.tsx';
import { ReceivedDocumentModal } from './ReceivedDocumentModal.tsx';
import { VerdictText } from './VerdictText.tsx';

const ACCEPT = '.xml,.pdf,.p7m,.json,.csv,.txt,application/xml,text/xml,application/pdf,application/pkcs7-mime,application/json,application/fhir+json,text/csv';

/**
 * Documenti ricevuti of one patient, with "Importa documento" (a button, or a file dropped on
 * the panel): self-contained, mounted by the Scheda paziente with one line.
 */
export function ReceivedDocumentsPanel({ patientId, limit = 200 }: { patientId: string; /** The newest this many. */ limit?: number }) {
  const { t } = useTranslation();
  const api = useApi();
  const [items, setItems] = useState<ReceivedSummary[]>([]);
  const [total, setTotal] = useState(0);
  const [changes, setChanges] = useState(0);
  const [file, setFile] = useState<File | null>(null);
  const [opened, setOpened] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const resetRef = useRef<() => void>(null);
  useServiceEvent('patients.changed', (p) => p.id === patientId && setChanges((n) => n + 1));
  useEffect(() => {
    let live = true;
    api.call('received.list', { patientId, limit }).then((r) => {
      if (!live) return;
      setItems(r.items);
      setTotal(r.total);
    }, () => undefined);
    return () => {
      live = false;
    };
  }, [api, patientId, limit, changes]);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const f = e.dataTransfer.files[0];
    if (f) setFile(f);
  };

  return (
    <Paper
      withBorder p="lg"
      onDragOver={(e) => { e.preventDefault(); setDragging(true); }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      style={dragging ? { outline: '3px dashed var(--mantine-color-blue-6)', outlineOffset: -6 } : undefined}
      aria-label={t('importDoc.panel.title')}
      component="section"
      data-testid="received-documents"
    >
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">{t('importDoc.panel.title')}</Title>
        <FileButton resetRef={resetRef} accept={ACCEPT} onChange={(f) => { resetRef.current?.(); if (f) setFile(f); }}>
          {(props) => <Button variant="light" {...props}>{t('importDoc.action')}</Button>}
        </FileButton>
      </Group>
      <Text size="xs" c="gray.7" mb="sm">{t('importDoc.panel.hint')}</Text>
      {items.length === 0 ? (
        <Text c="gray.7" size="sm">{t('importDoc.panel.empty')}</Text>
      ) : (
        <Table fz="sm" highlightOnHover>
          <Table.Caption c="gray.7">{total > items.length ? t('importDoc.panel.countShown', { count: total, shown: items.length }) : t('importDoc.panel.count', { count: total })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('importDoc.columns.date')}</Table.Th>
              <Table.Th scope="col">{t('importDoc.columns.document')}</Table.Th>
              <Table.Th scope="col">{t('importDoc.columns.from')}</Table.Th>
              <Table.Th scope="col">{t('importDoc.columns.checks')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>{formatDate(d.documentDate ?? d.receivedAt)}</Table.Td>
                <Table.Td>
                  <UnstyledButton onClick={() => setOpened(d.id)} td="underline">{t(`importDoc.kinds.${d.kind}`)} — {d.title}</UnstyledButton>
                </Table.Td>
                <Table.Td>{d.organizationName ?? d.authorName ?? ''}</Table.Td>
                <Table.Td><Group gap={4}><VerdictText kind="validation" v={d.validation} />{d.signature.verdict !== 'not-applicable' && <VerdictText kind="signature" v={d.signature} />}</Group></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ImportDialog
        patientId={patientId}
        file={file}
        onClose={() => setFile(null)}
        onImported={(plan) => {
          setFile(null);
          setChanges((n) => n + 1);
          notifications.show({ color: 'green', message: t('importDoc.done', { count: Object.entries(plan.added).filter(([k]) => k !== 'documents').reduce((n, [, v]) => n + v, 0) }) });
          setOpened(plan.documentId);
        }}
      />
      <ReceivedDocumentModal patientId={patientId} documentId={opened} onClose={() => setOpened(null)} />
    </Paper>
  );
}
