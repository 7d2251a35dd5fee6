/**
 * The outbox state machine (ARCHITECTURE.md §4 "outbox"). Pure: a table of
 * allowed transitions and a function that applies an event. The SQLite layer refuses any
 * change this table does not allow, and audits every one it applies.
 *
 *   draft ──enqueue──▶ queued ──send_started──▶ sending ──accepted──▶ accepted ──final_success──▶ published
 *     ▲                  ▲ ▲                      │ │ │                  │  ▲ status_pending
 *     │ edit             │ │ validated (step 2)   │ │ └transient─▶ waiting_retry ──due/retry_now──▶ sending/queued
 *     │                  │ └──────────────────────┘ └permanent─▶ parked ──requeue──▶ queued
 *     │                  │                                         final_error ─▶ rejected
 *   crash_detected: sending ─▶ reconciling ─(ask the gateway)─▶ accepted | published | queued | parked
 *
 * A document is sent in two steps, each idempotent or reconcilable: (1) validation with
 * activity=VALIDATION, which returns the workflowInstanceId (repeating it publishes nothing);
 * (2) publication with that workflowInstanceId. After a crash in step 2 the entry is
 * reconciled through GET /status/{workflowInstanceId} before any resend, so nothing is
 * published twice. A document validated before signing (outbox.prevalidate) enters at step 2
 * with that workflowInstanceId and its validation time; past the gateway's 5-day window the
 * scheduler runs step 1 again before publishing.
 */

export const OUTBOX_STATES = [
  'draft',
  'queued',
  'sending',
  'waiting_retry',
  'reconciling',
  'accepted',
  'published',
  'rejected',
  'parked',
  'cancelled',
] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** States the scheduler will never leave on its own. */
export const TERMINAL_STATES: ReadonlySet<OutboxState> = new Set(['published', 'rejected', 'cancelled']);
/** States that need the doctor (edit, requeue or cancel). */
export const NEEDS_ATTENTION: ReadonlySet<OutboxState> = new Set(['parked', 'rejected']);

export const OUTBOX_EVENTS = [
  /** The doctor finished and signed: the entry is ready to send. */
  'enqueue',
  /** The doctor reopens a queued or parked document (it goes back to draft). */
  'edit',
  /** The doctor withdraws it before it is published. */
  'cancel',
  /** The scheduler persists 'sending' before the HTTP call. */
  'send_started',
  /** Step 1 done: validation returned a workflowInstanceId; step 2 (publication) is due. */
  'validated',
  /** The gateway took the publication (202) — asynchronous processing follows. */
  'accepted',
  /** Network down, timeout, reset, 5xx, 429: retry later with backoff. */
  'failed_transient',
  /** A permanent 4xx rejection: parked with the gateway's reason. */
  'failed_permanent',
  /** At start-up the entry was found 'sending': the outcome of the last call is unknown. */
  'crash_detected',
  /** Reconciliation: the gateway has the publication. */
  'reconciled_accepted',
  /** Reconciliation: the gateway's final status is success. */
  'reconciled_published',
  /** Reconciliation: the gateway has no trace of the publication; sending again is safe. */
  'reconciled_absent',
  /** Reconciliation: the gateway refused it. */
  'reconciled_rejected',
  /** Reconciliation could not reach the gateway: try again later (stays reconciling, or waiting_retry after a lost answer). */
  'reconcile_failed',
  /** Status poll: a final SUCCESS event. */
  'final_success',
  /** Status poll: a BLOCKING_ERROR event after acceptance. */
  'final_error',
  /** Status poll: not final yet; poll again later. */
  'status_pending',
  /** The doctor asks to retry now (waiting_retry) or requeues after fixing (parked). */
  'retry_now',
  /** A waiting entry became due (the scheduler picks it up). */
  'due',
] as const;
export type OutboxEvent = (typeof OUTBOX_EVENTS)[number];

/** Allowed transitions: state → event → next state. Anything absent is refused. */
export const TRANSITIONS: Readonly<Record<OutboxState, Partial<Record<OutboxEvent, OutboxState>>>> = {
  draft: { enqueue: 'queued', cancel: 'cancelled' },
  queued: { send_started: 'sending', edit: 'draft', cancel: 'cancelled' },
  sending: {
    validated: 'queued',
    accepted: 'accepted',
    failed_transient: 'waiting_retry',
    failed_permanent: 'parked',
    crash_detected: 'reconciling',
  },
  // A retry after a lost answer (network/timeout/reset at publication) asks the gateway first;
  // when that question fails (5xx, 429) it waits and asks again, never resending blind.
  waiting_retry: { due: 'queued', retry_now: 'queued', edit: 'draft', cancel: 'cancelled', reconciled_accepted: 'accepted', reconciled_rejected: 'parked', reconcile_failed: 'waiting_retry' },
  reconciling: {
    reconciled_accepted: 'accepted',
    reconciled_published: 'published',
    reconciled_absent: 'queued',
    reconciled_rejected: 'parked',
    reconcile_failed: 'reconciling',
  },
  accepted: { final_success: 'published', final_error: 'rejected', status_pending: 'accepted', failed_transient: 'accepted' },
  published: {},
  rejected: { edit: 'draft' },
  parked: { retry_now: 'queued', edit: 'draft', cancel: 'cancelled' },
  cancelled: {},
};

export type TransitionResult = { ok: true; from: OutboxState; to: OutboxState; event: OutboxEvent } | { ok: false; from: OutboxState; event: OutboxEvent; reason: string };

export function isOutboxState(s: unknown): s is OutboxState {
  return typeof s === 'string' && (OUTBOX_STATES as readonly string[]).includes(s);
}

export function isOutboxEvent(e: unknown): e is OutboxEvent {
  return typeof e === 'string' && (OUTBOX_EVENTS as readonly string[]).includes(e);
}

export function nextState(from: OutboxState, event: OutboxEvent): OutboxState | undefined {
  return TRANSITIONS[from][event];
}

export function transition(from: OutboxState, event: OutboxEvent): TransitionResult {
  const to = nextState(from, event);
  if (to === undefined) return { ok: false, from, event, reason: `event ${event} is not allowed in state ${from}` };
  return { ok: true, from, to, event };
}

/** Events allowed from a state (for the UI's buttons and for tests). */
export function allowedEvents(from: OutboxState): OutboxEvent[] {
  return Object.keys(TRANSITIONS[from]) as OutboxEvent[];
}

/** The scheduler's work for an entry: what to do now, given its state and step. */
export type OutboxStep = 'validate' | 'publish';

/** Which step an entry in `queued` runs next: publication once validation gave a workflowInstanceId. */
export function stepFor(entry: { workflowInstanceId: string | null | undefined; skipValidation?: boolean }): OutboxStep {
  return entry.workflowInstanceId || entry.skipValidation ? 'publish' : 'validate';
}

/** Italian labels for the queue view. */
export const STATE_LABELS: Readonly<Record<OutboxState, string>> = {
  draft: 'Bozza',
  queued: 'In coda',
  sending: 'Invio in corso',
  waiting_retry: 'In attesa di nuovo tentativo',
  reconciling: 'Verifica dello stato sul gateway',
  accepted: 'Preso in carico dal gateway',
  published: 'Pubblicato',
  rejected: 'Rifiutato dal gateway',
  parked: 'Sospeso: richiede intervento',
  cancelled: 'Annullato',
};
