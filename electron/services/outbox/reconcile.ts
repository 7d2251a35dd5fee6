/**
 * The outbox's questions to the gateway about what it already did: after a crash
 * mid-send (reconcile), before resending a publication whose answer was lost (lost answer),
 * and the status poll of an accepted entry until a final event. The key is the entry's
 * workflowInstanceId — from the scheduler's own validation or from the validation done before
 * signing (outbox.prevalidate), which the gateway records under the same id — else its traceId.
 */
import { transactionOutcome, isFinalEvent, type StatusEvent } from '../../../shared/gateway/schemas.ts';
import type { OutboxEntry } from '../../../shared/outbox/job.ts';
import { retryDelay, type RetryPolicy } from '../../../shared/outbox/retry.ts';
import { NETWORK_KINDS, failureOf, lastErrorOf, type OutboxGateway, type SchedulerClock } from './gateway-port.ts';
import type { TransitionArgs } from '../db/queries/outbox.ts';
import type { OutboxStore } from './store.ts';

/** What the status checks need from the scheduler. */
export interface StatusContext {
  readonly store: OutboxStore;
  readonly gateway: OutboxGateway;
  readonly actor: string;
  readonly clock: SchedulerClock;
  readonly random: () => number;
  readonly policy: RetryPolicy;
  /** First status poll after acceptance, ms. */
  readonly pollDelayMs: number;
  emit(e: OutboxEntry): OutboxEntry;
  setOnline(online: boolean): Promise<void>;
  markSuccess(): void;
}

type Events = StatusEvent[] | 'not-found';
type Outcome = ReturnType<typeof transactionOutcome>;

/** The events of the entry's transaction; 'not-found' when there is nothing to ask by or the gateway has no record (404). */
async function events(ctx: StatusContext, entry: OutboxEntry): Promise<Events> {
  try {
    if (entry.workflowInstanceId) return (await ctx.gateway.statusByWorkflowInstanceId(entry.workflowInstanceId)).transactionData;
    if (entry.traceId) return (await ctx.gateway.statusByTraceId(entry.traceId)).transactionData;
    return 'not-found';
  } catch (e) {
    const f = failureOf(e);
    if (f.kind === 'http' && f.status === 404) return 'not-found';
    throw e;
  }
}

/**
 * The events, or undefined when the gateway could not be asked: then the entry has already
 * been moved by `event` to a later try (offline first when the network failed; backoff for the
 * `attempt`-th try, never under Retry-After), with the attempt counted.
 */
async function eventsOrBackOff(ctx: StatusContext, entry: OutboxEntry, now: number, a: { event: 'reconcile_failed' | 'failed_transient'; attempt: number }): Promise<Events | undefined> {
  try {
    return await events(ctx, entry);
  } catch (e) {
    const f = failureOf(e);
    if (NETWORK_KINDS.has(f.kind)) await ctx.setOnline(false);
    const delay = retryDelay(a.attempt, ctx.random, ctx.policy, f.kind === 'http' ? f.retryAfterMs : undefined);
    ctx.emit(await ctx.store.transition({ actor: ctx.actor, entryId: entry.id, event: a.event, now, patch: { nextAttemptAt: now + delay, lastError: lastErrorOf(f), countAttempt: true } }));
    return undefined;
  }
}

/**
 * A conclusive outcome applied (accepted → reconciled_accepted, rejected → parked with the
 * gateway's message); false when the gateway has no trace of the publication.
 */
async function settle(ctx: StatusContext, entry: OutboxEntry, now: number, outcome: Outcome, accepted: { patch?: TransitionArgs['patch']; reconciledBy: string }): Promise<boolean> {
  if (outcome.outcome === 'accepted') {
    ctx.markSuccess();
    const patch = { nextAttemptAt: now, ...accepted.patch, ...(outcome.traceId ? { traceId: outcome.traceId } : {}) };
    ctx.emit(await ctx.store.transition({ actor: ctx.actor, entryId: entry.id, event: 'reconciled_accepted', now, patch, detail: { reconciledBy: accepted.reconciledBy } }));
    return true;
  }
  if (outcome.outcome === 'rejected') {
    ctx.emit(await ctx.store.transition({ actor: ctx.actor, entryId: entry.id, event: 'reconciled_rejected', now, patch: { parkedReason: `Rifiutato dal gateway${outcome.message ? `: ${outcome.message}` : '.'}` } }));
    return true;
  }
  return false;
}

/**
 * The last attempt may have taken effect without our knowing: no answer (network, timeout
 * including 504, reset) or a server error (5xx), which a front end may return after the
 * dispatcher published. Asking the status costs one call; resending blind could park a
 * published document.
 */
export function answerMayBeLost(lastError: string | null): boolean {
  return NETWORK_KINDS.has(lastError ?? '') || /^http:5\d\d\b/.test(lastError ?? '');
}

/**
 * A due retry whose last publication attempt lost its answer (network, timeout, reset, 5xx): the
 * gateway may have published it, so ask first. True when that settled the entry, or the
 * gateway could not answer (unreachable: the entry stays waiting; 5xx/429: asked again after
 * a backoff, its lost-answer error kept so the next try asks again); false when the gateway
 * has no trace of it and it should be sent again. Resending blind would spend a validation the
 * publication may have consumed (/msg/cda-match) and park a published document.
 */
export async function settledAfterLostAnswer(ctx: StatusContext, entry: OutboxEntry): Promise<boolean> {
  const unknownOutcome = entry.step === 'publish' && answerMayBeLost(entry.lastError) && (entry.workflowInstanceId !== null || entry.traceId !== null);
  if (!unknownOutcome || (entry.operation !== 'create' && entry.operation !== 'replace')) return false;
  let found: Events;
  try {
    found = await events(ctx, entry);
  } catch (e) {
    const f = failureOf(e);
    if (NETWORK_KINDS.has(f.kind)) {
      await ctx.setOnline(false);
      return true;
    }
    const now = ctx.clock.now();
    const delay = retryDelay(Math.max(1, entry.attempts), ctx.random, ctx.policy, f.kind === 'http' ? f.retryAfterMs : undefined);
    ctx.emit(await ctx.store.transition({ actor: ctx.actor, entryId: entry.id, event: 'reconcile_failed', now, patch: { nextAttemptAt: now + delay, countAttempt: true }, detail: { error: lastErrorOf(f) } }));
    return true;
  }
  const outcome: Outcome = found === 'not-found' ? { outcome: 'unknown' } : transactionOutcome(found, entry.operation === 'replace' ? 'replace' : 'create');
  return settle(ctx, entry, ctx.clock.now(), outcome, { patch: { lastError: null }, reconciledBy: 'workflowInstanceId' });
}

/** An entry found 'sending' after a crash: ask the gateway what happened before any resend. */
export async function reconcileEntry(ctx: StatusContext, entryId: string): Promise<void> {
  const entry = await ctx.store.get(entryId);
  const now = ctx.clock.now();
  if (entry.step === 'validate') {
    // Validation publishes nothing; doing it again is safe.
    ctx.emit(await ctx.store.transition({ actor: ctx.actor, entryId, event: 'reconciled_absent', now, detail: { reconciledBy: 'validation-step' } }));
    return;
  }
  const found = await eventsOrBackOff(ctx, entry, now, { event: 'reconcile_failed', attempt: Math.max(1, entry.attempts) });
  if (found === undefined) return;
  if (found !== 'not-found' && (entry.operation === 'delete' || entry.operation === 'updateMetadata')) {
    // These return their own workflowInstanceId only in the answer; with it, any SUCCESS is conclusive.
    if (found.some((e) => e.eventStatus === 'SUCCESS')) {
      ctx.emit(await ctx.store.transition({ actor: ctx.actor, entryId, event: 'reconciled_accepted', now, patch: { nextAttemptAt: now } }));
      return;
    }
  }
  // A VALIDATION event under the same workflowInstanceId (ours, or the one before signing) is not a publication.
  const kind = entry.operation === 'replace' || entry.operation === 'validateAndReplace' ? 'replace' : 'create';
  const outcome: Outcome = found === 'not-found' ? { outcome: 'unknown' } : transactionOutcome(found, kind);
  const by = entry.workflowInstanceId ? 'workflowInstanceId' : entry.traceId ? 'traceId' : 'none';
  if (await settle(ctx, entry, now, outcome, { reconciledBy: by })) return;
  ctx.emit(await ctx.store.transition({ actor: ctx.actor, entryId, event: 'reconciled_absent', now, detail: { reconciledBy: by } }));
}

/** Status poll of an accepted entry until a final event. */
export async function pollEntry(ctx: StatusContext, entryId: string): Promise<void> {
  const entry = await ctx.store.get(entryId);
  const now = ctx.clock.now();
  const found = await eventsOrBackOff(ctx, entry, now, { event: 'failed_transient', attempt: Math.max(1, entry.attempts + 1) });
  if (found === undefined) return;
  if (found === 'not-found') {
    // Nothing to poll by: the 202 is all the gateway gives; treat as published.
    ctx.emit(await ctx.store.transition({ actor: ctx.actor, entryId, event: 'final_success', now, detail: { by: 'no-status' } }));
    return;
  }
  const mine = found.filter((e) => !e.identificativoDocumento || e.identificativoDocumento === entry.identificativoDoc);
  const blocking = mine.find((e) => e.eventStatus === 'BLOCKING_ERROR' && e.eventType !== 'VALIDATION');
  if (blocking) {
    ctx.emit(await ctx.store.transition({ actor: ctx.actor, entryId, event: 'final_error', now, patch: { parkedReason: `Il gateway ha rifiutato il documento (${blocking.eventType ?? 'evento'}): ${blocking.message ?? 'errore bloccante'}` } }));
    return;
  }
  if (mine.some((e) => isFinalEvent(e))) {
    ctx.markSuccess();
    ctx.emit(await ctx.store.transition({ actor: ctx.actor, entryId, event: 'final_success', now, patch: { lastError: null } }));
    return;
  }
  const delay = Math.min(ctx.policy.capMs, ctx.pollDelayMs * 2 ** Math.min(entry.attempts, 10));
  ctx.emit(await ctx.store.transition({ actor: ctx.actor, entryId, event: 'status_pending', now, patch: { nextAttemptAt: now + delay, countAttempt: true } }));
}
