/**
 * The outbox scheduler (issue 6 §3): sends due entries to the gateway, retries transient
 * failures with full-jitter backoff, parks permanent rejections with the gateway's reason in
 * Italian, polls the status until a final event, detects connectivity and resumes by itself,
 * and after a crash reconciles every entry found 'sending' by asking the gateway for its
 * status before any resend — so nothing is published twice.
 *
 * Each document goes in two steps: validation (activity=VALIDATION → workflowInstanceId;
 * repeating it publishes nothing) and publication with that workflowInstanceId, which is the
 * key to reconcile with GET /status/{workflowInstanceId}. The clock and the random source
 * are injected, so tests drive time.
 */
import type { Logger } from '../ports.ts';
import { isAppError } from '../../../shared/errors/index.ts';
import { problemTypeKey } from '../../../shared/gateway/errors.ts';
import type { JwtDocumentFacts } from '../../../shared/gateway/jwt-claims.ts';
import {
  PublicationCreationReq,
  PublicationMetadataReq,
  PublicationUpdateReq,
  ValidateAndCreateReq,
  ValidateAndReplaceReq,
  isFinalEvent,
  transactionOutcome,
  type GatewayResult,
  type StatusEvent,
} from '../../../shared/gateway/schemas.ts';
import type { OutboxEntry, OutboxPayload } from '../../../shared/outbox/job.ts';
import { DEFAULT_RETRY_POLICY, decide, retryDelay, type RetryPolicy, type SendFailure } from '../../../shared/outbox/retry.ts';
import type { WorkItem } from '../db/queries/outbox.ts';
import type { OutboxStore } from './store.ts';

/** The gateway calls the outbox needs (GatewayClient implements it). */
export interface OutboxGateway {
  validate(a: { pdf: Uint8Array; body: { activity: 'VALIDATION'; mode?: 'ATTACHMENT' | 'RESOURCE'; healthDataFormat?: 'CDA' }; facts: Omit<JwtDocumentFacts, 'attachmentHash'> }): Promise<GatewayResult>;
  create(a: { pdf: Uint8Array; body: PublicationCreationReq; facts: Omit<JwtDocumentFacts, 'attachmentHash'> }): Promise<GatewayResult>;
  replace(a: { identificativoDoc: string; pdf: Uint8Array; body: PublicationUpdateReq; facts: Omit<JwtDocumentFacts, 'attachmentHash'> }): Promise<GatewayResult>;
  updateMetadata(a: { identificativoDoc: string; body: PublicationMetadataReq; facts: Omit<JwtDocumentFacts, 'attachmentHash'> }): Promise<GatewayResult>;
  delete(a: { identificativoDoc: string; facts: Pick<JwtDocumentFacts, 'patient' | 'patientConsent'> }): Promise<GatewayResult>;
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

export interface SchedulerOptions {
  store: OutboxStore;
  gateway: OutboxGateway;
  clock?: SchedulerClock;
  random?: () => number;
  policy?: RetryPolicy;
  logger?: Logger;
  /** Audit actor for the scheduler's transitions. */
  actor?: string;
  /** Parallel sends (default 4). */
  concurrency?: number;
  /** First status poll after acceptance, ms (default 2 s); later polls back off to `policy.capMs`. */
  pollDelayMs?: number;
  /** Health probe interval while offline, ms (default 5 s). */
  probeIntervalMs?: number;
  /** Longest sleep when idle, ms (default 60 s). */
  idleMs?: number;
  /** Progress callback (UI badge, CLI lines). */
  onChange?: (entry: OutboxEntry) => void;
}

export interface SchedulerStatus {
  online: boolean;
  running: boolean;
  lastSuccessAt: number | undefined;
}

const NETWORK_KINDS = new Set(['network', 'timeout', 'reset']);

function failureOf(e: unknown): SendFailure {
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

function lastErrorOf(f: SendFailure): string {
  return f.kind === 'http' ? `http:${f.status}${f.type ? ` ${f.type}` : ''}` : f.kind;
}

export class OutboxScheduler {
  private readonly clock: SchedulerClock;
  private readonly random: () => number;
  private readonly policy: RetryPolicy;
  private readonly actor: string;
  private online = true;
  private running = false;
  private reconciledAtStart = false;
  private timer: unknown;
  private tickPromise: Promise<void> | undefined;
  private lastSuccessAt: number | undefined;
  private probeAttempt = 0;

  constructor(private readonly o: SchedulerOptions) {
    this.clock = o.clock ?? systemClock;
    this.random = o.random ?? Math.random;
    this.policy = o.policy ?? DEFAULT_RETRY_POLICY;
    this.actor = o.actor ?? 'outbox';
  }

  status(): SchedulerStatus {
    return { online: this.online, running: this.running, lastSuccessAt: this.lastSuccessAt };
  }

  /**
   * Crash recovery: every entry left 'sending' by a previous run goes to 'reconciling'; the
   * next pass asks the gateway before anything is sent again. Runs once per scheduler.
   */
  async recoverAfterCrash(): Promise<number> {
    const stale = await this.o.store.list(['sending']);
    for (const e of stale) {
      const entry = await this.o.store.transition({ actor: this.actor, entryId: e.id, event: 'crash_detected', now: this.clock.now(), patch: { nextAttemptAt: this.clock.now() } });
      this.o.onChange?.(entry);
    }
    this.reconciledAtStart = true;
    if (stale.length > 0) this.o.logger?.warn('outbox: entries found sending after a restart, reconciling', { count: stale.length });
    return stale.length;
  }

  /** Process everything due now (bounded by the current due list); resolves when done. */
  async runOnce(): Promise<{ processed: number }> {
    if (!this.reconciledAtStart) await this.recoverAfterCrash();
    if (!this.online) {
      this.probeAttempt++;
      if (!(await this.o.gateway.health())) return { processed: 0 };
      await this.setOnline(true);
    }
    const due = await this.o.store.due(this.clock.now(), 500);
    let i = 0;
    let processed = 0;
    const worker = async () => {
      while (i < due.length && this.online) {
        const d = due[i++] as { id: string; state: string };
        processed++;
        try {
          if (d.state === 'reconciling') await this.reconcile(d.id);
          else if (d.state === 'accepted') await this.poll(d.id);
          else if (d.state === 'waiting_retry') await this.retry(d.id);
          else await this.send(d.id);
        } catch (e) {
          // A state race (CONFLICT) or a database error: log ids only and move on.
          this.o.logger?.warn('outbox: entry skipped', { entryId: d.id, code: isAppError(e) ? e.code : 'ERROR' });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.o.concurrency ?? 4) }, worker));
    return { processed };
  }

  private async setOnline(online: boolean): Promise<void> {
    if (this.online === online) return;
    this.online = online;
    this.o.logger?.info(online ? 'outbox: gateway reachable again' : 'outbox: gateway unreachable, going offline');
    if (online) {
      this.probeAttempt = 0;
      await this.o.store.wake(this.actor, this.clock.now());
    }
  }

  private emit(e: OutboxEntry): OutboxEntry {
    this.o.onChange?.(e);
    return e;
  }

  private facts(p: OutboxPayload): Omit<JwtDocumentFacts, 'attachmentHash'> {
    return { patient: p.patient, ...(p.documentCode ? { documentCode: p.documentCode } : {}), patientConsent: p.patientConsent };
  }

  private async send(entryId: string): Promise<void> {
    const now = this.clock.now();
    const work = await this.o.store.startSend({ actor: this.actor, entryId, now });
    if (!work) return;
    this.emit(work.entry);
    const { entry, payload } = work;
    try {
      if (entry.step === 'validate' && (entry.operation === 'create' || entry.operation === 'replace')) {
        const mode = payload.requestBody.mode === 'RESOURCE' ? 'RESOURCE' : 'ATTACHMENT';
        const r = await this.o.gateway.validate({ pdf: work.pdf, body: { activity: 'VALIDATION', mode, healthDataFormat: 'CDA' }, facts: this.facts(payload) });
        if (!r.workflowInstanceId) throw Object.assign(new Error('validation without workflowInstanceId'), { failure: { kind: 'http', status: 502 } satisfies SendFailure });
        this.markSuccess();
        this.emit(await this.o.store.transition({ actor: this.actor, entryId, event: 'validated', now: this.clock.now(), patch: { step: 'publish', workflowInstanceId: r.workflowInstanceId, lastError: null }, detail: { traceId: r.traceID } }));
        // Publication right away: the same pass continues with step 2.
        return await this.send(entryId);
      }
      const r = await this.publish(work);
      this.markSuccess();
      this.emit(
        await this.o.store.transition({
          actor: this.actor,
          entryId,
          event: 'accepted',
          now: this.clock.now(),
          patch: { traceId: r.traceID ?? null, workflowInstanceId: r.workflowInstanceId ?? entry.workflowInstanceId, lastError: null, nextAttemptAt: this.clock.now() + (this.o.pollDelayMs ?? 2_000), resetAttempts: true },
          detail: { traceId: r.traceID },
        }),
      );
    } catch (e) {
      await this.onSendFailure(work, e);
    }
  }

  private async publish(work: WorkItem): Promise<GatewayResult> {
    const { entry, payload, pdf } = work;
    const facts = this.facts(payload);
    const idDoc = entry.identificativoDoc;
    switch (entry.operation) {
      case 'create': {
        const body = PublicationCreationReq.parse({ ...payload.requestBody, identificativoDoc: idDoc, ...(entry.workflowInstanceId ? { workflowInstanceId: entry.workflowInstanceId } : {}) });
        return this.o.gateway.create({ pdf, body, facts });
      }
      case 'replace':
        return this.o.gateway.replace({ identificativoDoc: idDoc, pdf, body: PublicationUpdateReq.parse({ ...payload.requestBody, identificativoDoc: idDoc, ...(entry.workflowInstanceId ? { workflowInstanceId: entry.workflowInstanceId } : {}) }), facts });
      case 'validateAndCreate':
        return this.o.gateway.validateAndCreate({ pdf, body: ValidateAndCreateReq.parse({ ...payload.requestBody, identificativoDoc: idDoc }), facts });
      case 'validateAndReplace':
        return this.o.gateway.validateAndReplace({ identificativoDoc: idDoc, pdf, body: ValidateAndReplaceReq.parse({ ...payload.requestBody, identificativoDoc: idDoc }), facts });
      case 'updateMetadata':
        return this.o.gateway.updateMetadata({ identificativoDoc: idDoc, body: PublicationMetadataReq.parse(payload.requestBody), facts });
      case 'delete':
        return this.o.gateway.delete({ identificativoDoc: idDoc, facts: { patient: payload.patient, patientConsent: payload.patientConsent } });
    }
  }

  private markSuccess(): void {
    this.lastSuccessAt = this.clock.now();
  }

  private async onSendFailure(work: WorkItem, e: unknown): Promise<void> {
    const { entry } = work;
    const now = this.clock.now();
    if ((e as { name?: string }).name === 'ZodError') {
      this.emit(await this.o.store.transition({ actor: this.actor, entryId: entry.id, event: 'failed_permanent', now, patch: { lastError: 'request-body', parkedReason: 'I dati di pubblicazione del documento non sono validi: correggerli e rimettere in coda.' } }));
      return;
    }
    const failure = failureOf(e);
    const type = failure.kind === 'http' ? problemTypeKey(failure.type) : undefined;
    // A second create of what the gateway already has (our earlier attempt got through): done.
    if (failure.kind === 'http' && failure.status === 409 && type === '/msg/id-doc' && entry.attempts > 1 && (entry.operation === 'create' || entry.operation === 'validateAndCreate')) {
      this.emit(await this.o.store.transition({ actor: this.actor, entryId: entry.id, event: 'accepted', now, patch: { lastError: null, nextAttemptAt: now }, detail: { reconciledBy: 'conflict' } }));
      return;
    }
    // The validation expired (5 days) or was consumed: validate again, then publish.
    if (failure.kind === 'http' && entry.step === 'publish' && entry.operation === 'create' && (type === '/msg/max-day-limit-exceed' || type === '/msg/workflow-id-error-extraction')) {
      this.emit(await this.o.store.transition({ actor: this.actor, entryId: entry.id, event: 'failed_transient', now, patch: { step: 'validate', workflowInstanceId: null, nextAttemptAt: now, lastError: lastErrorOf(failure) } }));
      return;
    }
    if (NETWORK_KINDS.has(failure.kind)) await this.setOnline(false);
    const d = decide(failure, Math.max(1, entry.attempts), this.random, this.policy);
    if (d.action === 'retry') {
      this.emit(await this.o.store.transition({ actor: this.actor, entryId: entry.id, event: 'failed_transient', now, patch: { nextAttemptAt: now + d.delayMs, lastError: lastErrorOf(failure) }, detail: { delayMs: d.delayMs, error: lastErrorOf(failure) } }));
    } else {
      this.emit(await this.o.store.transition({ actor: this.actor, entryId: entry.id, event: 'failed_permanent', now, patch: { lastError: lastErrorOf(failure), parkedReason: d.reason }, detail: { error: lastErrorOf(failure) } }));
    }
  }

  private async events(entry: OutboxEntry): Promise<StatusEvent[] | 'not-found'> {
    try {
      if (entry.workflowInstanceId) return (await this.o.gateway.statusByWorkflowInstanceId(entry.workflowInstanceId)).transactionData;
      if (entry.traceId) return (await this.o.gateway.statusByTraceId(entry.traceId)).transactionData;
      return 'not-found';
    } catch (e) {
      const f = failureOf(e);
      if (f.kind === 'http' && f.status === 404) return 'not-found';
      throw e;
    }
  }

  /**
   * A due retry. When the last publication attempt lost its answer (network, timeout, reset)
   * the gateway may have published it: ask first, resend only when it has no trace of it.
   */
  private async retry(entryId: string): Promise<void> {
    const entry = await this.o.store.get(entryId);
    const unknownOutcome = entry.step === 'publish' && NETWORK_KINDS.has(entry.lastError ?? '') && (entry.workflowInstanceId !== null || entry.traceId !== null);
    if (unknownOutcome && (entry.operation === 'create' || entry.operation === 'replace')) {
      let events: StatusEvent[] | 'not-found';
      try {
        events = await this.events(entry);
      } catch (e) {
        const f = failureOf(e);
        if (NETWORK_KINDS.has(f.kind)) {
          await this.setOnline(false);
          return;
        }
        events = 'not-found';
      }
      const outcome = events === 'not-found' ? { outcome: 'unknown' as const } : transactionOutcome(events, entry.operation === 'replace' ? 'replace' : 'create');
      const now = this.clock.now();
      if (outcome.outcome === 'accepted') {
        this.markSuccess();
        this.emit(await this.o.store.transition({ actor: this.actor, entryId, event: 'reconciled_accepted', now, patch: { nextAttemptAt: now, lastError: null, ...(outcome.traceId ? { traceId: outcome.traceId } : {}) }, detail: { reconciledBy: 'workflowInstanceId' } }));
        return;
      }
      if (outcome.outcome === 'rejected') {
        this.emit(await this.o.store.transition({ actor: this.actor, entryId, event: 'reconciled_rejected', now, patch: { parkedReason: `Rifiutato dal gateway${outcome.message ? `: ${outcome.message}` : '.'}` } }));
        return;
      }
    }
    await this.send(entryId);
  }

  /** An entry found 'sending' after a crash: ask the gateway what happened before any resend. */
  private async reconcile(entryId: string): Promise<void> {
    const entry = await this.o.store.get(entryId);
    const now = this.clock.now();
    if (entry.step === 'validate') {
      // Validation publishes nothing; doing it again is safe.
      this.emit(await this.o.store.transition({ actor: this.actor, entryId, event: 'reconciled_absent', now, detail: { reconciledBy: 'validation-step' } }));
      return;
    }
    let events: StatusEvent[] | 'not-found';
    try {
      events = await this.events(entry);
    } catch (e) {
      const f = failureOf(e);
      if (NETWORK_KINDS.has(f.kind)) await this.setOnline(false);
      const delay = retryDelay(Math.max(1, entry.attempts), this.random, this.policy, f.kind === 'http' ? f.retryAfterMs : undefined);
      this.emit(await this.o.store.transition({ actor: this.actor, entryId, event: 'reconcile_failed', now, patch: { nextAttemptAt: now + delay, lastError: lastErrorOf(f), countAttempt: true } }));
      return;
    }
    const kind = entry.operation === 'replace' || entry.operation === 'validateAndReplace' ? 'replace' : 'create';
    const outcome = events === 'not-found' ? { outcome: 'unknown' as const } : transactionOutcome(events, kind);
    if (events !== 'not-found' && (entry.operation === 'delete' || entry.operation === 'updateMetadata')) {
      // These return their own workflowInstanceId only in the answer; with it, any SUCCESS is conclusive.
      if (events.some((e) => e.eventStatus === 'SUCCESS')) {
        this.emit(await this.o.store.transition({ actor: this.actor, entryId, event: 'reconciled_accepted', now, patch: { nextAttemptAt: now } }));
        return;
      }
    }
    if (outcome.outcome === 'accepted') {
      this.markSuccess();
      this.emit(await this.o.store.transition({ actor: this.actor, entryId, event: 'reconciled_accepted', now, patch: { nextAttemptAt: now, ...(outcome.traceId ? { traceId: outcome.traceId } : {}) }, detail: { reconciledBy: entry.workflowInstanceId ? 'workflowInstanceId' : 'traceId' } }));
    } else if (outcome.outcome === 'rejected') {
      this.emit(await this.o.store.transition({ actor: this.actor, entryId, event: 'reconciled_rejected', now, patch: { parkedReason: `Rifiutato dal gateway${outcome.message ? `: ${outcome.message}` : '.'}` } }));
    } else {
      this.emit(await this.o.store.transition({ actor: this.actor, entryId, event: 'reconciled_absent', now, detail: { reconciledBy: entry.workflowInstanceId ? 'workflowInstanceId' : entry.traceId ? 'traceId' : 'none' } }));
    }
  }

  /** Status poll of an accepted entry until a final event. */
  private async poll(entryId: string): Promise<void> {
    const entry = await this.o.store.get(entryId);
    const now = this.clock.now();
    let events: StatusEvent[] | 'not-found';
    try {
      events = await this.events(entry);
    } catch (e) {
      const f = failureOf(e);
      if (NETWORK_KINDS.has(f.kind)) await this.setOnline(false);
      const delay = retryDelay(Math.max(1, entry.attempts + 1), this.random, this.policy, f.kind === 'http' ? f.retryAfterMs : undefined);
      this.emit(await this.o.store.transition({ actor: this.actor, entryId, event: 'failed_transient', now, patch: { nextAttemptAt: now + delay, countAttempt: true, lastError: lastErrorOf(f) } }));
      return;
    }
    if (events === 'not-found') {
      // Nothing to poll by: the 202 is all the gateway gives; treat as published.
      this.emit(await this.o.store.transition({ actor: this.actor, entryId, event: 'final_success', now, detail: { by: 'no-status' } }));
      return;
    }
    const mine = events.filter((e) => !e.identificativoDocumento || e.identificativoDocumento === entry.identificativoDoc);
    const blocking = mine.find((e) => e.eventStatus === 'BLOCKING_ERROR' && e.eventType !== 'VALIDATION');
    if (blocking) {
      this.emit(await this.o.store.transition({ actor: this.actor, entryId, event: 'final_error', now, patch: { parkedReason: `Il gateway ha rifiutato il documento (${blocking.eventType ?? 'evento'}): ${blocking.message ?? 'errore bloccante'}` } }));
      return;
    }
    if (mine.some((e) => isFinalEvent(e))) {
      this.markSuccess();
      this.emit(await this.o.store.transition({ actor: this.actor, entryId, event: 'final_success', now, patch: { lastError: null } }));
      return;
    }
    const delay = Math.min(this.policy.capMs, (this.o.pollDelayMs ?? 2_000) * 2 ** Math.min(entry.attempts, 10));
    this.emit(await this.o.store.transition({ actor: this.actor, entryId, event: 'status_pending', now, patch: { nextAttemptAt: now + delay, countAttempt: true } }));
  }

  // -------------------------------------------------------------------------------------
  // Timer loop

  /** Runs by itself: processes due entries, sleeps until the next one, probes while offline. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Something was enqueued or the network came back: run now. */
  kick(): void {
    if (this.running) this.schedule(0);
  }

  /** Connectivity port (Electron net / node-host probe): going online wakes waiting entries. */
  async setConnectivity(online: boolean): Promise<void> {
    await this.setOnline(online);
    if (online) this.kick();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    await this.tickPromise;
  }

  private schedule(ms: number): void {
    if (!this.running) return;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      void this.tick();
    }, ms);
  }

  private async tick(): Promise<void> {
    if (this.tickPromise) return;
    this.tickPromise = (async () => {
      try {
        await this.runOnce();
      } catch (e) {
        this.o.logger?.error('outbox: pass failed', { code: isAppError(e) ? e.code : 'ERROR' });
      }
    })();
    await this.tickPromise;
    this.tickPromise = undefined;
    if (!this.running) return;
    const now = this.clock.now();
    if (!this.online) {
      this.schedule(Math.min(this.o.probeIntervalMs ?? 5_000, retryDelay(this.probeAttempt + 1, () => 1 - Number.EPSILON, { ...this.policy, capMs: this.o.probeIntervalMs ?? 5_000 })) || 1);
      return;
    }
    const next = await this.o.store.nextDueAt();
    const idle = this.o.idleMs ?? 60_000;
    this.schedule(next === undefined ? idle : Math.max(0, Math.min(idle, next - now)));
  }
}
