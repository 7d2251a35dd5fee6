import { z } from 'zod';
import { defineMethod } from './define.ts';
import { isCalendarDateText, NOT_ON_CALENDAR } from '../domain/calendar-date.ts';
import { OUTBOX_OPERATIONS } from '../outbox/job.ts';
import { OUTBOX_STATES } from '../outbox/state-machine.ts';
import { OutboxEntryView, OutboxSummary } from '../outbox/api.ts';

/**
 * Coda di invio: the publication queue to the FSE 2.0 gateway as the UI sees
 * it. The entry and summary shapes are shared/outbox/api.ts's, extended with what the screen
 * shows (document title and patient, the last error in Italian, connection and pause state).
 * PDF bytes travel as base64 (`outbox.enqueue` only); lists never carry them.
 */

const Base64 = z.string().min(8).max(70_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');

export const OutboxListEntry = OutboxEntryView.extend({
  document: z.object({ title: z.string(), kind: z.string(), patientId: z.string().nullable() }),
  /** The last error in Italian words (the gateway's reason when parked), null when none. */
  lastErrorText: z.string().nullable(),
});
export type OutboxListEntry = z.infer<typeof OutboxListEntry>;

export const GatewayConnection = z.object({
  /**
   * sandbox: the built-in simulator (Ambiente di prova); simulator: an external simulator
   * (CARTELLA_GATEWAY_URL or settings); validation / production: the real gateway (Impostazioni
   * → Gateway FSE); not-configured: no gateway to send to yet.
   */
  mode: z.enum(['sandbox', 'simulator', 'validation', 'production', 'not-configured']),
  /** Base URL in use (127.0.0.1 for the simulators); absent when not configured. */
  url: z.string().optional(),
  /** Why nothing can be sent (not-configured), in Italian. */
  reason: z.string().optional(),
});
export type GatewayConnection = z.infer<typeof GatewayConnection>;

export const OutboxFullSummary = OutboxSummary.extend({
  /** Entries per state (absent states: none). */
  byState: z.partialRecord(z.enum(OUTBOX_STATES), z.number().int().min(0)),
  /** Documents not yet published (what the badge counts): every state but published and cancelled. */
  notPublished: z.number().int().min(0),
  /** Sending paused by the doctor (the switch in Coda di invio). */
  paused: z.boolean(),
  gateway: GatewayConnection,
});
export type OutboxFullSummary = z.infer<typeof OutboxFullSummary>;

const EntryId = z.object({ id: z.string().min(1).max(100) });

/**
 * A validation done before signing (activity=VALIDATION): its workflowInstanceId (the key the
 * publication and the reconciliation use), the gateway's traceID, and when it was done.
 */
export const Prevalidation = z.object({
  workflowInstanceId: z.string().min(1).max(256),
  traceId: z.string().max(100).nullable(),
  /** ISO 8601; the gateway publishes only within 5 days of it. */
  validatedAt: z.iso.datetime().refine(isCalendarDateText, NOT_ON_CALENDAR),
});
export type Prevalidation = z.infer<typeof Prevalidation>;

export const OutboxPrevalidateInput = z.object({
  /** The unsigned PDF with the CDA attached (as pss.signingBatch gives it), base64. */
  pdfBase64: Base64,
  operation: z.enum(['create', 'replace']).default('create'),
  /** Publication metadata: `mode` (ATTACHMENT/RESOURCE) says where the CDA is. */
  metadata: z.record(z.string(), z.unknown()).default({}),
});

export const OutboxPrevalidateResult = z.discriminatedUnion('status', [
  Prevalidation.extend({
    status: z.literal('validated'),
    /** Non-blocking schematron reports of the gateway, when any. */
    warning: z.string().max(200_000).optional(),
  }),
  z.object({
    /** The gateway cannot be reached now (network, not configured, paused, 5xx): sign anyway, the outbox validates later. */
    status: z.literal('offline'),
    /** Why, in Italian. */
    reason: z.string(),
  }),
]);
export type OutboxPrevalidateResult = z.infer<typeof OutboxPrevalidateResult>;

export const OutboxEnqueueInput = z.object({
  /** The signed PDF (PAdES, CDA attached), base64. */
  pdfBase64: Base64,
  patientId: z.string().min(1).max(100).nullable().default(null),
  operation: z.enum(OUTBOX_OPERATIONS).default('create'),
  /** Document kind (e.g. PSS) and the title shown in the queue. */
  kind: z.string().min(1).max(50).default('PSS'),
  title: z.string().max(300).default(''),
  /** `<OID>^<id>`; default: the CDA's ClinicalDocument/id (root^extension). */
  identificativoDoc: z.string().max(256).optional(),
  /** Publication metadata (the gateway requestBody fields but identificativoDoc/workflowInstanceId). */
  metadata: z.record(z.string(), z.unknown()),
  /** From a validation done before signing: publication goes straight to step 2 (prefer `prevalidation`, which has its time). */
  workflowInstanceId: z.string().max(256).optional(),
  /** The validation done before signing (outbox.prevalidate): published with its workflowInstanceId within the 5-day window, validated again after it. */
  prevalidation: Prevalidation.optional(),
  /** The PSS version this signed PDF is: marked signed (pss.markSigned) in the same transaction as the queue entry. */
  pssDocumentId: z.string().min(1).max(100).optional(),
  /** The version of another document type (doctypes.signingBatch documentId): marked signed in the same transaction. */
  typedDocumentId: z.string().min(1).max(100).optional(),
  /** 'queued' (default, ready to send) or 'draft' (kept until the doctor queues it). */
  state: z.enum(['queued', 'draft']).default('queued'),
});

export const outboxApi = {
  /** The queue, newest first: state, attempts, next try, the last error in Italian, document title and patient. */
  'outbox.list': defineMethod({
    input: z.object({ states: z.array(z.enum(OUTBOX_STATES)).optional(), limit: z.number().int().min(1).max(5000).default(500) }).default({ limit: 500 }),
    output: z.array(OutboxListEntry),
  }),

  /** Counts by state, last successful sync, connection to the gateway, pause switch. */
  'outbox.summary': defineMethod({ input: z.object({}).default({}), output: OutboxFullSummary }),

  /** Retry now (waiting, parked; a draft is queued again). Errors: NOT_FOUND, CONFLICT (not allowed in its state). */
  'outbox.retry': defineMethod({ input: EntryId, output: OutboxListEntry }),

  /** Withdraw before publication. Errors: NOT_FOUND, CONFLICT. */
  'outbox.cancel': defineMethod({ input: EntryId, output: OutboxListEntry }),

  /** Back to draft, to change and sign again. Errors: NOT_FOUND, CONFLICT. */
  'outbox.edit': defineMethod({ input: EntryId, output: OutboxListEntry }),

  /** The switch "Sospendi invio": while paused nothing is sent (kept across restarts). */
  'outbox.setPaused': defineMethod({ input: z.object({ paused: z.boolean() }), output: OutboxFullSummary }),

  /**
   * A signed document and its queue entry, written in one transaction (the documents screens
   * call it after "Firma e invia"), with the PSS version marked signed when `pssDocumentId` is
   * given. The JWT facts (patient, document code) are read from the CDA inside the PDF.
   * Errors: INVALID_INPUT (no CDA, bad metadata), CONFLICT (identificativoDoc already used, or
   * the PSS version is not confirmed — then nothing is written), NOT_FOUND (no such PSS version).
   */
  'outbox.enqueue': defineMethod({ input: OutboxEnqueueInput, output: OutboxListEntry }),

  /**
   * Annulla: the deletion at the gateway of a published document (FSE-GATEWAY.md §2, DELETE
   * /documents/{identificativoDoc}), queued in the outbox and sent like a publication (kept
   * across restarts, retried, reconciled); the document reads "annullato" once the gateway has
   * done it (documents.authored). `patientId`, when given, must be the document's. Errors:
   * NOT_FOUND (no such document of that patient); CONFLICT (data.field 'state') when the
   * document is not published, is already annulled, or its deletion is already queued.
   */
  'outbox.deletePublished': defineMethod({
    input: z.object({ documentId: z.string().min(1).max(100), patientId: z.string().min(1).max(100).optional() }),
    output: OutboxListEntry,
  }),

  /**
   * Validation with activity=VALIDATION before signing, through the gateway the
   * outbox sends to: `validated` with the workflowInstanceId to pass to outbox.enqueue;
   * `offline` when the gateway cannot be reached (sign anyway: the outbox validates later).
   * Errors: GATEWAY_REJECTED with the gateway's reasons in Italian (data.title the explanation,
   * data.detail the gateway's messages) — do not sign it; INVALID_INPUT (no CDA in the PDF).
   */
  'outbox.prevalidate': defineMethod({ input: OutboxPrevalidateInput, output: OutboxPrevalidateResult }),
};
