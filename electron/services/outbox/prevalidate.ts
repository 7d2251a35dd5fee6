/**
 * Validation before signing (FSE-GATEWAY.md §2 "Flow": validate with
 * activity=VALIDATION BEFORE signing, sign, publish the same CDA within 5 days). The unsigned
 * PDF goes through the gateway the outbox sends to; the answer is the workflowInstanceId the
 * publication will use, or `offline` when the gateway cannot be reached now (a locum without
 * network signs anyway and the outbox validates later), or GATEWAY_REJECTED with the
 * gateway's reasons in Italian (the doctor is not asked for the PIN).
 */
import { AppError, isAppError, type ErrorData } from '../../../shared/errors/index.ts';
import type { GatewayConnection, OutboxPrevalidateResult } from '../../../shared/api/outbox.ts';
import type { readCdaFacts } from '../../../shared/gateway/cda-facts.ts';
import { spiegazioneErrore } from '../../../shared/gateway/errors.ts';
import { decide, isTransient } from '../../../shared/outbox/retry.ts';
import type { Logger } from '../ports.ts';
import { failureOf, type OutboxGateway } from './gateway-port.ts';

export type CdaMode = 'ATTACHMENT' | 'RESOURCE';

export function modeOf(metadata: Record<string, unknown>): CdaMode {
  return metadata['mode'] === 'RESOURCE' ? 'RESOURCE' : 'ATTACHMENT';
}

/** The CDA facts of a PDF for the JWTs and the identificativoDoc; INVALID_INPUT in Italian when there is no usable CDA. */
export async function pdfFacts(pdf: Uint8Array, mode: CdaMode): Promise<{ facts: ReturnType<typeof readCdaFacts>; patient: { extension: string; root: string } }> {
  // pdf-lib is loaded with the first PDF, not at start-up; so is the XML parser (slimdom) of the facts.
  const [{ extractCdaFromPdf }, { readCdaFacts: readFacts }] = await Promise.all([import('../../../shared/validation/cda/pdf.ts'), import('../../../shared/gateway/cda-facts.ts')]);
  const cda = await extractCdaFromPdf(pdf, mode).catch(() => null);
  if (!cda) throw new AppError('INVALID_INPUT', 'PDF without an embedded CDA', { issues: [{ path: 'pdfBase64', message: 'Il PDF non contiene un CDA (cda.xml allegato)' }] });
  let facts: ReturnType<typeof readCdaFacts>;
  try {
    facts = readFacts(cda.bytes);
  } catch {
    throw new AppError('INVALID_INPUT', 'The embedded CDA is not XML', { issues: [{ path: 'pdfBase64', message: 'Il CDA allegato non è XML valido' }] });
  }
  const patient = facts.patientIds[0];
  if (!patient) throw new AppError('INVALID_INPUT', 'CDA without a patient id', { issues: [{ path: 'pdfBase64', message: 'Il CDA non indica il paziente (recordTarget)' }] });
  return { facts, patient };
}

export interface PrevalidateDeps {
  gateway: OutboxGateway;
  connection: GatewayConnection;
  paused: boolean;
  now: () => number;
  logger?: Logger;
}

const PAUSED = 'Invio sospeso in Coda di invio: il documento verrà validato dalla coda quando l’invio riprende.';

/** Validates an unsigned PDF with activity=VALIDATION; see the module comment for the three answers. */
export async function prevalidate(deps: PrevalidateDeps, a: { pdf: Uint8Array; mode: CdaMode; patientConsent?: boolean; requester?: { fiscalCode: string } }): Promise<OutboxPrevalidateResult> {
  const { facts, patient } = await pdfFacts(a.pdf, a.mode);
  if (deps.connection.mode === 'not-configured') return { status: 'offline', reason: deps.connection.reason ?? 'Gateway FSE non configurato.' };
  if (deps.paused) return { status: 'offline', reason: PAUSED };
  // The time before the call: the 5-day window is counted from no later than the gateway's own.
  const at = deps.now();
  try {
    const r = await deps.gateway.validate({
      pdf: a.pdf,
      body: { activity: 'VALIDATION', mode: a.mode, healthDataFormat: 'CDA' },
      facts: { patient, ...(facts.documentCode ? { documentCode: facts.documentCode } : {}), patientConsent: a.patientConsent ?? true, ...(a.requester ? { requester: a.requester } : {}) },
    });
    if (!r.workflowInstanceId) return { status: 'offline', reason: 'Il gateway ha risposto senza workflowInstanceId: il documento verrà validato dalla coda di invio.' };
    return {
      status: 'validated',
      workflowInstanceId: r.workflowInstanceId,
      traceId: r.traceID ?? null,
      validatedAt: new Date(at).toISOString(),
      ...(r.warning ? { warning: r.warning } : {}),
    };
  } catch (e) {
    const known = isAppError(e) || (e as { failure?: unknown }).failure !== undefined;
    if (!known) {
      deps.logger?.warn('outbox: validation before signing failed unexpectedly', { error: String(e) });
      return { status: 'offline', reason: 'Validazione non riuscita per un errore imprevisto: il documento verrà validato dalla coda di invio.' };
    }
    const f = failureOf(e);
    if (isTransient(f)) return { status: 'offline', reason: decide(f, 1, () => 0).reason };
    // A permanent refusal (XSD, schematron, vocabulary, JWT...): the gateway's reasons, in Italian.
    const status = f.kind === 'http' ? f.status : 400;
    const given = isAppError(e) && e.code === 'GATEWAY_REJECTED' ? (e.data as ErrorData<'GATEWAY_REJECTED'> | undefined) : undefined;
    const data: ErrorData<'GATEWAY_REJECTED'> = {
      status,
      title: given?.title ?? spiegazioneErrore(status, f.kind === 'http' && f.type ? { type: f.type } : undefined),
      ...(f.kind === 'http' && f.type ? { type: f.type } : {}),
      ...(given?.detail ? { detail: given.detail } : {}),
    };
    throw new AppError('GATEWAY_REJECTED', `Validation refused by the gateway (HTTP ${status}${data.type ? ` ${data.type}` : ''})`, data);
  }
}
