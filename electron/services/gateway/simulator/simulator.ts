/**
 * The built-in FSE 2.0 gateway simulator: the same endpoints, status codes and
 * RFC 7807 bodies as swagger_gtw.yaml / IG v2.22, routed and checked with openapi-backend fed
 * the official swagger. It verifies both JWTs (signature with the x5c certificate against the
 * configured CA, every claim, attachment_hash against the received PDF, person_id against the
 * CDA inside it), runs the CDA validator and the PAdES check through injected functions, keeps
 * a ledger of published documents, and injects latency and faults from a seeded RNG.
 *
 * This file is the server: options, `node:http`/`node:https` on 127.0.0.1 unless told
 * otherwise, sockets and shutdown. With `tls` it demands a client certificate issued by
 * `tls.ca` (mTLS, as GovWay's ID_AUTH_CHANNEL_02). The parts, one job each:
 *   handler.ts          one request, checks in the gateway's order
 *   routing.ts          path → operation (official OpenAPI), body reading
 *   jwt-checks.ts       both JWTs: signature, CA, claims
 *   request-body.ts     multipart/JSON, OpenAPI and format checks, the PDF and its CDA
 *   document-checks.ts  CDA validation and PAdES check (plugins.ts)
 *   state.ts            validations, publications, status events, ledger entries
 *   faults.ts           latency and fault injection
 *   problem.ts          JSON and RFC 7807 answers
 */
import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { seededRandom } from '../../../../shared/random.ts';
import { gatewayOpenApi } from '../openapi.ts';
import { FaultInjector, type FaultOptions } from './faults.ts';
import { createHandler } from './handler.ts';
import { JwtChecks } from './jwt-checks.ts';
import { Ledger } from './ledger.ts';
import type { CdaCheck, CdaReader, PdfSignatureCheck } from './plugins.ts';
import { GatewayState } from './state.ts';
import { Problem, responder } from './problem.ts';
import { problemBody } from '../../../../shared/gateway/errors.ts';

export type { FaultOptions } from './faults.ts';
export { cdaMatchHash } from './state.ts';

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
  /** The CDA reader (default: in this thread; the sandbox and `cartella gateway-sim` use the validation worker). */
  readCda?: CdaReader;
  /** PAdES check for publication (default: none — signature not checked). */
  checkSignature?: PdfSignatureCheck;
  /** Called by close(): releases what the checks hold (their worker thread). */
  disposeChecks?: () => Promise<void>;
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

export async function startGatewaySimulator(opts: SimulatorOptions = {}): Promise<GatewaySimulator> {
  const openapi = await gatewayOpenApi();
  const now = opts.now ?? Date.now;
  const ledger = new Ledger(opts.ledgerFile);
  const calls = new Map<string, number>();
  const faults = new FaultInjector(seededRandom(opts.seed ?? 1), opts.faults ?? {}, opts.latencyMs ?? 0);
  const sockets = new Set<Socket>();
  let url = '';

  const handle = createHandler({
    openapi,
    faults,
    jwt: new JwtChecks({ jwtCaPems: opts.jwtCaPems, audience: () => opts.audience ?? url, now, checkTokenTimes: opts.checkTokenTimes }),
    state: new GatewayState(ledger, now, opts.publishWindowDays ?? 5),
    calls,
    validateCda: opts.validateCda,
    readCda: opts.readCda,
    checkSignature: opts.checkSignature,
  });
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch(() => {
      // Whatever went wrong, the answer is still the gateway's RFC 7807 shape (FSE-GATEWAY.md §6).
      if (!res.headersSent) responder(res, randomBytes(8).toString('hex'), randomBytes(8).toString('hex')).fail(new Problem('/msg/generic-error', 'Errore interno del simulatore', 500));
      else res.destroy();
    });
  };
  const server: Server = opts.tls
    ? createHttpsServer({ cert: opts.tls.cert, key: opts.tls.key, ca: opts.tls.ca, requestCert: true, rejectUnauthorized: true }, listener)
    : createHttpServer(listener);
  // Node's default: undici keeps a connection only while the server's hint minus its 2 s
  // threshold is positive, so a 2 s hint made every request open a new connection.
  server.keepAliveTimeout = 5_000;
  // A request Node's HTTP parser refuses (headers too large, a malformed request line) never
  // reaches the listener: without this, Node answers a bare 400/431 with no RFC 7807 body.
  server.on('clientError', (e: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket) => {
    if (!socket.writable || e.code === 'ECONNRESET') return void socket.destroy();
    const status = e.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    const body = JSON.stringify(problemBody('/msg/invalid-format', 'Richiesta HTTP non valida', { traceID: randomBytes(8).toString('hex'), spanID: randomBytes(8).toString('hex') }, status));
    const head = e.rawPacket?.subarray(0, 5).toString('latin1') === 'HEAD '; // headers only (RFC 9110 §9.3.2)
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/problem+json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${head ? '' : body}`);
  });
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
      faults.set(f);
    },
    async close() {
      faults.clear();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await opts.disposeChecks?.().catch(() => undefined);
    },
  };
}
