import { useState, type ReactNode } from 'react';
import { Progress, Stack, Text } from '@mantine/core';
import { AppModal } from '../../app/layers/AppModal.tsx';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { MethodOutput, AppContract } from '../../../../shared/api/index.ts';
import type { Prevalidation } from '../../../../shared/api/outbox.ts';
import { AppError } from '../../../../shared/errors/app-error.ts';
import type { ErrorData } from '../../../../shared/errors/codes.ts';
import { useApi } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { SignDialog, type SignBatchOutcome } from '../signing/SignDialog.tsx';

/** A document ready to sign: what pss.signingBatch and doctypes.signingBatch give. */
export type SigningItem = MethodOutput<AppContract, 'pss.signingBatch'>[number] & { kind?: string };
type BatchItem = SigningItem;

/**
 * Where the documents to sign come from, and how a signed one is linked back to its version
 * (pssDocumentId for the PSS, typedDocumentId for the other types) in the enqueue transaction.
 */
export interface SigningSource<T> {
  /** The outbox kind when the item does not carry one. */
  kind: string;
  /** The documents to sign for these targets; [] when there is nothing to sign. */
  load(targets: T[]): Promise<SigningItem[]>;
  link(item: SigningItem): { pssDocumentId?: string; typedDocumentId?: string };
  /** Messages in the caller's words (e.g. "Nessun PSS confermato da firmare."). */
  texts: { nothing(): string; queued(count: number): string };
}
/** A document of the batch, with the gateway's validation when it was reachable. */
interface Prepared {
  item: BatchItem;
  prevalidation?: Prevalidation;
}

/** The gateway's reasons of a refused validation, in Italian (explanation, then the gateway's own messages). */
function rejectionReason(e: AppError): string {
  const data = e.data as ErrorData<'GATEWAY_REJECTED'> | undefined;
  return [data?.title, data?.detail].filter(Boolean).join(' ');
}

/**
 * "Firma e invia", for every document type: the source's documents → each validated by the gateway
 * (activity=VALIDATION, outbox.prevalidate) before the PIN is asked: a refused one is left out
 * with the gateway's reason, an unreachable gateway lets the batch be signed as it is (the
 * outbox validates later) → one SignDialog (one PIN for the batch, PAdES) → each signed PDF
 * queued in the outbox with its validation, and its version marked signed in the same
 * transaction (the source's link).
 */
export function useSignAndSendDocuments<T>(source: SigningSource<T>, onDone?: (signedPatientIds: string[]) => void): { start(targets: T[]): Promise<void>; busy: boolean; dialog: ReactNode } {
  const { t } = useTranslation();
  const api = useApi();
  const [items, setItems] = useState<Prepared[]>([]);
  const [busy, setBusy] = useState(false);
  const [checking, setChecking] = useState<{ done: number; total: number }>();

  /** Validates each document before signing; stops asking once the gateway is found unreachable. */
  const prevalidateAll = async (batch: BatchItem[]): Promise<Prepared[]> => {
    const out: Prepared[] = [];
    let offline: string | undefined;
    setChecking({ done: 0, total: batch.length });
    try {
      for (const [i, item] of batch.entries()) {
        if (offline === undefined) {
          try {
            const r = await api.call('outbox.prevalidate', { pdfBase64: item.pdfBase64, operation: item.operation, metadata: item.metadata });
            if (r.status === 'validated') out.push({ item, prevalidation: { workflowInstanceId: r.workflowInstanceId, traceId: r.traceId, validatedAt: r.validatedAt } });
            else {
              offline = r.reason;
              out.push({ item });
            }
          } catch (e) {
            if (e instanceof AppError && e.code === 'GATEWAY_REJECTED') {
              notifications.show({ color: 'red', autoClose: false, title: item.title, message: t('documents.prevalidate.rejected', { reason: rejectionReason(e) }) });
            } else if (e instanceof AppError && (e.code === 'TIMEOUT' || e.code === 'GATEWAY_UNAVAILABLE')) {
              offline = errorText(t, e);
              out.push({ item });
            } else {
              notifications.show({ color: 'red', title: item.title, message: errorText(t, e) });
            }
          }
        } else out.push({ item });
        setChecking({ done: i + 1, total: batch.length });
      }
    } finally {
      setChecking(undefined);
    }
    if (offline !== undefined) notifications.show({ color: 'yellow', message: t('documents.prevalidate.offline', { reason: offline }) });
    else if (out.length === 0) notifications.show({ message: t('documents.prevalidate.noneLeft') });
    return out;
  };

  const start = async (targets: T[]) => {
    if (targets.length === 0) return;
    setBusy(true);
    try {
      const batch = await source.load(targets);
      if (batch.length === 0) notifications.show({ message: source.texts.nothing() });
      else setItems(await prevalidateAll(batch));
    } catch (e) {
      notifications.show({ color: 'red', message: errorText(t, e) });
    } finally {
      setBusy(false);
    }
  };

  const onSigned = async (outcome: SignBatchOutcome) => {
    const done: string[] = [];
    for (const r of outcome.results) {
      const prepared = items.find((i) => i.item.name === r.name);
      if (!prepared || !r.ok || !r.signedBase64) continue;
      const { item, prevalidation } = prepared;
      try {
        // One transaction: the document, its queue entry and its version marked signed.
        await api.call('outbox.enqueue', {
          pdfBase64: r.signedBase64, patientId: item.patientId, kind: item.kind ?? source.kind, title: item.title, operation: item.operation, metadata: item.metadata,
          ...source.link(item), ...(prevalidation ? { prevalidation } : {}),
        });
        done.push(item.patientId);
      } catch (e) {
        notifications.show({ color: 'red', message: `${item.title}: ${errorText(t, e)}` });
      }
    }
    if (done.length > 0) notifications.show({ color: 'green', message: source.texts.queued(done.length) });
    onDone?.(done);
  };

  const dialog = (
    <>
      <AppModal opened={checking !== undefined && checking.total > 1} onClose={() => undefined} locked title={t('documents.prevalidate.title')}>
        <Stack gap="xs" data-testid="prevalidate-progress">
          <Text size="sm">{t('documents.prevalidate.progress', { done: checking?.done ?? 0, total: checking?.total ?? 0 })}</Text>
          <Progress value={checking && checking.total > 0 ? (100 * checking.done) / checking.total : 0} aria-label={t('documents.prevalidate.title')} />
        </Stack>
      </AppModal>
      <SignDialog
        opened={items.length > 0}
        onClose={() => setItems([])}
        documents={items.map(({ item }) => ({ name: item.name, dataBase64: item.pdfBase64, mode: 'pades' as const }))}
        author={items[0]?.item.author}
        onSigned={(o) => void onSigned(o)}
      />
    </>
  );
  return { start, busy, dialog };
}
