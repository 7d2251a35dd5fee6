import { useEffect, useRef, useState } from 'react';
import { Anchor, Button, FileButton, Group, Paper, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { StudySummary } from '../../../../shared/api/imaging.ts';
import { AppModal } from '../../app/layers/AppModal.tsx';
import { useApi, useServiceEvent } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { usePatient } from '../patients/usePatient.ts';
import { formatDate } from '../patients/format.ts';
import { ImagingImportDialog, type ImportChoice } from './ImagingImportDialog.tsx';
import { StudyViewer } from './StudyViewer.tsx';
import { ReceivedDocumentModal } from '../import/ReceivedDocumentModal.tsx';
import './imaging.css';

/**
 * Immagini of one patient: the studies imported (newest first), "Importa da CD o cartella" and
 * "Importa file DICOM", and the viewer of the study opened. Self-contained: the Scheda
 * paziente mounts it with one line (its Immagini tab).
 */
export function ImagingTab({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const { patient } = usePatient(patientId);
  const [studies, setStudies] = useState<StudySummary[]>();
  const [listError, setListError] = useState<unknown>();
  const [changes, setChanges] = useState(0);
  const [choice, setChoice] = useState<ImportChoice>();
  const [open, setOpen] = useState<StudySummary>();
  const [report, setReport] = useState<string | null>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const resetFiles = useRef<() => void>(null);

  useServiceEvent('imaging.changed', (p) => p.patientId === patientId && setChanges((n) => n + 1));
  useEffect(() => {
    let live = true;
    api.call('imaging.studies', { patientId }).then(
      (r) => live && (setStudies(r.studies), setListError(undefined)),
      (e: unknown) => live && setListError(e),
    );
    return () => {
      live = false;
    };
  }, [api, patientId, changes]);

  // A folder picker: the attribute has no React prop (it is not in the HTML standard, every browser has it).
  useEffect(() => {
    folderInput.current?.setAttribute('webkitdirectory', '');
  }, []);

  const patientName = patient ? `${patient.surname} ${patient.givenName}` : '';
  const closeImport = () => {
    setChoice(undefined);
    setChanges((n) => n + 1);
  };

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="imaging-title" data-testid="imaging-tab">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="imaging-title">
          {t('imaging.title')}
        </Title>
        <Group gap="xs">
          <Button variant="light" onClick={() => folderInput.current?.click()}>
            {t('imaging.import.folder')}
          </Button>
          <input
            ref={folderInput}
            type="file"
            hidden
            aria-label={t('imaging.import.folder')}
            data-testid="imaging-folder-input"
            onChange={(e) => {
              const files = [...(e.currentTarget.files ?? [])];
              e.currentTarget.value = '';
              if (files.length) setChoice({ mode: 'folder', files });
            }}
          />
          <FileButton resetRef={resetFiles} multiple onChange={(files) => { resetFiles.current?.(); if (files.length) setChoice({ mode: 'files', files }); }}>
            {(props) => (
              <Button variant="light" {...props}>
                {t('imaging.import.files')}
              </Button>
            )}
          </FileButton>
        </Group>
      </Group>
      <Text size="xs" c="gray.7" mb="sm">
        {t('imaging.hint')}
      </Text>
      {listError !== undefined && (
        <Text role="alert" c="red.9" size="sm">
          {errorText(t, listError)}
        </Text>
      )}
      {studies && studies.length === 0 && (
        <Text c="gray.7" size="sm">
          {t('imaging.studies.empty')}
        </Text>
      )}
      {studies && studies.length > 0 && (
        <Table fz="sm" highlightOnHover data-testid="imaging-studies">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('imaging.studies.date')}</Table.Th>
              <Table.Th scope="col">{t('imaging.studies.study')}</Table.Th>
              <Table.Th scope="col">{t('imaging.studies.modalities')}</Table.Th>
              <Table.Th scope="col">{t('imaging.studies.content')}</Table.Th>
              <Table.Th scope="col">
                <VisuallyHidden>{t('imaging.studies.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {studies.map((s) => {
              const label = s.description || t('imaging.studies.noDescription');
              return (
                <Table.Tr key={s.studyUid}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{s.date ? formatDate(s.date) : '—'}</Table.Td>
                  <Table.Td>
                    {label}
                    {s.institution && <Text size="xs" c="gray.7">{s.institution}</Text>}
                    {s.report && (
                      <Anchor component="button" type="button" size="xs" display="block" onClick={() => setReport(s.report!.documentId)} data-testid="imaging-study-report">
                        {t('imaging.studies.report', { title: s.report.title })}
                      </Anchor>
                    )}
                  </Table.Td>
                  <Table.Td>{s.modalities.join(', ')}</Table.Td>
                  <Table.Td>
                    {t('imaging.studies.counts', { series: s.series, images: s.images })}
                    {s.otherObjects > 0 && <Text size="xs">{t('imaging.studies.otherObjects', { count: s.otherObjects })}</Text>}
                  </Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="light" onClick={() => setOpen(s)} aria-label={t('imaging.studies.openNamed', { study: `${label}${s.date ? ` ${formatDate(s.date)}` : ''}` })}>
                      {t('imaging.studies.open')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <ReceivedDocumentModal patientId={patientId} documentId={report} onClose={() => setReport(null)} />
      {choice && <ImagingImportDialog patientId={patientId} patientName={patientName} choice={choice} onClose={closeImport} />}
      <AppModal opened={open !== undefined} onClose={() => setOpen(undefined)} title={open ? `${t('imaging.title')}: ${open.description || t('imaging.studies.noDescription')}` : ''} size="100%" data-testid="imaging-viewer-window">
        {open && <StudyViewer patientId={patientId} studyUid={open.studyUid} />}
      </AppModal>
    </Paper>
  );
}
