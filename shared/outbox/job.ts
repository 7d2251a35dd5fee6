/**
 * What an outbox entry carries (stored as JSON in outbox_entries.payload). Versioned: a
 * payload that no longer parses goes to the dead-letter table (ARCHITECTURE.md §1.6).
 */
import { z } from 'zod';

export const OUTBOX_OPERATIONS = ['create', 'replace', 'validateAndCreate', 'validateAndReplace', 'updateMetadata', 'delete'] as const;
export type OutboxOperation = (typeof OUTBOX_OPERATIONS)[number];

export const OutboxPayload = z.object({
  v: z.literal(1),
  /** The gateway requestBody (PublicationCreationReq etc. for the operation), checked again at send time. */
  requestBody: z.record(z.string(), z.unknown()),
  /** Facts for the integrity JWT (from the CDA). */
  patient: z.object({ extension: z.string().min(1), root: z.string().min(1) }),
  documentCode: z.object({ code: z.string().min(1), codeSystem: z.string().min(1) }).optional(),
  patientConsent: z.boolean().default(true),
  /** For updateMetadata: the change touches P99 (ACCESS UPDATE). */
  changesP99: z.boolean().optional(),
  /** The doctor who queued it (a sostituto, say): the JWTs' `sub`; absent, the practice's configured identity. */
  requester: z.object({ fiscalCode: z.string().regex(/^[A-Z0-9]{16}$/) }).optional(),
});
export type OutboxPayload = z.infer<typeof OutboxPayload>;
export type OutboxPayloadInput = z.input<typeof OutboxPayload>;

/** An outbox entry as the services and the UI see it (no PDF bytes). */
export interface OutboxEntry {
  id: string;
  documentId: string;
  operation: OutboxOperation;
  state: import('./state-machine.ts').OutboxState;
  step: import('./state-machine.ts').OutboxStep;
  identificativoDoc: string;
  attempts: number;
  /** Epoch ms when the scheduler may act on it next. */
  nextAttemptAt: number;
  workflowInstanceId: string | null;
  /** When the workflowInstanceId was obtained by a validation (epoch ms); null when unknown. */
  validatedAt: number | null;
  traceId: string | null;
  lastError: string | null;
  /** Italian reason shown to the doctor when parked or rejected. */
  parkedReason: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}
