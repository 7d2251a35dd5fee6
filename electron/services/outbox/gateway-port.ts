/**
 * What the outbox needs from the world: the gateway calls (GatewayClient implements them), the
 * clock, and how a failed call is classified for the retry policy.
 */
import { isAppError } from '../../../shared/errors/index.ts';
import type { JwtDocumentFacts } from '../../../shared/gateway/jwt-claims.ts';
import type {
  GatewayResult,
  PublicationCreationReq,
  PublicationMetadataReq,
  PublicationUpdateReq,
  StatusEvent,
  ValidateAndCreateReq,
  ValidateAndReplaceReq,
} from '../../../shared/gateway/schemas.ts';
import type { SendFailure } from '../../../shared/outbox/retry.ts';

/** The gateway calls the outbox needs (GatewayClient implements it). */
export interface OutboxGateway {
  validate(a: { pdf: Uint8Array; body: { activity: 'VALIDATION'; mode?: 'ATTACHMENT' | 'RESOURCE'; healthDataFormat?: 'CDA' }; facts: Omit<JwtDocumentFacts, 'attachmentHash'> }): Promise<GatewayResult>;
  create(a: { pdf: Uint8Array; body: PublicationCreationReq; facts: Omit<JwtDocumentFacts, 'attachmentHash'> }): Promise<GatewayResult>;
  replace(a: { identificativoDoc: string; pdf: Uint8Array; body: PublicationUpdateReq; facts: Omit<JwtDocumentFacts, 'attachmentHash'> }): Promise<GatewayResult>;
  updateMetadata(a: { identificativoDoc: string; body: PublicationMetadataReq; facts: Omit<JwtDocumentFacts, 'attachmentHash'> }): Promise<GatewayResult>;
  delete(a: { identificativoDoc: string; facts: Pick<JwtDocumentFacts, 'patient' | 'patientConsent' | 'requester'> }): Promise<GatewayResult>;
  validateAndCreate(a: { pdf: Uint8Array; body: ValidateAndCreateReq; facts: Omit<JwtDocumentFacts, 'attachmentHash'> }): Promise<GatewayResult>;
  validateAndReplace(a: { identificativoDoc: string; pdf: Uint8Array; body: ValidateAndReplaceReq; facts: Omit<JwtDocumentFacts, 'attachmentHash'> }): Promise<GatewayResult>;
  statusByWorkflowInstanceId(id: string): Promise<{ transactionData: StatusEvent[] }>;
  statusByTraceId(id: string): Promise<{ transactionData: StatusEvent[] }>;
  health(): Promise<boolean>;
}

export interface SchedulerClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: SchedulerClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

/** Failures after which the gateway may or may not have acted: the outbox goes offline and asks before resending. */
export const NETWORK_KINDS = new Set(['network', 'timeout', 'reset']);

/** A failed gateway call as the retry policy sees it. */
export function failureOf(e: unknown): SendFailure {
  // Before the attached failure, which the client marks as a network one for its own retries.
  if (isAppError(e) && e.code === 'CERTIFICATE_INVALID') return { kind: 'certificate', code: (e as { failure?: { code?: string } }).failure?.code ?? 'TLS' };
  const f = (e as { failure?: SendFailure }).failure;
  if (f) return f;
  if (isAppError(e) && e.code === 'TIMEOUT') return { kind: 'timeout' };
  if (isAppError(e) && e.code === 'GATEWAY_UNAVAILABLE') return { kind: 'network' };
  if (isAppError(e) && e.code === 'GATEWAY_REJECTED') {
    const d = e.data as { status?: number; type?: string; title?: string } | undefined;
    return { kind: 'http', status: d?.status ?? 400, ...(d?.type ? { type: d.type } : {}), ...(d?.title ? { reason: d.title } : {}) };
  }
  return { kind: 'network', code: (e as Error)?.name ?? 'error' };
}

/** The compact `last_error` of an entry: `network`, `timeout`, `reset`, `certificate` or `http:<status> <type>`. */
export function lastErrorOf(f: SendFailure): string {
  return f.kind === 'http' ? `http:${f.status}${f.type ? ` ${f.type}` : ''}` : f.kind;
}
