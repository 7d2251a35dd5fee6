/**
 * Coda di invio over the typed contract (shared/api/outbox.ts): the outbox service on the db
 * worker, its scheduler started once the services are ready (crash reconciliation first),
 * `outbox.changed` emitted on every transition, the pause switch kept in the settings table.
 */
import { join } from 'node:path';
import type { AppContract } from '../../../shared/api/index.ts';
import type { OutboxFullSummary, OutboxListEntry } from '../../../shared/api/outbox.ts';
import { AppError } from '../../../shared/errors/index.ts';
import { spiegazioneErrore } from '../../../shared/gateway/errors.ts';
import { PublicationCreationReq, PublicationMetadataReq, PublicationUpdateReq, ValidateAndCreateReq, ValidateAndReplaceReq, type ProblemDetails } from '../../../shared/gateway/schemas.ts';
import type { OutboxEntry, OutboxOperation } from '../../../shared/outbox/job.ts';
import { DEFAULT_RETRY_POLICY, decide } from '../../../shared/outbox/retry.ts';
import { STATE_LABELS } from '../../../shared/outbox/state-machine.ts';
import type { EventHub, Handlers } from '../../../shared/rpc/index.ts';
import type { DbClient } from '../db/client.ts';
import type { OutboxDocumentInfo } from '../db/queries/outbox-documents.ts';
import type { Logger } from '../ports.ts';
import { loadGatewayCertificate } from '../gateway/credentials/gateway-certificates.ts';
import { createOutboxService, dbClientStore, type OutboxService } from './index.ts';
import { modeOf, pdfFacts, prevalidate } from './prevalidate.ts';
import type { OutboxGateway } from './scheduler.ts';
import { createGatewayRuntime, type GatewayRuntime, type StoredGatewaySettings } from './sandbox-gateway.ts';

export type OutboxHandlers = Pick<
  Handlers<AppContract>,
  'outbox.list' | 'outbox.summary' | 'outbox.retry' | 'outbox.cancel' | 'outbox.edit' | 'outbox.setPaused' | 'outbox.enqueue' | 'outbox.deletePublished' | 'outbox.prevalidate'
>;

export interface OutboxRuntime {
  handlers: OutboxHandlers;
  service: OutboxService;
  gateway: GatewayRuntime;
  /** Crash reconciliation, then the scheduler (unless paused). Call once the services are ready. */
  start(): Promise<void>;
  /**
   * Re-reads the `gateway` setting and the imported certificates and, when they changed,
   * rebuilds the gateway client (Impostazioni → Gateway FSE takes effect without a restart);
   * starts or stops the scheduler when the gateway became (not) configured.
   */
  reloadGateway(): Promise<void>;
  close(): Promise<void>;
}

export interface OutboxDeps {
  db: DbClient;
  events: EventHub;
  logger: Logger;
  sandbox: boolean;
  /** Data folder: the sandbox simulator keeps its ledger of publications there (gateway-sim-ledger.jsonl). */
  dataDir?: string;
  /** Environment (tests and the e2e shorten the retry base and probe interval). */
  env?: Record<string, string | undefined>;
  /**
   * The doctor at work, who asks for a validation or queues a document: their profile id goes on
   * the document, their codice fiscale is the JWTs' `sub` (IG §15.1 tables 54-55: the user who
   * requests the service; a sostituto publishes as themselves, in the titolare's structure).
   */
  requester?: () => Promise<{ authorId: string; fiscalCode: string } | undefined>;
}

const OUTBOX_KEY = 'outbox';
const GATEWAY_KEY = 'gateway';
const GATEWAY_KEYS = [GATEWAY_KEY, 'gateway.certificate.auth', 'gateway.certificate.signature'] as const;

const NETWORK_REASON = (kind: 'network' | 'timeout' | 'reset' | 'certificate') => decide({ kind }, 1, () => 0).reason;

/** The last error in Italian words: the gateway's reason when parked, else the error kind explained. */
export function lastErrorText(e: Pick<OutboxEntry, 'state' | 'lastError' | 'parkedReason'>): string | null {
  if (e.parkedReason && (e.state === 'parked' || e.state === 'rejected' || e.state === 'draft' || e.state === 'cancelled')) return e.parkedReason;
  const err = e.lastError;
  if (!err) return e.parkedReason;
  if (err === 'network' || err === 'timeout' || err === 'reset' || err === 'certificate') return NETWORK_REASON(err);
  const m = /^http:(\d{3})(?: (\S+))?$/.exec(err);
  if (m) return spiegazioneErrore(Number(m[1]), m[2] ? ({ type: m[2] } as ProblemDetails) : undefined);
  return e.parkedReason ?? 'Errore durante l’invio.';
}

function positive(v: string | undefined, fallback: number): number {
  const n = Number(v);
  return v !== undefined && Number.isFinite(n) && n > 0 ? n : fallback;
}

const BODY_BY_OPERATION = {
  create: PublicationCreationReq,
  replace: PublicationUpdateReq,
  validateAndCreate: ValidateAndCreateReq,
  validateAndReplace: ValidateAndReplaceReq,
  updateMetadata: PublicationMetadataReq,
} as const;

export async function createOutboxRuntime(deps: OutboxDeps): Promise<OutboxRuntime> {
  const { db, events, logger } = deps;
  const env = deps.env ?? process.env;
  const store = dbClientStore(db);
  let paused = false;
  let started = false;
  let closed = false;

  // The gateway in use, rebuilt when its settings or certificates change (checked before every
  // send and summary by the settings' versions; the old client is closed once replaced).
  async function readGatewayConfig() {
    const rows = await Promise.all(GATEWAY_KEYS.map((key) => db.call('settings.get', { key })));
    return { stamp: rows.map((r) => r?.version ?? 0).join(':'), stored: rows[0]?.value as StoredGatewaySettings | undefined };
  }
  async function buildRuntime(stored: StoredGatewaySettings | undefined): Promise<GatewayRuntime> {
    const real = stored?.environment === 'validation' || stored?.environment === 'production' || stored?.environment === 'simulator';
    const [auth, signature] = real ? await Promise.all([loadGatewayCertificate(db, 'auth'), loadGatewayCertificate(db, 'signature')]) : [undefined, undefined];
    return createGatewayRuntime({
      sandbox: deps.sandbox,
      stored,
      logger,
      envUrl: env['CARTELLA_GATEWAY_URL'],
      credentials: { auth, signature },
      ...(deps.dataDir ? { ledgerFile: join(deps.dataDir, 'gateway-sim-ledger.jsonl') } : {}),
    });
  }
  const initial = await readGatewayConfig();
  let current = await buildRuntime(initial.stored);
  let stamp = initial.stamp;
  let refreshing: Promise<void> | undefined;
  function refresh(): Promise<void> {
    refreshing ??= (async () => {
      try {
        const next = await readGatewayConfig();
        if (next.stamp === stamp || closed) return;
        const previous = current;
        current = await buildRuntime(next.stored);
        stamp = next.stamp;
        logger.info('outbox: gateway configuration changed', { mode: current.connection().mode });
        // New certificates or settings: what waited on a certificate problem is tried now.
        if ((await store.wake('outbox', Date.now(), ['certificate'])) > 0) service.scheduler.kick();
        void previous.close().catch((e: unknown) => logger.warn('outbox: previous gateway did not close cleanly', { error: String(e) }));
      } finally {
        refreshing = undefined;
      }
    })();
    return refreshing;
  }
  const switching = (k: keyof OutboxGateway) =>
    async (...a: unknown[]): Promise<unknown> => {
      await refresh().catch((e: unknown) => logger.warn('outbox: gateway configuration not reloaded', { error: String(e) }));
      const g = current.gateway;
      return (g[k] as (...x: unknown[]) => Promise<unknown>).apply(g, a);
    };
  const switchingGateway = Object.fromEntries(
    (['validate', 'create', 'replace', 'updateMetadata', 'delete', 'validateAndCreate', 'validateAndReplace', 'statusByWorkflowInstanceId', 'statusByTraceId', 'health'] as const).map((k) => [k, switching(k)]),
  ) as unknown as OutboxGateway;
  const gateway: GatewayRuntime = {
    gateway: switchingGateway,
    connection: () => current.connection(),
    simulator: () => current.simulator(),
    close: () => current.close(),
  };
  const baseMs = positive(env['CARTELLA_OUTBOX_RETRY_BASE_MS'], DEFAULT_RETRY_POLICY.baseMs);
  const emit = (e: OutboxEntry) => events.emit('outbox.changed', { id: e.id, state: e.state });
  const service = createOutboxService({
    store,
    gateway: switchingGateway,
    logger,
    actor: 'outbox',
    policy: { ...DEFAULT_RETRY_POLICY, baseMs, capMs: Math.max(baseMs, positive(env['CARTELLA_OUTBOX_RETRY_CAP_MS'], DEFAULT_RETRY_POLICY.capMs)) },
    pollDelayMs: positive(env['CARTELLA_OUTBOX_POLL_MS'], Math.min(2_000, baseMs)),
    probeIntervalMs: positive(env['CARTELLA_OUTBOX_PROBE_MS'], 5_000),
    onChange: emit,
  });

  async function documents(ids: string[]): Promise<Map<string, OutboxDocumentInfo>> {
    const rows = await db.call('outbox.documents', { ids: [...new Set(ids)] });
    return new Map(rows.map((r) => [r.id, r]));
  }

  function view(e: OutboxEntry, d: OutboxDocumentInfo | undefined): OutboxListEntry {
    return { ...e, label: STATE_LABELS[e.state], document: { title: d?.title ?? '', kind: d?.kind ?? '', patientId: d?.patientId ?? null }, lastErrorText: lastErrorText(e) };
  }

  async function one(e: OutboxEntry): Promise<OutboxListEntry> {
    return view(e, (await documents([e.documentId])).get(e.documentId));
  }

  /** After a configuration change: the scheduler runs only with a gateway to send to. */
  let schedulerFor: boolean | undefined;
  async function reloadGateway(): Promise<void> {
    await refresh();
    const configured = gateway.connection().mode !== 'not-configured';
    if (!started || closed || paused || schedulerFor === configured) return;
    schedulerFor = configured;
    if (!configured) await service.scheduler.stop();
    else {
      service.scheduler.start();
      service.scheduler.kick();
    }
  }

  async function summary(): Promise<OutboxFullSummary> {
    await reloadGateway().catch((e: unknown) => logger.warn('outbox: gateway configuration not reloaded', { error: String(e) }));
    const s = await store.stats();
    let notPublished = 0;
    for (const [state, n] of Object.entries(s.byState)) if (state !== 'published' && state !== 'cancelled') notPublished += n ?? 0;
    const lastSuccess = service.scheduler.status().lastSuccessAt;
    const lastSyncAt = [s.lastSyncAt, lastSuccess !== undefined ? new Date(lastSuccess).toISOString() : null].filter((x): x is string => x !== null).sort().at(-1) ?? null;
    const connection = gateway.connection();
    return {
      pending: s.pending,
      needsAttention: s.needsAttention,
      lastSyncAt,
      online: connection.mode !== 'not-configured' && service.scheduler.status().online,
      byState: s.byState,
      notPublished,
      paused,
      gateway: connection,
    };
  }

  async function act(actor: string, id: string, action: 'retry' | 'cancel' | 'edit'): Promise<OutboxListEntry> {
    const current = await store.get(id);
    let e: OutboxEntry;
    if (action === 'retry' && current.state === 'draft') {
      // A draft goes back in the queue as it is (after the doctor reviewed it).
      e = await store.transition({ actor, entryId: id, event: 'enqueue', patch: { resetAttempts: true, lastError: null, parkedReason: null } });
      service.scheduler.kick();
    } else {
      e = await service.act(actor, id, action);
    }
    emit(e);
    return one(e);
  }

  async function setPaused(actor: string, value: boolean): Promise<void> {
    await db.call('settings.set', { actor, key: OUTBOX_KEY, value: { paused: value } });
    paused = value;
    schedulerFor = value ? undefined : gateway.connection().mode !== 'not-configured';
    if (!started || closed || gateway.connection().mode === 'not-configured') return;
    if (value) await service.scheduler.stop();
    else service.scheduler.start();
    logger.info(value ? 'outbox: sending paused' : 'outbox: sending resumed');
  }

  const handlers: OutboxHandlers = {
    async 'outbox.list'(input) {
      const entries = await store.list(input.states);
      entries.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : -1));
      const page = entries.slice(0, input.limit);
      const docs = await documents(page.map((e) => e.documentId));
      return page.map((e) => view(e, docs.get(e.documentId)));
    },
    async 'outbox.summary'() {
      return summary();
    },
    async 'outbox.retry'(input, ctx) {
      return act(ctx.actor, input.id, 'retry');
    },
    async 'outbox.cancel'(input, ctx) {
      return act(ctx.actor, input.id, 'cancel');
    },
    async 'outbox.edit'(input, ctx) {
      return act(ctx.actor, input.id, 'edit');
    },
    async 'outbox.setPaused'(input, ctx) {
      await setPaused(ctx.actor, input.paused);
      return summary();
    },
    async 'outbox.enqueue'(input, ctx) {
      const pdf = new Uint8Array(Buffer.from(input.pdfBase64, 'base64'));
      const { facts, patient } = await pdfFacts(pdf, modeOf(input.metadata));
      const identificativoDoc = input.identificativoDoc ?? (facts.id?.root && facts.id.extension ? `${facts.id.root}^${facts.id.extension}` : undefined);
      if (!identificativoDoc) throw new AppError('INVALID_INPUT', 'No identificativoDoc', { issues: [{ path: 'identificativoDoc', message: 'Identificativo del documento mancante' }] });
      const op: OutboxOperation = input.operation;
      const pre = input.prevalidation;
      if (pre && ((op !== 'create' && op !== 'replace') || (input.workflowInstanceId !== undefined && input.workflowInstanceId !== pre.workflowInstanceId))) {
        throw new AppError('INVALID_INPUT', 'Prevalidation does not fit', { issues: [{ path: 'prevalidation', message: 'La validazione preventiva vale solo per creazione o sostituzione, con lo stesso workflowInstanceId' }] });
      }
      const { identificativoDoc: _i, workflowInstanceId: _w, ...metadata } = input.metadata;
      if (op !== 'delete') {
        const schema = BODY_BY_OPERATION[op];
        const check = schema.safeParse(op === 'updateMetadata' ? metadata : { ...metadata, identificativoDoc });
        if (!check.success) throw new AppError('INVALID_INPUT', 'Invalid publication metadata', { issues: check.error.issues.map((i) => ({ path: `metadata.${i.path.join('.')}`, message: i.message })) });
      }
      const workflowInstanceId = pre?.workflowInstanceId ?? input.workflowInstanceId;
      const who = await deps.requester?.();
      const e = await service.enqueue({
        actor: ctx.actor,
        document: { patientId: input.patientId, kind: input.kind, title: input.title, identificativoDoc, pdf, ...(who ? { authorId: who.authorId } : {}) },
        entry: {
          operation: op,
          state: input.state,
          payload: {
            v: 1, requestBody: metadata, patient, ...(facts.documentCode ? { documentCode: facts.documentCode } : {}),
            ...(who ? { requester: { fiscalCode: who.fiscalCode } } : {}),
          },
          ...(workflowInstanceId ? { workflowInstanceId } : {}),
          ...(pre ? { validatedAt: Date.parse(pre.validatedAt), detail: { validationTraceId: pre.traceId } } : {}),
        },
        ...(input.pssDocumentId ? { pssDocumentId: input.pssDocumentId } : {}),
        ...(input.typedDocumentId ? { typedDocumentId: input.typedDocumentId } : {}),
      });
      emit(e);
      return one(e);
    },
    async 'outbox.deletePublished'(input, ctx) {
      const e = await service.enqueueDeletion({ actor: ctx.actor, documentId: input.documentId, ...(input.patientId ? { patientId: input.patientId } : {}) });
      emit(e);
      return one(e);
    },
    async 'outbox.prevalidate'(input) {
      await refresh().catch((e: unknown) => logger.warn('outbox: gateway configuration not reloaded', { error: String(e) }));
      const pdf = new Uint8Array(Buffer.from(input.pdfBase64, 'base64'));
      const who = await deps.requester?.();
      const r = await prevalidate({ gateway: switchingGateway, connection: gateway.connection(), paused, now: Date.now, logger }, { pdf, mode: modeOf(input.metadata), ...(who ? { requester: { fiscalCode: who.fiscalCode } } : {}) });
      // The gateway answered: if the scheduler thought it offline, it may send now.
      if (r.status === 'validated' && !service.scheduler.status().online) void service.scheduler.setConnectivity(true).catch(() => undefined);
      return r;
    },
  };

  return {
    handlers,
    service,
    gateway,
    reloadGateway,
    async start() {
      if (started || closed) return;
      started = true;
      paused = Boolean(((await db.call('settings.get', { key: OUTBOX_KEY }))?.value as { paused?: boolean } | undefined)?.paused);
      const reconciled = await service.scheduler.recoverAfterCrash();
      if (reconciled > 0) logger.info('outbox: entries to reconcile after a restart', { count: reconciled });
      // With no gateway to send to, entries stay queued (not failed): the page says why.
      const configured = gateway.connection().mode !== 'not-configured';
      if (!paused) schedulerFor = configured;
      if (!configured) logger.warn('outbox: no gateway configured, nothing will be sent');
      else if (!paused) service.scheduler.start();
    },
    async close() {
      closed = true;
      await service.scheduler.stop();
      await gateway.close();
    },
  };
}

