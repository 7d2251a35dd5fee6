/**
 * The built-in FSE 2.0 gateway simulator (issue 6 §4): the same endpoints, status codes and
 * RFC 7807 bodies as swagger_gtw.yaml / IG v2.22, routed and checked with openapi-backend fed
 * the official swagger. It verifies both JWTs (signature with the x5c certificate against the
 * configured CA, every claim, attachment_hash against the received PDF, person_id against the
 * CDA inside it), runs the CDA validator and the PAdES check through injected functions, keeps
 * a ledger of published documents, and injects latency and faults from a seeded RNG.
 *
 * Plain `node:http`/`node:https`; listens on 127.0.0.1 unless told otherwise. With `tls` it
 * demands a client certificate issued by `tls.ca` (mTLS, as GovWay's ID_AUTH_CHANNEL_02).
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { readCdaFacts } from '../../../../shared/gateway/cda-facts.ts';
import { problemBody } from '../../../../shared/gateway/errors.ts';
import { checkAuthClaims, checkIntegrityClaims, type SignedOperation } from '../../../../shared/gateway/jwt-claims.ts';
import {
  PublicationCreationReq,
  PublicationMetadataReq,
  PublicationUpdateReq,
  ValidateAndCreateReq,
  ValidateAndReplaceReq,
  ValidationCdaReq,
  type GatewayOperation,
  type StatusEvent,
} from '../../../../shared/gateway/schemas.ts';
import { seededRandom } from '../../../../shared/random.ts';
import { extractCdaFromPdf, isPdf } from '../../../../shared/validation/cda/pdf.ts';
import { gatewayOpenApi } from '../openapi.ts';
import { JwtVerificationError, verifyGatewayJwt } from '../jwt.ts';
import { Ledger } from './ledger.ts';
import { boundaryOf, parseMultipart, type MultipartPart } from './multipart.ts';
import type { CdaCheck, PdfSignatureCheck } from './plugins.ts';

export interface FaultOptions {
  /** Share of requests answered 500/502/503 (RFC 7807 /msg/generic-error). */
  errorRate?: number;
  /** Share answered 429 with Retry-After: 1. */
  throttleRate?: number;
  /** Share never answered (the socket is closed after `hangMs`). */
  timeoutRate?: number;
  /** Share whose connection is reset before any answer. */
  resetRate?: number;
  /** Share processed fully (published!) whose answer is then lost (connection reset) — a crash-like outcome. */
  lostResponseRate?: number;
  /** Share delayed by `slowMs` more. */
  slowRate?: number;
  slowMs?: number;
  /** How long a "timeout" request is held before its socket is closed (default 30 s). */
  hangMs?: number;
}

export interface SimulatorOptions {
  host?: string;
  port?: number;
  /** mTLS: server certificate and key, and the CA the client certificates must chain to. */
  tls?: { cert: string; key: string; ca: string | string[] };
  /** CA(s) the JWT x5c signature certificate must be issued by; none = any certificate (signature still verified). */
  jwtCaPems?: string[];
  /** Expected `aud`; default: the simulator's own base URL. */
  audience?: string;
  /** CDA validation (default: none — every CDA passes). */
  validateCda?: CdaCheck;
  /** PAdES check for publication (default: none — signature not checked). */
  checkSignature?: PdfSignatureCheck;
  latencyMs?: number;
  faults?: FaultOptions;
  seed?: number;
  ledgerFile?: string;
  /** Clock in ms (tests). */
  now?: () => number;
  /** Days a validation stays usable for publication (DSP days.allow-publish-after-validation). */
  publishWindowDays?: number;
  /** Off: JWT time claims (iat/exp) are not compared with the clock. */
  checkTokenTimes?: boolean;
}

interface ValidationRecord {
  workflowInstanceId: string;
  cdaHash: string;
  at: number;
  consumed: boolean;
}

interface Transaction {
  workflowInstanceId: string;
  traceId: string;
  events: StatusEvent[];
}

export interface GatewaySimulator {
  /** Base URL including /v1. */
  readonly url: string;
  readonly port: number;
  readonly ledger: Ledger;
  /** Requests received per operationId, for tests. */
  readonly calls: Map<string, number>;
  /** Change fault injection at run time. */
  setFaults(f: FaultOptions): void;
  close(): Promise<void>;
}

class Problem extends Error {
  constructor(
    readonly type: string,
    readonly detail: string,
    readonly status?: number,
    readonly instance?: string,
    readonly workflowInstanceId?: string,
  ) {
    super(detail);
  }
}

const OPERATION_BY_ID: Record<string, GatewayOperation> = {
  validate: 'validation',
  create_1: 'create',
  replace_1: 'replace',
  updateMetadata: 'updateMetadata',
  updateMetadataIti_57: 'updateMetadata',
  delete: 'delete',
  validateAndCreate: 'validateAndCreate',
  validateAndReplace: 'validateAndReplace',
  getEvents: 'statusByWorkflowInstanceId',
  getEventsByTraceId: 'statusByTraceId',
  health: 'health',
};

const BODY_SCHEMAS = {
  validation: ValidationCdaReq,
  create: PublicationCreationReq,
  replace: PublicationUpdateReq,
  updateMetadata: PublicationMetadataReq,
  validateAndCreate: ValidateAndCreateReq,
  validateAndReplace: ValidateAndReplaceReq,
} as const;

function hex(n: number): string {
  return randomBytes(n).toString('hex');
}

/** `legalAuthenticator` may differ between validation and publication (DSP cdaWithoutLegalAuthenticator). */
export function cdaMatchHash(cdaXml: Uint8Array): string {
  const text = Buffer.from(cdaXml).toString('utf8').replace(/<([A-Za-z0-9_]+:)?legalAuthenticator\b[\s\S]*?<\/([A-Za-z0-9_]+:)?legalAuthenticator>/, '<legalAuthenticator/>');
  return createHash('sha256').update(text).digest('hex');
}

function workflowInstanceIdFor(facts: { id?: { root: string; extension: string } | undefined }, idDoc?: string): string {
  const prefix = facts.id ? `${facts.id.root}.${createHash('sha256').update(facts.id.extension).digest('hex')}` : createHash('sha256').update(idDoc ?? '').digest('hex');
  return `${prefix}.${hex(5)}^^^^urn:ihe:iti:xdw:2013:workflowInstanceId`;
}

async function readBody(req: IncomingMessage, limit = 20 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > limit) throw new Problem('/msg/generic-error', 'Payload too large', 413);
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function startGatewaySimulator(opts: SimulatorOptions = {}): Promise<GatewaySimulator> {
  const openapi = await gatewayOpenApi();
  const rng = seededRandom(opts.seed ?? 1);
  const now = opts.now ?? Date.now;
  const ledger = new Ledger(opts.ledgerFile);
  const calls = new Map<string, number>();
  let faults: FaultOptions = { ...(opts.faults ?? {}) };
  const validations = new Map<string, ValidationRecord>(); // by workflowInstanceId
  const transactions = new Map<string, Transaction>(); // by workflowInstanceId
  const byTrace = new Map<string, Transaction>();
  const published = new Map<string, { workflowInstanceId: string }>(); // identificativoDoc → live publication
  const sockets = new Set<Socket>();
  const hanging = new Set<NodeJS.Timeout>();
  let url = '';

  const record = (wii: string, traceId: string, event: StatusEvent) => {
    let t = transactions.get(wii);
    if (!t) {
      t = { workflowInstanceId: wii, traceId, events: [] };
      transactions.set(wii, t);
    }
    t.events.push({ ...event, workflowInstanceId: wii, traceId, eventDate: new Date(now()).toISOString() });
    let tt = byTrace.get(traceId);
    if (!tt) {
      tt = { workflowInstanceId: wii, traceId, events: [] };
      byTrace.set(traceId, tt);
    }
    tt.events.push(t.events[t.events.length - 1] as StatusEvent);
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const traceID = hex(8);
    const spanID = hex(8);
    const send = (status: number, body: unknown, type = 'application/json', headers: Record<string, string> = {}) => {
      if (res.destroyed) return;
      const text = JSON.stringify(body);
      res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text), ...headers });
      res.end(text);
    };
    const fail = (p: Problem, headers: Record<string, string> = {}) => {
      const ids: { traceID: string; spanID: string; instance?: string; workflowInstanceId?: string } = { traceID, spanID };
      if (p.instance !== undefined) ids.instance = p.instance;
      if (p.workflowInstanceId !== undefined) ids.workflowInstanceId = p.workflowInstanceId;
      send(p.status ?? problemBody(p.type, p.detail, ids).status, problemBody(p.type, p.detail, ids, p.status), 'application/problem+json', headers);
    };

    // Faults first, as a network or front end would produce them.
    const roll = rng();
    let edge = 0;
    const hit = (rate: number | undefined) => {
      if (!rate) return false;
      edge += rate;
      return roll < edge;
    };
    if (hit(faults.resetRate)) {
      req.socket.destroy();
      return;
    }
    if (hit(faults.timeoutRate)) {
      const t = setTimeout(() => (hanging.delete(t), req.socket.destroy()), faults.hangMs ?? 30_000);
      hanging.add(t);
      return;
    }
    // Independent of the faults above: decided now, applied after the request was processed.
    const lose = (faults.lostResponseRate ?? 0) > 0 && rng() < (faults.lostResponseRate ?? 0);
    if (hit(faults.throttleRate)) {
      await readBody(req).catch(() => undefined);
      fail(new Problem('/msg/generic-error', 'Too Many Requests', 429), { 'retry-after': '1' });
      return;
    }
    if (hit(faults.errorRate)) {
      await readBody(req).catch(() => undefined);
      const statuses = [500, 502, 503];
      fail(new Problem('/msg/generic-error', 'Errore generico simulato', statuses[Math.floor(rng() * statuses.length)]));
      return;
    }
    let delay = opts.latencyMs ?? 0;
    if (rng() < (faults.slowRate ?? 0)) delay += faults.slowMs ?? 2_000;
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    if (req.socket.destroyed) return;

    const fullUrl = new URL(req.url ?? '/', 'http://sim');
    const prefix = '/v1';
    if (!fullUrl.pathname.startsWith(`${prefix}/`) && fullUrl.pathname !== prefix) {
      fail(new Problem('/msg/record-not-found', 'Risorsa non trovata', 404));
      return;
    }
    const path = fullUrl.pathname.slice(prefix.length) || '/';
    const method = (req.method ?? 'GET').toUpperCase();
    const match = openapi.match(method, path);
    const op = match?.operationId ? OPERATION_BY_ID[match.operationId] : undefined;
    if (!match || !op) {
      fail(new Problem('/msg/record-not-found', `Operazione non trovata: ${method} ${path}`, 404));
      return;
    }
    calls.set(match.operationId as string, (calls.get(match.operationId as string) ?? 0) + 1);
    const idParam = (() => {
      const m = /^\/(?:documents(?:\/validate-and-replace)?|status(?:\/search)?)\/([^/]+)/.exec(path);
      return m ? decodeURIComponent(m[1] as string) : undefined;
    })();

    try {
      const body = method === 'GET' || method === 'DELETE' ? Buffer.alloc(0) : await readBody(req);
      if (op === 'health') {
        send(200, { status: 'UP' }, 'application/problem+json');
        return;
      }
      // Authorization Bearer: every operation.
      const auth = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (!auth) throw new Problem('/msg/missing-token', 'Token di autenticazione mancante', 403);
      const authJwt = await verify(auth);
      const authProblems = checkAuthClaims(authJwt.payload, { ...(opts.checkTokenTimes === false ? {} : { now: Math.floor(now() / 1000) }), audience: opts.audience ?? url, ...(authJwt.signerCn ? { issuerCn: authJwt.signerCn } : {}) });
      if (authProblems[0]) throw new Problem('/msg/jwt-validation', authProblems[0].message, 403, authProblems[0].instance);

      if (op === 'statusByWorkflowInstanceId' || op === 'statusByTraceId') {
        const t = op === 'statusByWorkflowInstanceId' ? transactions.get(idParam ?? '') : byTrace.get(idParam ?? '');
        if (!t) throw new Problem('/msg/record-not-found', 'Nessun evento trovato', 404);
        send(200, { traceID, spanID, transactionData: t.events });
        return;
      }

      const signed = op as SignedOperation;
      const integrity = req.headers['fse-jwt-signature'];
      if (typeof integrity !== 'string' || integrity === '') throw new Problem('/msg/missing-token', 'Token FSE-JWT-Signature mancante', 403);
      const intJwt = await verify(integrity);

      // Body: multipart (file + requestBody), JSON (metadata) or none (delete).
      let requestBody: Record<string, unknown> = {};
      let file: Uint8Array | undefined;
      const contentType = req.headers['content-type'] ?? '';
      if (signed === 'updateMetadata') {
        try {
          requestBody = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
        } catch {
          throw new Problem('/msg/invalid-format', 'Il corpo della richiesta non è JSON valido', 400);
        }
      } else if (signed !== 'delete') {
        if (!contentType.startsWith('multipart/form-data')) throw new Problem('/msg/mandatory-element', 'Richiesta multipart/form-data attesa', 400);
        const boundary = boundaryOf(contentType);
        let parts: MultipartPart[];
        try {
          if (!boundary) throw new Error('no boundary');
          parts = parseMultipart(body, boundary);
        } catch {
          throw new Problem('/msg/invalid-format', 'Corpo multipart non leggibile', 400);
        }
        const rb = parts.find((p) => p.name === 'requestBody');
        const f = parts.find((p) => p.name === 'file');
        if (rb === undefined) throw new Problem('/msg/mandatory-element', 'Campo requestBody mancante', 400);
        try {
          requestBody = JSON.parse(rb.data.toString('utf8')) as Record<string, unknown>;
        } catch {
          throw new Problem('/msg/invalid-format', 'requestBody non è JSON valido', 400);
        }
        if (f === undefined) throw new Problem('/msg/empty-file', 'File mancante', 400);
        file = new Uint8Array(f.data);
      }
      // Against the official OpenAPI (openapi-backend), then our stricter formats.
      const check = openapi.validate({
        method,
        path,
        headers: { 'content-type': signed === 'updateMetadata' ? 'application/json' : signed === 'delete' ? '' : 'multipart/form-data' },
        body: signed === 'updateMetadata' ? requestBody : signed === 'delete' ? undefined : { requestBody, file: 'binary' },
      });
      if (!check.valid) {
        const missing = check.errors.find((e) => e.includes('required property'));
        throw new Problem(missing ? '/msg/mandatory-element' : '/msg/invalid-format', check.errors.join('; '), 400);
      }
      if (signed !== 'delete') {
        const parsed = BODY_SCHEMAS[signed].safeParse(requestBody);
        if (!parsed.success) throw new Problem('/msg/invalid-format', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), 400);
      }

      // The file: not empty, a PDF, with a CDA.
      let cda: Uint8Array | undefined;
      let facts: ReturnType<typeof readCdaFacts> | undefined;
      let fileSha256: string | undefined;
      if (file !== undefined) {
        if (file.length === 0) throw new Problem('/msg/empty-file', 'Il file è vuoto', 400);
        if (!isPdf(file)) throw new Problem('/msg/document-type', 'Il file non è un PDF', 415);
        fileSha256 = createHash('sha256').update(file).digest('hex');
        const mode = requestBody.mode === 'ATTACHMENT' || requestBody.mode === 'RESOURCE' ? requestBody.mode : undefined;
        const extracted = await extractCdaFromPdf(file, mode).catch(() => null);
        if (!extracted) throw new Problem('/msg/cda-element', 'Errore in fase di estrazione del CDA', 400, '/cda-extraction');
        cda = extracted.bytes;
        try {
          facts = readCdaFacts(cda);
        } catch {
          throw new Problem('/msg/cda-element', 'Il CDA estratto non è XML valido', 400, '/cda-extraction');
        }
      }

      // Integrity claims, with the document facts.
      const problems = checkIntegrityClaims(intJwt.payload, {
        op: signed,
        ...(opts.checkTokenTimes === false ? {} : { now: Math.floor(now() / 1000) }),
        audience: opts.audience ?? url,
        ...(intJwt.signerCn ? { issuerCn: intJwt.signerCn } : {}),
        ...(fileSha256 ? { fileSha256 } : {}),
        ...(facts ? { patientIds: facts.patientIds } : {}),
        ...(facts?.documentCode ? { documentCode: facts.documentCode } : {}),
        ...(signed === 'updateMetadata' ? { changesP99: Array.isArray(requestBody.attiCliniciRegoleAccesso) && (requestBody.attiCliniciRegoleAccesso as unknown[]).includes('P99') } : {}),
      });
      if (problems[0]) throw new Problem(problems[0].type, problems[0].message, 403, problems[0].instance);

      const needsSignature = signed === 'create' || signed === 'replace' || signed === 'validateAndCreate' || signed === 'validateAndReplace';
      if (needsSignature && opts.checkSignature && file) {
        const s = await opts.checkSignature(file);
        if (!s.signed) throw new Problem('/msg/sign-error', 'Il pdf non risulta firmato', 400);
        if (!s.valid) throw new Problem('/msg/sign-error', 'La firma del pdf non risulta valida', 400);
      }
      const idDoc = (requestBody.identificativoDoc as string | undefined) ?? idParam ?? '';
      if ((signed === 'replace' || signed === 'validateAndReplace' || signed === 'delete' || signed === 'updateMetadata') && !published.has(idParam ?? '')) {
        throw new Problem('/msg/record-not-found', 'Documento non presente su INI', 404);
      }

      // Validation (validation, validate-and-*).
      if ((signed === 'validation' || signed === 'validateAndCreate' || signed === 'validateAndReplace') && cda && opts.validateCda) {
        const v = await opts.validateCda(cda);
        const errors = v.issues.filter((i) => i.severity === 'error');
        if (!v.valid || errors.length > 0) {
          const first = errors[0];
          const type = first?.source === 'xsd' ? '/msg/syntax' : first?.source === 'terminology' ? '/msg/vocabulary' : '/msg/semantic';
          const wii = signed === 'validation' ? workflowInstanceIdFor(facts ?? {}) : undefined;
          throw new Problem(type, errors.map((e) => (e.source === 'xsd' ? `ERROR: ${e.message}` : `${e.code}| ${e.message}`)).join('\n').slice(0, 100_000) || 'CDA non valido', type === '/msg/semantic' ? 422 : 400, undefined, wii);
        }
      }

      if (signed === 'validation') {
        const wii = workflowInstanceIdFor(facts ?? {});
        record(wii, traceID, { eventType: 'VALIDATION', eventStatus: 'SUCCESS', identificativoDocumento: null, issuer: String(intJwt.payload.iss), subjectRole: String(intJwt.payload.subject_role) });
        if (requestBody.activity === 'VALIDATION') validations.set(wii, { workflowInstanceId: wii, cdaHash: cdaMatchHash(cda as Uint8Array), at: now(), consumed: false });
        send(requestBody.activity === 'VALIDATION' ? 201 : 200, { traceID, spanID, workflowInstanceId: wii });
        return;
      }

      let wii: string;
      if (signed === 'create') {
        const hash = cdaMatchHash(cda as Uint8Array);
        const given = requestBody.workflowInstanceId as string | undefined;
        const v = given ? validations.get(given) : [...validations.values()].find((x) => x.cdaHash === hash && !x.consumed);
        if (!v) throw new Problem(given ? '/msg/workflow-id-error-extraction' : '/msg/cda-match', given ? 'workflowInstanceId non trovato' : 'Il CDA non risulta validato', 400);
        if (v.cdaHash !== hash) throw new Problem('/msg/cda-match', 'Il CDA non risulta validato', 400);
        if (v.consumed) throw new Problem('/msg/cda-match', 'La validazione di questo CDA è già stata usata per una pubblicazione', 400);
        if (now() - v.at > (opts.publishWindowDays ?? 5) * 86_400_000) throw new Problem('/msg/max-day-limit-exceed', 'Sono passati più di 5 giorni dalla validazione', 400);
        wii = v.workflowInstanceId;
        if (published.has(idDoc)) {
          ledger.append({ at: new Date(now()).toISOString(), op: signed, identificativoDoc: idDoc, workflowInstanceId: wii, traceId: traceID, outcome: 'refused-duplicate' });
          throw new Problem('/msg/id-doc', 'Identificativo documento già presente', 409);
        }
        v.consumed = true;
      } else if (signed === 'validateAndCreate') {
        wii = workflowInstanceIdFor(facts ?? {});
        if (published.has(idDoc)) {
          ledger.append({ at: new Date(now()).toISOString(), op: signed, identificativoDoc: idDoc, workflowInstanceId: wii, traceId: traceID, outcome: 'refused-duplicate' });
          throw new Problem('/msg/id-doc', 'Identificativo documento già presente', 409);
        }
      } else {
        wii = workflowInstanceIdFor({}, idParam);
      }

      const eventType = { create: 'PUBLICATION', validateAndCreate: 'PUBLICATION', replace: 'REPLACE', validateAndReplace: 'REPLACE', delete: 'DELETE', updateMetadata: 'UPDATE' }[signed];
      const outcome = ({ create: 'published', validateAndCreate: 'published', replace: 'replaced', validateAndReplace: 'replaced', delete: 'deleted', updateMetadata: 'metadata-updated' } as const)[signed];
      const target = signed === 'create' || signed === 'validateAndCreate' ? idDoc : (idParam as string);
      if (signed === 'delete') published.delete(target);
      else published.set(target, { workflowInstanceId: wii });
      const common = { identificativoDocumento: target, issuer: String(intJwt.payload.iss), subjectRole: String(intJwt.payload.subject_role) };
      record(wii, traceID, { eventType, eventStatus: 'SUCCESS', ...common });
      if (signed !== 'delete' && signed !== 'updateMetadata') record(wii, traceID, { eventType: 'RIFERIMENTI_INI', eventStatus: 'SUCCESS', ...common });
      record(wii, traceID, { eventType: signed === 'delete' ? 'INI_DELETE' : signed === 'updateMetadata' ? 'INI_UPDATE' : 'SEND_TO_INI', eventStatus: 'SUCCESS', ...common });
      const entry = { at: new Date(now()).toISOString(), op: signed, identificativoDoc: target, workflowInstanceId: wii, traceId: traceID, outcome } as const;
      ledger.append(fileSha256 ? { ...entry, attachmentHash: fileSha256 } : entry);
      if (lose) {
        req.socket.destroy();
        return;
      }
      send(signed === 'delete' || signed === 'updateMetadata' ? 200 : 202, { traceID, spanID, workflowInstanceId: wii });
    } catch (e) {
      if (e instanceof Problem) fail(e);
      else if (e instanceof JwtVerificationError) {
        fail(e.reason === 'undecodable' ? new Problem('/msg/mandatory-element-token', e.message, 401) : new Problem('/msg/jwt-validation', e.message, 403, '/jwt-signature'));
      } else fail(new Problem('/msg/generic-error', 'Errore interno del simulatore', 500));
    }
  }

  function verify(token: string) {
    return verifyGatewayJwt(token, { ...(opts.jwtCaPems ? { caPems: opts.jwtCaPems } : {}), now: new Date(now()) });
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  };
  const server: Server = opts.tls
    ? createHttpsServer({ cert: opts.tls.cert, key: opts.tls.key, ca: opts.tls.ca, requestCert: true, rejectUnauthorized: true }, listener)
    : createHttpServer(listener);
  server.keepAliveTimeout = 2_000;
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  url = `${opts.tls ? 'https' : 'http'}://${opts.host ?? '127.0.0.1'}:${port}/v1`;
  return {
    url,
    port,
    ledger,
    calls,
    setFaults(f) {
      faults = { ...f };
    },
    close() {
      for (const t of hanging) clearTimeout(t);
      hanging.clear();
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
