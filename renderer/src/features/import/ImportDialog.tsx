import { useEffect, useRef, useState } from 'react';
import { Button, Group, Modal, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportDecisions, ReceivedPlan } from '../../../../shared/api/import.ts';
import { useApi } from '../../platform/api-context.tsx';
import { fileToBase64 } from '../signing/files.ts';
import { type CsvChoice, PlanView } from './PlanView.tsx';
import { importErrorText } from './format.ts';
import { Notice } from './Notice.tsx';
import { CsvMappingForm } from './CsvMappingForm.tsx';
import { AppError } from '../../../../shared/errors/app-error.ts';
import type { ErrorData } from '../../../../shared/errors/codes.ts';
import type { DeviceCsvMapping } from '../../../../shared/documents/csv/mapping.ts';
import { useLayer } from '../../app/layers/useLayer.ts';

/** What confirming writes, with the doctor's current choices (the preview's counts use the defaults). */
export function confirmCount(plan: ReceivedPlan, d: ImportDecisions): number {
  if (plan.duplicate) return 0;
  const local = (id: string) => id.split('.').pop()!;
  const proposals = [...plan.problems, ...plan.allergies, ...plan.encounters].filter((p) => !p.already && (d.include[local(p.entry.id)] ?? p.include)).length;
  const therapy = plan.therapy.filter((r) => {
    const c = d.therapy[r.key] ?? { action: r.action };
    return c.action === 'stop' || ((c.action === 'start' || c.action === 'change') && (!r.needsRoute || !!c.route));
  }).length;
  return plan.observations.add.length + plan.dispensations.add.length + proposals + therapy + (plan.pss?.add ?? 0);
}

type Phase = { step: 'reading'; size: number } | { step: 'preview'; plan: ReceivedPlan } | { step: 'error'; message: string; columns?: string[] };

/**
 * One received file: read (with progress) → preview per kind → the doctor's choices → one
 * confirmation that writes everything. Esc or Annulla backs out with nothing written.
 */
export function ImportDialog({ patientId, file, onClose, onImported }: { patientId: string; file: File | null; onClose(): void; onImported(plan: ReceivedPlan): void }) {
  const { t } = useTranslation();
  const api = useApi();
  // A window layer of its own: Esc closes this window only, not the Scheda paziente behind it (layer-stack.ts).
  useLayer('window', { onEscape: onClose }, file !== null);
  const [phase, setPhase] = useState<Phase | null>(null);
  const [payload, setPayload] = useState<{ fileName: string; fileBase64: string; csv?: CsvChoice } | null>(null);
  const [decisions, setDecisions] = useState<ImportDecisions>({ include: {}, therapy: {} });
  const [busy, setBusy] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);

  const preview = async (p: { fileName: string; fileBase64: string; csv?: CsvChoice }) => {
    setBusy(true);
    try {
      setPhase({ step: 'preview', plan: await api.call('import.preview', { patientId, ...p }) });
    } catch (e) {
      const columns = e instanceof AppError && e.code === 'IMPORT_REFUSED' ? (e.data as ErrorData<'IMPORT_REFUSED'>).columns : undefined;
      setPhase({ step: 'error', message: importErrorText(t, e), ...(columns ? { columns } : {}) });
    } finally {
      setBusy(false);
    }
  };

  const saveMapping = async (m: DeviceCsvMapping) => {
    if (!payload) return;
    setBusy(true);
    try {
      await api.call('import.saveCsvMapping', m);
    } catch (e) {
      setBusy(false);
      setPhase({ step: 'error', message: importErrorText(t, e) });
      return;
    }
    await preview(payload);
  };

  useEffect(() => {
    if (!file) return;
    let live = true;
    setPhase({ step: 'reading', size: file.size });
    setDecisions({ include: {}, therapy: {} });
    void fileToBase64(file).then((fileBase64) => {
      if (!live) return;
      const p = { fileName: file.name, fileBase64 };
      setPayload(p);
      return preview(p);
    });
    return () => {
      live = false;
    };
  }, [file]);

  const confirm = async () => {
    if (!payload) return;
    setBusy(true);
    try {
      const done = await api.call('import.apply', { patientId, ...payload, decisions });
      onImported(done);
    } catch (e) {
      setPhase({ step: 'error', message: importErrorText(t, e) });
    } finally {
      setBusy(false);
    }
  };

  const plan = phase?.step === 'preview' ? phase.plan : null;
  // Keyboard first: once the preview is there, Enter confirms (Tab reaches the choices, Esc backs out).
  useEffect(() => {
    if (plan) confirmRef.current?.focus();
  }, [plan]);
  const count = plan ? confirmCount(plan, decisions) : 0;
  const blocked = plan?.therapy.some((r) => {
    const c = decisions.therapy[r.key] ?? { action: r.action };
    return r.needsRoute && (c.action === 'start' || c.action === 'change') && !c.route;
  });
  return (
    <Modal opened={file !== null} onClose={onClose} title={t('importDoc.title', { name: file?.name ?? '' })} size="xl" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="sm" data-testid="import-dialog">
        {(phase?.step === 'reading' || (busy && !plan)) && (
          <div role="status" aria-live="polite">
            <Text size="sm">{t('importDoc.reading', { size: Math.ceil((file?.size ?? 0) / 1024) })}</Text>
            <Progress value={100} animated striped aria-label={t('importDoc.reading', { size: Math.ceil((file?.size ?? 0) / 1024) })} />
          </div>
        )}
        {phase?.step === 'error' && <Notice kind="error" role="alert" title={t('importDoc.refused')}>{phase.message}</Notice>}
        {phase?.step === 'error' && phase.columns && <CsvMappingForm columns={phase.columns} busy={busy} onSave={(m) => void saveMapping(m)} />}
        {plan && payload && (
          <PlanView plan={plan} decisions={decisions} onDecisions={setDecisions} onCsv={(csv) => { const p = { ...payload, csv }; setPayload(p); void preview(p); }} />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('importDoc.cancel')}</Button>
          {plan && !plan.duplicate && (
            <Button onClick={() => void confirm()} loading={busy} disabled={blocked} ref={confirmRef} data-testid="import-confirm">
              {t('importDoc.confirm', { count })}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
