/**
 * The FSE 2.0 gateway client: every endpoint of swagger_gtw.yaml / IG v2.22 over
 * `undici` with the authentication certificate as TLS client certificate (mTLS), and both JWTs
 * (Authorization Bearer + FSE-JWT-Signature) built per call by shared/gateway/jwt-claims and
 * signed with `jose` using the signature certificate. Multipart is laid out as the official
 * samples: a `requestBody` form field holding JSON (Content-Type: application/json, no
 * filename — the dispatcher reads it with getParameter) and a `file` part with the PDF.
 *
 * Failures are typed: GatewayCallError (an AppError: GATEWAY_UNAVAILABLE, TIMEOUT,
 * GATEWAY_REJECTED, or CERTIFICATE_INVALID when the mTLS handshake fails on a certificate —
 * ours expired, ours refused by the gateway, the gateway's not trusted; see tls-diagnosis.ts)
 * carrying a `failure` the outbox's retry policy classifies and, where there is one, the
 * Italian explanation in `spiegazione`.
 */
import { X509Certificate, createHash, randomBytes } from 'node:crypto';
import { Agent, request, type Dispatcher } from 'undici';
import { AppError, type ErrorCode } from '../../../../shared/errors/index.ts';
import { readCdaFacts } from '../../../../shared/gateway/cda-facts.ts';
import { problemToAppError, problemTypeKey, spiegazioneErrore } from '../../../../shared/gateway/errors.ts';
import {
  buildAuthClaims,
  buildIntegrityClaims,
  type JwtDocumentFacts,
  type JwtIdentity,
  type SignedOperation,
} from '../../../../shared/gateway/jwt-claims.ts';
import {
  ENDPOINTS,
  GATEWAY_BASE_URLS,
  GatewayResult,
  ProblemDetails,
  TransactionInspectRes,
  endpointPath,
  type GatewayEnvironment,
  type GatewayOperation,
  type PublicationCreationReq,
  type PublicationMetadataReq,
  type PublicationUpdateReq,
  type ValidateAndCreateReq,
  type ValidateAndReplaceReq,
  type ValidationCdaReq,
} from '../../../../shared/gateway/schemas.ts';
import { parseRetryAfter, type SendFailure } from '../../../../shared/outbox/retry.ts';
import { extractCdaFromPdf } from '../../../../shared/validation/cda/pdf.ts';
import { certificateCn, newJti, signGatewayJwt, type SignatureCredential } from '../jwt.ts';
import { ownCertificateProblem, probeClientCertificate, serverCertificateProblem, validityOf, type TlsProblem, type Validity } from './tls-diagnosis.ts';

export class GatewayCallError extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    data: unknown,
    readonly failure: SendFailure,
    /** Italian explanation for the doctor (HTTP rejections: the same as `failure.reason`). */
    readonly spiegazione?: string,
  ) {
    super(code, message, data as never);
    this.name = 'GatewayCallError';
  }
}

/** A certificate problem of the mTLS connection (or of our own certificates) as a typed error. */
function tlsError(op: GatewayOperation, p: TlsProblem, detail?: string): GatewayCallError {
  // Retried like a network failure (the doctor may import a new certificate meanwhile; the
  // outbox rebuilds the client then), but never presented as "rete non disponibile" here.
  return new GatewayCallError('CERTIFICATE_INVALID', `Gateway ${op}: TLS ${p.kind} (${p.code}${detail ? `: ${detail}` : ''})`, undefined, { kind: 'network', code: p.code }, p.spiegazione);
}

export interface GatewayClientOptions {
  environment: GatewayEnvironment;
  /** Required for 'simulator'; overrides the official URL otherwise. Includes /v1. */
  baseUrl?: string;
  /**
   * mTLS: the authentication certificate (PEM; when its CA is an intermediate, the chain
   * concatenated after it in the same string) and key, and the CA(s) to trust for the server —
   * without `ca`, Node's public roots. No certificate or no key: no client certificate.
   */
  tls?: { cert?: string; key?: string; ca?: string | string[] };
  /** Signature certificate and key for the JWTs (x5c). */
  signature: SignatureCredential;
  /** Who sends (the CN and audience are filled in from the certificate and base URL). */
  identity: Omit<JwtIdentity, 'signatureCertCn' | 'audience'>;
  /** Per-request timeout, ms (default 30 s). */
  timeoutMs?: number;
  now?: () => number;
  /** Inspect each request before it is sent (tests: OpenAPI checks). */
  onRequest?: (r: SentRequest) => void;
}

export interface SentRequest {
  operation: GatewayOperation;
  method: string;
  /** Path under the base URL. */
  path: string;
  headers: Record<string, string>;
  /** JSON body, or for multipart the parsed requestBody and the file size. */
  body?: { requestBody?: unknown; fileBytes?: number; json?: unknown };
}

export type GatewayResponse = GatewayResult & { httpStatus: number };

/** The JWT facts for a PDF: patient ids and first code from its CDA, and the SHA-256 of the file. */
export async function factsFromPdf(pdf: Uint8Array, mode?: 'ATTACHMENT' | 'RESOURCE'): Promise<Required<Pick<JwtDocumentFacts, 'patient' | 'documentCode' | 'attachmentHash'>>> {
  const cda = await extractCdaFromPdf(pdf, mode);
  if (!cda) throw new AppError('INVALID_INPUT', 'PDF without an embedded CDA', { issues: [{ path: 'file', message: 'Il PDF non contiene un CDA' }] });
  const f = readCdaFacts(cda.bytes);
  const patient = f.patientIds[0];
  if (!patient || !f.documentCode) throw new AppError('INVALID_INPUT', 'CDA without recordTarget id or code', { issues: [{ path: 'cda', message: 'Il CDA non ha paziente o codice documento' }] });
  return { patient, documentCode: f.documentCode, attachmentHash: sha256Hex(pdf) };
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function classify(e: unknown): SendFailure {
  const code = (e as { code?: string }).code ?? '';
  const name = (e as { name?: string }).name ?? '';
  if (name === 'TimeoutError' || name === 'AbortError' || /TIMEOUT/.test(code)) return { kind: 'timeout' };
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') return { kind: 'reset' };
  return { kind: 'network', code: code || name };
}

export class GatewayClient {
  readonly baseUrl: string;
  private readonly dispatcher: Dispatcher;
  private readonly cn: string;
  private readonly base: URL;
  private readonly authValidity: Validity | undefined;
  private readonly signatureValidity: Validity;

  constructor(private readonly opts: GatewayClientOptions) {
    const url = opts.baseUrl ?? (opts.environment === 'simulator' ? undefined : GATEWAY_BASE_URLS[opts.environment]);
    if (!url) throw new AppError('INVALID_INPUT', 'The simulator environment needs a base URL', { issues: [{ path: 'baseUrl', message: 'URL del simulatore mancante' }] });
    this.baseUrl = url.replace(/\/+$/, '');
    this.base = new URL(this.baseUrl);
    const cn = certificateCn(new X509Certificate(opts.signature.certPem));
    if (!cn) throw new AppError('CERTIFICATE_INVALID', 'Signature certificate without CN');
    this.cn = cn;
    this.signatureValidity = validityOf(opts.signature.certPem);
    this.authValidity = (() => {
      // An unreadable certificate is Node's to refuse at connection time, as before.
      try {
        return opts.tls?.cert && opts.tls.key ? validityOf(opts.tls.cert) : undefined;
      } catch {
        return undefined;
      }
    })();
    this.dispatcher = new Agent({
      connect: this.tlsOptions(),
      keepAliveTimeout: 1_000,
      // undici drops a connection whose server hint (Keep-Alive: timeout=N) is within this of
      // running out; its default (2 s) discards every connection of a server that hints 2 s.
      keepAliveTimeoutThreshold: 500,
      connections: 8,
    });
  }

  /** Node TLS options of the connection (also used by the refusal probe). */
  private tlsOptions(): { cert?: string; key?: string; ca?: string | string[] } {
    const t = this.opts.tls;
    if (!t) return {};
    return { ...(t.cert && t.key ? { cert: t.cert, key: t.key } : {}), ...(t.ca ? { ca: t.ca } : {}) };
  }

  /** Our certificates outside their validity: refused before anything is sent. */
  private ownCertificatesProblem(): TlsProblem | undefined {
    const now = (this.opts.now ?? Date.now)();
    const auth = this.authValidity && this.base.protocol === 'https:' ? ownCertificateProblem(this.authValidity, 'autenticazione (mTLS)', now) : undefined;
    // The sandbox's ephemeral signature certificate is the simulator's business, not checked here.
    return auth ?? (this.opts.environment === 'simulator' ? undefined : ownCertificateProblem(this.signatureValidity, 'firma (JWT)', now));
  }

  /** A failed connection: a certificate problem (found by the error, or by a probe after a reset), else undefined. */
  private async tlsProblemOf(e: unknown, failure: SendFailure): Promise<TlsProblem | undefined> {
    if (this.base.protocol !== 'https:') return undefined;
    const server = serverCertificateProblem(e);
    if (server) return server;
    if (failure.kind !== 'reset') return undefined;
    return probeClientCertificate(this.base, this.tlsOptions(), { timeoutMs: Math.min(this.opts.timeoutMs ?? 30_000, 5_000) }).catch(() => undefined);
  }

  private identity(): JwtIdentity {
    return { ...this.opts.identity, signatureCertCn: this.cn, audience: this.baseUrl };
  }

  private timing() {
    return { iat: Math.floor((this.opts.now ?? Date.now)() / 1000), ttl: 300, jti: newJti() };
  }

  private async headersFor(op: GatewayOperation, facts?: JwtDocumentFacts, changesP99?: boolean): Promise<Record<string, string>> {
    const id = this.identity();
    const headers: Record<string, string> = {
      accept: 'application/json',
      authorization: `Bearer ${await signGatewayJwt(buildAuthClaims(id, this.timing(), facts?.requester), this.opts.signature)}`,
    };
    if (ENDPOINTS[op].integrityToken) {
      if (!facts) throw new AppError('INVALID_INPUT', `${op} needs document facts for the JWT`, { issues: [{ path: 'facts', message: 'Dati del documento mancanti' }] });
      const claims = buildIntegrityClaims(op as SignedOperation, id, facts, this.timing(), changesP99 === undefined ? {} : { changesP99 });
      headers['fse-jwt-signature'] = await signGatewayJwt(claims, this.opts.signature);
    }
    return headers;
  }

  private async call<T>(op: GatewayOperation, args: { id?: string; facts?: JwtDocumentFacts; changesP99?: boolean; json?: unknown; multipart?: { requestBody: unknown; pdf: Uint8Array } }, parse: (v: unknown) => T): Promise<T & { httpStatus: number }> {
    const spec = ENDPOINTS[op];
    const path = endpointPath(op, args.id);
    const own = this.ownCertificatesProblem();
    if (own) throw tlsError(op, own);
    const headers = await this.headersFor(op, args.facts, args.changesP99);
    let body: Uint8Array | string | undefined;
    const sent: SentRequest = { operation: op, method: spec.method, path, headers };
    if (args.multipart) {
      const boundary = `----CartellaBoundary${randomBytes(12).toString('hex')}`;
      const head =
        `--${boundary}\r\nContent-Disposition: form-data; name="requestBody"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(args.multipart.requestBody)}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="documento.pdf"\r\nContent-Type: application/pdf\r\n\r\n`;
      // One copy of the PDF, into the body: a view of its bytes, not Buffer.from(pdf)'s own copy first.
      const pdf = args.multipart.pdf;
      body = Buffer.concat([Buffer.from(head, 'utf8'), Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength), Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8')]);
      headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
      sent.body = { requestBody: args.multipart.requestBody, fileBytes: args.multipart.pdf.length };
    } else if (args.json !== undefined) {
      body = JSON.stringify(args.json);
      headers['content-type'] = 'application/json';
      sent.body = { json: args.json };
    }
    this.opts.onRequest?.(sent);
    const timeout = this.opts.timeoutMs ?? 30_000;
    let res: Dispatcher.ResponseData;
    try {
      res = await request(new URL(this.base.pathname.replace(/\/$/, '') + path, this.base.origin), {
        method: spec.method,
        headers,
        ...(body !== undefined ? { body } : {}),
        dispatcher: this.dispatcher,
        headersTimeout: timeout,
        bodyTimeout: timeout,
        signal: AbortSignal.timeout(timeout + 1_000),
      });
    } catch (e) {
      const failure = classify(e);
      const tls = await this.tlsProblemOf(e, failure);
      if (tls) throw tlsError(op, tls, (e as Error).message);
      const code = failure.kind === 'timeout' ? 'TIMEOUT' : 'GATEWAY_UNAVAILABLE';
      throw new GatewayCallError(code, `Gateway ${op}: ${failure.kind} (${(e as Error).message})`, undefined, failure);
    }
    let text: string;
    try {
      text = await res.body.text();
    } catch (e) {
      const failure = classify(e);
      throw new GatewayCallError(failure.kind === 'timeout' ? 'TIMEOUT' : 'GATEWAY_UNAVAILABLE', `Gateway ${op}: body ${failure.kind}`, undefined, failure);
    }
    let json: unknown;
    try {
      json = text === '' ? {} : JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (spec.success.includes(res.statusCode)) {
      const parsed = json === undefined ? undefined : (() => { try { return parse(json); } catch { return undefined; } })();
      if (parsed === undefined) {
        throw new GatewayCallError('GATEWAY_UNAVAILABLE', `Gateway ${op}: unreadable success body`, undefined, { kind: 'http', status: 502, reason: 'Risposta del gateway non leggibile: nuovo tentativo automatico.' });
      }
      return { ...parsed, httpStatus: res.statusCode };
    }
    const problem = ProblemDetails.safeParse(json).data;
    const app = problemToAppError(res.statusCode, problem);
    const retryAfter = res.headers['retry-after'];
    const retryAfterMs = parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, (this.opts.now ?? Date.now)());
    const type = problemTypeKey(problem?.type);
    const failure: SendFailure = { kind: 'http', status: res.statusCode, reason: spiegazioneErrore(res.statusCode, problem), ...(type ? { type } : {}), ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
    throw new GatewayCallError(app.code, app.message, app.data, failure, failure.reason);
  }

  /** POST /documents/validation (VERIFICA → 200, VALIDATION → 201). */
  validate(a: { pdf: Uint8Array; body: ValidationCdaReq; facts: Omit<JwtDocumentFacts, 'attachmentHash'> }): Promise<GatewayResponse> {
    return this.call('validation', { facts: { ...a.facts, attachmentHash: sha256Hex(a.pdf) }, multipart: { requestBody: a.body, pdf: a.pdf } }, (v) => GatewayResult.parse(v));
  }

  /** POST /documents: publication of a validated, signed PDF (202). */
  create(a: { pdf: Uint8Array; body: PublicationCreationReq; facts: Omit<JwtDocumentFacts, 'attachmentHash'> }): Promise<GatewayResponse> {
    return this.call('create', { facts: { ...a.facts, attachmentHash: sha256Hex(a.pdf) }, multipart: { requestBody: a.body, pdf: a.pdf } }, (v) => GatewayResult.parse(v));
  }

  /** PUT /documents/{identificativoDoc}: replace (202). */
  replace(a: { identificativoDoc: string; pdf: Uint8Array; body: PublicationUpdateReq; facts: Omit<JwtDocumentFacts, 'attachmentHash'> }): Promise<GatewayResponse> {
    return this.call('replace', { id: a.identificativoDoc, facts: { ...a.facts, attachmentHash: sha256Hex(a.pdf) }, multipart: { requestBody: a.body, pdf: a.pdf } }, (v) => GatewayResult.parse(v));
  }

  /** PUT /documents/{identificativoDoc}/metadata (JSON). */
  updateMetadata(a: { identificativoDoc: string; body: PublicationMetadataReq; facts: Omit<JwtDocumentFacts, 'attachmentHash'> }): Promise<GatewayResponse> {
    const changesP99 = (a.body.attiCliniciRegoleAccesso ?? []).some((c) => c === 'P99' || c === 'P00');
    return this.call('updateMetadata', { id: a.identificativoDoc, facts: a.facts, changesP99, json: a.body }, (v) => GatewayResult.parse(v));
  }

  /** DELETE /documents/{identificativoDoc}. */
  delete(a: { identificativoDoc: string; facts: Pick<JwtDocumentFacts, 'patient' | 'patientConsent' | 'requester'> }): Promise<GatewayResponse> {
    return this.call('delete', { id: a.identificativoDoc, facts: a.facts }, (v) => GatewayResult.parse(v));
  }

  /** POST /documents/validate-and-create — recovery only (the gateway was unreachable at signing time). */
  validateAndCreate(a: { pdf: Uint8Array; body: ValidateAndCreateReq; facts: Omit<JwtDocumentFacts, 'attachmentHash'> }): Promise<GatewayResponse> {
    return this.call('validateAndCreate', { facts: { ...a.facts, attachmentHash: sha256Hex(a.pdf) }, multipart: { requestBody: a.body, pdf: a.pdf } }, (v) => GatewayResult.parse(v));
  }

  /** PUT /documents/validate-and-replace/{identificativoDoc} — recovery only. */
  validateAndReplace(a: { identificativoDoc: string; pdf: Uint8Array; body: ValidateAndReplaceReq; facts: Omit<JwtDocumentFacts, 'attachmentHash'> }): Promise<GatewayResponse> {
    return this.call('validateAndReplace', { id: a.identificativoDoc, facts: { ...a.facts, attachmentHash: sha256Hex(a.pdf) }, multipart: { requestBody: a.body, pdf: a.pdf } }, (v) => GatewayResult.parse(v));
  }

  /** GET /status/{workflowInstanceId}. */
  statusByWorkflowInstanceId(workflowInstanceId: string) {
    return this.call('statusByWorkflowInstanceId', { id: workflowInstanceId }, (v) => TransactionInspectRes.parse(v));
  }

  /** GET /status/search/{traceId}. */
  statusByTraceId(traceId: string) {
    return this.call('statusByTraceId', { id: traceId }, (v) => TransactionInspectRes.parse(v));
  }

  /** GET /status (health); true when the gateway answers 200. */
  async health(): Promise<boolean> {
    try {
      await this.call('health', {}, (v) => v as object);
      return true;
    } catch {
      return false;
    }
  }

  close(): Promise<void> {
    return this.dispatcher.close();
  }
}
