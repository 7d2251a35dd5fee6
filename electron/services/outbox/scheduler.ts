/**
 * The outbox scheduler: sends due entries to the gateway, retries transient
 * failures with full-jitter backoff, parks permanent rejections with the gateway's reason in
 * Italian, polls the status until a final event, detects connectivity and resumes by itself,
 * and after a crash reconciles every entry found 'sending' by asking the gateway for its
 * status before any resend — so nothing is published twice.
 *
 * Each document goes in two steps: validation (activity=VALIDATION → workflowInstanceId;
 * repeating it publishes nothing) and publication with that workflowInstanceId, which is the
 * key to reconcile with GET /status/{workflowInstanceId} (reconcile.ts). A document validated
 * before signing (outbox.prevalidate) is enqueued with its workflowInstanceId and validation
 * time and goes straight to publication — unless the gateway's 5-day window has passed, then
 * it is validated again first. The clock and the random source are injected, so tests drive
 * time.
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
  type GatewayResult,
} from '../../../shared/gateway/schemas.ts';
import type { OutboxEntry, OutboxPayload } from '../../../shared/outbox/job.ts';
import { DEFAULT_RETRY_POLICY, decide, retryDelay, type RetryPolicy, type SendFailure } from '../../../shared/outbox/retry.ts';
import type { WorkItem } from '../db/queries/outbox.ts';
import { NETWORK_KINDS, failureOf, lastErrorOf, systemClock, type OutboxGateway, type SchedulerClock } from './gateway-port.ts';
import { Slots, slotted } from './gateway-slots.ts';
import { pollEntry, reconcileEntry, settledAfterLostAnswer, type StatusContext } from './reconcile.ts';
import type { OutboxStore } from './store.ts';

export { systemClock, type OutboxGateway, type SchedulerClock } from './gateway-port.ts';

/**
 * How long a validation may be used for publication: the gateway's 5 days (DSP
 * days.allow-publish-after-validation) less a margin for the clocks and the call itself.
 */
export const PUBLISH_WINDOW_MS = 5 * 86_400_000 - 15 * 60_000;

export interface SchedulerOptions {
  store: OutboxStore;
  gateway: OutboxGateway;
  clock?: SchedulerClock;
  random?: () => number;
  policy?: RetryPolicy;
  logger?: Logger;
  /** Audit actor for the scheduler's transitions. */
  actor?: string;
  /** Parallel sends: gateway calls in flight at once (default 4). */
  concurrency?: number;
  /** First status poll after acceptance, ms (default 2 s); later polls back off to `policy.capMs`. */
  pollDelayMs?: number;
  /** Health probe interval while offline, ms (default 5 s). */
  probeIntervalMs?: number;
  /** Longest sleep when idle, ms (default 60 s). */
  idleMs?: number;
  /** Age past which a validation is done again before publishing, ms (default PUBLISH_WINDOW_MS). */
  publishWindowMs?: number;
  /** Progress callback (UI badge, CLI lines). */
  onChange?: (entry: OutboxEntry) => void;
}

export interface SchedulerStatus {
  online: boolean;
  running: boolean;
  lastSuccessAt: number | undefined;
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

  private readonly statusContext: StatusContext;
  /** The entry calls, `concurrency` at a time (gateway-slots.ts). */
  private readonly gateway: OutboxGateway;

  constructor(private readonly o: SchedulerOptions) {
    this.clock = o.clock ?? systemClock;
    this.random = o.random ?? Math.random;
    this.policy = o.policy ?? DEFAULT_RETRY_POLICY;
    this.actor = o.actor ?? 'outbox';
    this.gateway = slotted(o.gateway, new Slots(this.concurrency()), { online: () => this.online, unreachable: () => void this.setOnline(false) });
    this.statusContext = {
      store: o.store,
      gateway: this.gateway,
      actor: this.actor,
      clock: this.clock,
      random: this.random,
      policy: this.policy,
      pollDelayMs: o.pollDelayMs ?? 2_000,
      emit: (e) => this.emit(e),
      setOnline: (online) => this.setOnline(online),
      markSuccess: () => this.markSuccess(),
    };
  }

  private concurrency(): number {
    return Math.max(1, this.o.concurrency ?? 4);
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
          if (d.state === 'reconciling') await reconcileEntry(this.statusContext, d.id);
          else if (d.state === 'accepted') await pollEntry(this.statusContext, d.id);
          else if (d.state === 'waiting_retry') await this.retry(d.id);
          else await this.send(d.id);
        } catch (e) {
          // A state race (CONFLICT) or a database error: log ids only and move on.
          this.o.logger?.warn('outbox: entry skipped', { entryId: d.id, code: isAppError(e) ? e.code : 'ERROR' });
        }
      }
    };
    // Twice as many lanes as gateway slots: while one entry is at a database step (taking it,
    // recording an answer, reading it before a poll), another holds its slot, so
    // `concurrency` calls stay in flight for the whole pass instead of idling at each step.
    await Promise.all(Array.from({ length: 2 * this.concurrency() }, worker));
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
    return { patient: p.patient, ...(p.documentCode ? { documentCode: p.documentCode } : {}), patientConsent: p.patientConsent, ...(p.requester ? { requester: p.requester } : {}) };
  }

  private async send(entryId: string): Promise<void> {
    const now = this.clock.now();
    const work = await this.o.store.startSend({ actor: this.actor, entryId, now });
    if (!work) return;
    this.emit(work.entry);
    const { entry, payload } = work;
    try {
      const expired = this.validationExpired(entry, now);
      if ((entry.step === 'validate' || expired) && (entry.operation === 'create' || entry.operation === 'replace')) {
        const mode = payload.requestBody.mode === 'RESOURCE' ? 'RESOURCE' : 'ATTACHMENT';
        const r = await this.gateway.validate({ pdf: work.pdf, body: { activity: 'VALIDATION', mode, healthDataFormat: 'CDA' }, facts: this.facts(payload) });
        if (!r.workflowInstanceId) throw Object.assign(new Error('validation without workflowInstanceId'), { failure: { kind: 'http', status: 502 } satisfies SendFailure });
        this.markSuccess();
        const at = this.clock.now();
        const detail = { traceId: r.traceID, ...(expired ? { revalidated: 'publish-window' } : {}) };
        this.emit(await this.o.store.transition({ actor: this.actor, entryId, event: 'validated', now: at, patch: { step: 'publish', workflowInstanceId: r.workflowInstanceId, validatedAt: at, lastError: null }, detail }));
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
        return this.gateway.create({ pdf, body, facts });
      }
      case 'replace':
        return this.gateway.replace({ identificativoDoc: idDoc, pdf, body: PublicationUpdateReq.parse({ ...payload.requestBody, identificativoDoc: idDoc, ...(entry.workflowInstanceId ? { workflowInstanceId: entry.workflowInstanceId } : {}) }), facts });
      case 'validateAndCreate':
        return this.gateway.validateAndCreate({ pdf, body: ValidateAndCreateReq.parse({ ...payload.requestBody, identificativoDoc: idDoc }), facts });
      case 'validateAndReplace':
        return this.gateway.validateAndReplace({ identificativoDoc: idDoc, pdf, body: ValidateAndReplaceReq.parse({ ...payload.requestBody, identificativoDoc: idDoc }), facts });
      case 'updateMetadata':
        return this.gateway.updateMetadata({ identificativoDoc: idDoc, body: PublicationMetadataReq.parse(payload.requestBody), facts });
      case 'delete':
        return this.gateway.delete({ identificativoDoc: idDoc, facts: { patient: payload.patient, patientConsent: payload.patientConsent, ...(payload.requester ? { requester: payload.requester } : {}) } });
    }
  }

  /**
   * A publication whose validation (before signing, or an earlier pass) is older than the
   * gateway's 5-day window: the gateway would refuse it (/msg/max-day-limit-exceed), so it is
   * validated again first. Entries without a recorded validation time rely on that refusal.
   */
  private validationExpired(entry: OutboxEntry, now: number): boolean {
    return entry.step === 'publish' && entry.workflowInstanceId !== null && entry.validatedAt !== null && now - entry.validatedAt > (this.o.publishWindowMs ?? PUBLISH_WINDOW_MS);
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
      this.emit(await this.o.store.transition({ actor: this.actor, entryId: entry.id, event: 'failed_transient', now, patch: { step: 'validate', workflowInstanceId: null, validatedAt: null, nextAttemptAt: now, lastError: lastErrorOf(failure) } }));
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

  /** A due retry: after a lost answer the gateway is asked first (reconcile.ts); otherwise sent again. */
  private async retry(entryId: string): Promise<void> {
    if (await settledAfterLostAnswer(this.statusContext, await this.o.store.get(entryId))) return;
    await this.send(entryId);
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
