import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Checkbox, Group, List, Progress, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FileProblem, ImportPreview, ImportResult, PreviewStudy } from '../../../../shared/api/imaging.ts';
import { uploadForImport } from '../../../../shared/imaging/upload.ts';
import { AppModal } from '../../app/layers/AppModal.tsx';
import { useApi, useServiceEvent } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { formatDate } from '../patients/format.ts';
import { bytesToBase64, personText } from './format.ts';

/** What the doctor chose: a folder (a CD, with or without DICOMDIR) or single files. */
export interface ImportChoice {
  mode: 'folder' | 'files';
  files: readonly File[];
}

type Phase =
  | { step: 'reading'; done: number; total: number }
  | { step: 'preview'; preview: ImportPreview }
  | { step: 'saving'; preview: ImportPreview; done: number; total: number }
  | { step: 'done'; result: ImportResult }
  | { step: 'error'; error: unknown };

/** The name a picked file goes by: its path inside the picked folder, else its own name. */
function sourceName(f: File): string {
  return f.webkitRelativePath || f.name;
}

export function problemText(t: (k: string, o?: Record<string, unknown>) => string, p: FileProblem): string {
  return t(`imaging.problems.${p.reason}`, { detail: p.detail ?? '?' });
}

/**
 * Importing images into one patient: the chosen files are read and staged (progress), then the
 * studies found are shown with the patient the files name; the doctor ticks the studies to keep
 * (those that do not name this patient start unticked and say so), and only then are they
 * imported (progress). Closing before that imports nothing and drops what was staged.
 */
export function ImagingImportDialog({ patientId, patientName, choice, onClose }: { patientId: string; patientName: string; choice: ImportChoice; onClose(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [phase, setPhase] = useState<Phase>({ step: 'reading', done: 0, total: choice.files.length });
  const [chosen, setChosen] = useState<Record<string, boolean>>({});
  const session = useRef<string | undefined>(undefined);
  const applied = useRef(false);

  useEffect(() => {
    const abort = new AbortController();
    (async () => {
      const { sessionId } = await api.call('imaging.importStart', { patientId });
      session.current = sessionId;
      await uploadForImport(
        sessionId,
        choice.files.map((file) => ({ name: sourceName(file), file })),
        choice.mode,
        {
          size: (f) => f.size,
          slice: async (f, start, end) => new Uint8Array(await f.slice(start, end).arrayBuffer()),
          toBase64: bytesToBase64,
          send: (input) => api.call('imaging.importFile', input),
        },
        (p) => !abort.signal.aborted && setPhase({ step: 'reading', ...p }),
        abort.signal,
      );
      const preview = await api.call('imaging.importPreview', { sessionId });
      if (abort.signal.aborted) return;
      setChosen(Object.fromEntries(preview.studies.map((s) => [s.studyUid, s.agreement === 'same' && s.newInstances > 0])));
      setPhase({ step: 'preview', preview });
    })().catch((error: unknown) => !abort.signal.aborted && setPhase({ step: 'error', error }));
    return () => {
      abort.abort();
      // Nothing applied: the staged files go (a session that applied has ended already).
      if (session.current && !applied.current) void api.call('imaging.importCancel', { sessionId: session.current }).catch(() => undefined);
    };
  }, [api, patientId, choice]);

  useServiceEvent('imaging.importProgress', (p) => {
    if (p.sessionId !== session.current || p.phase !== 'saving') return;
    setPhase((ph) => (ph.step === 'saving' ? { ...ph, done: p.done, total: p.total } : ph));
  });

  const apply = async (preview: ImportPreview) => {
    const studies = preview.studies.filter((s) => chosen[s.studyUid]).map((s) => ({ studyUid: s.studyUid, confirmed: s.agreement !== 'same' }));
    if (studies.length === 0 || !session.current) return;
    setPhase({ step: 'saving', preview, done: 0, total: studies.reduce((n, s) => n + (preview.studies.find((x) => x.studyUid === s.studyUid)?.newInstances ?? 0), 0) });
    try {
      const result = await api.call('imaging.importApply', { sessionId: session.current, studies });
      applied.current = true;
      setPhase({ step: 'done', result });
    } catch (error) {
      setPhase({ step: 'error', error });
    }
  };

  const busy = phase.step === 'reading' || phase.step === 'saving';
  return (
    <AppModal opened onClose={onClose} title={t('imaging.import.title')} size="xl" locked={phase.step === 'saving'} data-testid="imaging-import">
      <Stack gap="md">
        {phase.step === 'reading' && <Busy label={t('imaging.import.reading', { done: phase.done, total: phase.total })} done={phase.done} total={phase.total} />}
        {phase.step === 'saving' && <Busy label={t('imaging.import.saving', { done: phase.done, total: phase.total })} done={phase.done} total={phase.total} />}
        {phase.step === 'error' && (
          <Alert color="red" role="alert" title={t('imaging.import.failed')}>
            {errorText(t, phase.error)}
          </Alert>
        )}
        {phase.step === 'preview' && <PreviewView preview={phase.preview} patientName={patientName} chosen={chosen} setChosen={setChosen} />}
        {phase.step === 'done' && <ResultView result={phase.result} />}
        <Group justify="flex-end">
          {phase.step === 'preview' && (
            <>
              <Button variant="default" onClick={onClose}>
                {t('imaging.import.cancel')}
              </Button>
              <Button onClick={() => void apply(phase.preview)} disabled={!Object.values(chosen).some(Boolean)}>
                {t('imaging.import.apply', { count: phase.preview.studies.filter((s) => chosen[s.studyUid]).length })}
              </Button>
            </>
          )}
          {(phase.step === 'done' || phase.step === 'error' || phase.step === 'reading') && (
            <Button variant={busy ? 'default' : 'filled'} onClick={onClose}>
              {phase.step === 'reading' ? t('imaging.import.cancel') : t('imaging.import.close')}
            </Button>
          )}
        </Group>
      </Stack>
    </AppModal>
  );
}

function Busy({ label, done, total }: { label: string; done: number; total: number }) {
  return (
    <div role="status">
      <Text size="sm" mb={4}>
        {label}
      </Text>
      <Progress value={(100 * done) / Math.max(1, total)} aria-label={label} />
    </div>
  );
}

function agreementText(t: (k: string, o?: Record<string, unknown>) => string, s: PreviewStudy, patientName: string): string {
  if (s.agreement === 'same') return t(s.matchBy === 'codiceFiscale' ? 'imaging.import.sameByCf' : 'imaging.import.sameByName', { patient: patientName });
  if (s.namedPatient) return t('imaging.import.namedOther', { other: `${s.namedPatient.surname} ${s.namedPatient.givenName}`, patient: patientName });
  return t(s.agreement === 'different' ? 'imaging.import.different' : 'imaging.import.unknown', { patient: patientName });
}

function PreviewView({ preview, patientName, chosen, setChosen }: { preview: ImportPreview; patientName: string; chosen: Record<string, boolean>; setChosen(f: (c: Record<string, boolean>) => Record<string, boolean>): void }) {
  const { t } = useTranslation();
  return (
    <>
      <Text size="sm">
        {t('imaging.import.found', { count: preview.studies.length, instances: preview.files.instances })}
        {preview.files.skipped > 0 && ` ${t('imaging.import.skipped', { count: preview.files.skipped })}`}
      </Text>
      {preview.studies.length === 0 && <Alert color="orange">{t('imaging.import.none')}</Alert>}
      {preview.studies.length > 0 && (
        <Table fz="sm" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('imaging.import.columns.import')}</Table.Th>
              <Table.Th scope="col">{t('imaging.import.columns.study')}</Table.Th>
              <Table.Th scope="col">{t('imaging.import.columns.patient')}</Table.Th>
              <Table.Th scope="col">{t('imaging.import.columns.content')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.studies.map((s) => {
              const label = [s.date && formatDate(s.date), s.description || t('imaging.studies.noDescription')].filter(Boolean).join(' · ');
              const nothingNew = s.newInstances === 0;
              return (
                <Table.Tr key={s.studyUid} data-testid="imaging-preview-study">
                  <Table.Td>
                    <Checkbox
                      checked={chosen[s.studyUid] ?? false}
                      disabled={nothingNew}
                      onChange={(e) => {
                        const v = e.currentTarget.checked;
                        setChosen((c) => ({ ...c, [s.studyUid]: v }));
                      }}
                      label={s.agreement === 'same' ? t('imaging.import.choose', { study: label }) : t('imaging.import.confirmOther', { study: label, patient: patientName })}
                    />
                  </Table.Td>
                  <Table.Td>
                    {label}
                    {s.institution && <Text size="xs" c="gray.7">{s.institution}</Text>}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{personText(s.dicomPatient.name) || t('imaging.import.noName')}{s.dicomPatient.birthDate && ` · ${formatDate(s.dicomPatient.birthDate)}`}</Text>
                    <Text size="xs" c={s.agreement === 'same' ? 'green.9' : 'orange.9'} fw={s.agreement === 'same' ? 400 : 700}>
                      {s.agreement === 'same' ? '✓ ' : '⚠ '}
                      {agreementText(t, s, patientName)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {t('imaging.import.content', { series: s.series.length, instances: s.instances })}
                    {s.alreadyHere > 0 && <Text size="xs">{t('imaging.import.alreadyHere', { count: s.alreadyHere })}</Text>}
                    {s.elsewhere.map((o) => (
                      <Text size="xs" key={o.patientId}>
                        {t('imaging.import.elsewhere', { count: o.instances, patient: `${o.surname} ${o.givenName}` })}
                      </Text>
                    ))}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <Problems problems={preview.problems} />
    </>
  );
}

function ResultView({ result }: { result: ImportResult }) {
  const { t } = useTranslation();
  const added = result.studies.reduce((n, s) => n + s.added, 0);
  const already = result.studies.reduce((n, s) => n + s.alreadyHere, 0);
  return (
    <>
      <Alert color="green" role="status" title={t('imaging.import.doneTitle')}>
        {t('imaging.import.done', { count: added, studies: result.studies.length })}
        {already > 0 && ` ${t('imaging.import.alreadyHere', { count: already })}`}
      </Alert>
      <Problems problems={result.problems} />
    </>
  );
}

function Problems({ problems }: { problems: readonly FileProblem[] }) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <Alert color="orange" title={t('imaging.import.problems', { count: problems.length })} data-testid="imaging-import-problems">
      <List size="sm">
        {problems.map((p) => (
          <List.Item key={p.file}>
            <strong>{p.file}</strong>: {problemText(t, p)}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
