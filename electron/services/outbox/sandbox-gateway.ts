/**
 * Which gateway the outbox talks to (the simulator is the embedded default of
 * `npm start`; FSE-GATEWAY.md):
 *  - CARTELLA_GATEWAY_URL, or the `gateway` setting {environment:'simulator', baseUrl}: an
 *    external simulator (e.g. `npm run gateway-sim`), with the sandbox credentials;
 *  - sandbox mode (Ambiente di prova): the built-in simulator, in process on 127.0.0.1 and a
 *    free port, with the real CDA validator and PAdES check plugged in as `cartella
 *    gateway-sim` does (loaded on first use, so start-up is not delayed);
 *  - the `gateway` setting {environment:'validation'|'production'} (Impostazioni → Gateway
 *    FSE): the real gateway, mTLS with the imported authentication certificate, JWTs signed
 *    with the imported signature certificate, the stored identity; anything missing → not
 *    configured, with the reason in Italian (entries stay queued);
 *  - otherwise: not configured.
 * The sandbox credentials are the CLI's (gateway/dev-credentials.ts): accepted only by a
 * simulator without a JWT CA, never by the real gateway.
 */
import { AppError } from '../../../shared/errors/index.ts';
import type { GatewayIdentity } from '../../../shared/api/gateway-settings.ts';
import type { GatewayConnection } from '../../../shared/api/outbox.ts';
import { GATEWAY_BASE_URLS } from '../../../shared/gateway/schemas.ts';
import type { StoredGatewayCertificate } from '../gateway/credentials/gateway-certificates.ts';
import type { GatewayClient, GatewayClientOptions } from '../gateway/client/client.ts';
import { loadPdfSignatureCheck, structuralSignatureCheck, workerDocumentChecks, type PdfSignatureCheck, type WorkerDocumentChecks } from '../gateway/simulator/plugins.ts';
import type { GatewaySimulator, SimulatorOptions } from '../gateway/simulator/simulator.ts';
import type { Logger } from '../ports.ts';
import type { OutboxGateway } from './scheduler.ts';

/** What the `gateway` setting holds (written by Impostazioni; read here). */
export interface StoredGatewaySettings {
  environment?: 'sandbox' | 'simulator' | 'validation' | 'production';
  baseUrl?: string;
  /** Who sends (JWT claims); the sandbox identity when absent (simulators only). */
  identity?: GatewayIdentity;
}

/** The imported certificates (gateway/credentials), for the real gateway. */
export interface GatewayCredentials {
  auth?: StoredGatewayCertificate | undefined;
  signature?: StoredGatewayCertificate | undefined;
}

/** What the real gateway still needs, in Italian (empty: ready). */
export function missingForRealGateway(stored: StoredGatewaySettings | undefined, creds: GatewayCredentials): string[] {
  const missing: string[] = [];
  if (!creds.auth) missing.push('certificato di autenticazione (mTLS) non importato');
  if (!creds.signature) missing.push('certificato di firma (JWT) non importato');
  if (!stored?.identity) missing.push('identità del medico non impostata (codice fiscale, ruolo, regione, struttura, applicativo)');
  return missing;
}

export function notConfiguredReason(missing: readonly string[]): string {
  return `Gateway FSE non configurato: ${missing.join('; ')}. I documenti restano in coda finché non si completa la configurazione in Impostazioni → Gateway FSE.`;
}

export interface GatewayRuntime {
  /** The outbox's gateway: calls wait for the simulator to be up; not configured → GATEWAY_UNAVAILABLE. */
  readonly gateway: OutboxGateway;
  connection(): GatewayConnection;
  /** The built-in simulator once started (sandbox only). */
  simulator(): Promise<GatewaySimulator | undefined>;
  close(): Promise<void>;
}

/**
 * The CDA validator, CDA reader and PAdES verifier of `cartella gateway-sim`, loaded on the
 * first document; the first two run in the validation worker (no request blocks the
 * simulator's event loop).
 */
export function lazySimulatorChecks(): Pick<SimulatorOptions, 'validateCda' | 'readCda' | 'checkSignature' | 'disposeChecks'> {
  let docs: Promise<WorkerDocumentChecks | undefined> | undefined;
  let sig: Promise<PdfSignatureCheck | undefined> | undefined;
  return {
    validateCda: async (xml) => {
      const checks = await (docs ??= workerDocumentChecks());
      return checks ? checks.validateCda(xml) : { valid: true, issues: [] };
    },
    readCda: async (pdf, mode) => {
      const checks = await (docs ??= workerDocumentChecks());
      return (checks?.readCda ?? (await import('../gateway/simulator/request-body.ts')).inProcessCdaReader)(pdf, mode);
    },
    checkSignature: async (pdf) => {
      const check = (await (sig ??= loadPdfSignatureCheck())) ?? structuralSignatureCheck;
      return check(pdf);
    },
    disposeChecks: async () => (await docs)?.close(),
  };
}

/** The built-in simulator as the sandbox runs it: 127.0.0.1, a free port, real checks. */
export async function startSandboxSimulator(extra: Partial<SimulatorOptions> = {}): Promise<GatewaySimulator> {
  const { startGatewaySimulator } = await import('../gateway/simulator/simulator.ts');
  return startGatewaySimulator({ host: '127.0.0.1', port: 0, seed: 1, ...lazySimulatorChecks(), ...extra });
}

/**
 * The HTTP client and the simulator (undici, jose, openapi-backend) are loaded when the outbox
 * first talks to a gateway, not at start-up: the first page needs neither.
 */
async function gatewayClient(options: GatewayClientOptions): Promise<GatewayClient> {
  const { GatewayClient } = await import('../gateway/client/client.ts');
  return new GatewayClient(options);
}

async function sandboxClient(baseUrl: string, timeoutMs: number, identity?: GatewayIdentity, signature?: StoredGatewayCertificate): Promise<GatewayClient> {
  const { SANDBOX_IDENTITY, ephemeralSignatureCredential } = await import('../gateway/dev-credentials.ts');
  return gatewayClient({
    environment: 'simulator',
    baseUrl,
    signature: signature ? { certPem: signature.certPem, keyPem: signature.keyPem } : ephemeralSignatureCredential(),
    identity: identity ?? SANDBOX_IDENTITY,
    timeoutMs,
  });
}

const NOT_CONFIGURED = 'Gateway FSE non configurato: i documenti restano in coda finché non si configura il gateway in Impostazioni (certificati di autenticazione e di firma).';

function unavailable(): never {
  throw new AppError('GATEWAY_UNAVAILABLE', 'No gateway configured');
}

const notConfiguredGateway: OutboxGateway = {
  validate: async () => unavailable(),
  create: async () => unavailable(),
  replace: async () => unavailable(),
  updateMetadata: async () => unavailable(),
  delete: async () => unavailable(),
  validateAndCreate: async () => unavailable(),
  validateAndReplace: async () => unavailable(),
  statusByWorkflowInstanceId: async () => unavailable(),
  statusByTraceId: async () => unavailable(),
  health: async () => false,
};

/** An OutboxGateway whose calls wait for the client (the simulator starting, the key being made). */
function deferred(ready: () => Promise<GatewayClient>): OutboxGateway {
  const on =
    (k: Exclude<keyof OutboxGateway, 'health'>) =>
    async (...a: unknown[]): Promise<unknown> => {
      const c = await ready();
      return (c[k] as (...x: unknown[]) => Promise<unknown>).apply(c, a);
    };
  const g = {
    validate: on('validate'),
    create: on('create'),
    replace: on('replace'),
    updateMetadata: on('updateMetadata'),
    delete: on('delete'),
    validateAndCreate: on('validateAndCreate'),
    validateAndReplace: on('validateAndReplace'),
    statusByWorkflowInstanceId: on('statusByWorkflowInstanceId'),
    statusByTraceId: on('statusByTraceId'),
    health: async () => {
      try {
        return await (await ready()).health();
      } catch {
        return false;
      }
    },
  };
  return g as unknown as OutboxGateway;
}

export function createGatewayRuntime(o: {
  sandbox: boolean;
  stored: StoredGatewaySettings | undefined;
  logger: Logger;
  envUrl?: string | undefined;
  timeoutMs?: number;
  ledgerFile?: string;
  /** The imported certificates (required for validation/production). */
  credentials?: GatewayCredentials;
}): GatewayRuntime {
  const timeoutMs = o.timeoutMs ?? 15_000;
  const creds = o.credentials ?? {};
  const external = o.envUrl || (o.stored?.environment === 'simulator' ? o.stored.baseUrl : undefined);
  if (external) {
    if (!/^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//.test(external)) o.logger.warn('outbox: external simulator URL is not on this machine');
    // The stored identity (and the imported signature certificate) when configured in Impostazioni.
    const fromSettings = !o.envUrl;
    const ready = Promise.resolve().then(() => sandboxClient(external, timeoutMs, fromSettings ? o.stored?.identity : undefined, fromSettings ? creds.signature : undefined));
    ready.catch(() => undefined);
    return {
      gateway: deferred(() => ready),
      connection: () => ({ mode: 'simulator', url: external }),
      simulator: async () => undefined,
      async close() {
        await (await ready.catch(() => undefined))?.close();
      },
    };
  }
  const env = o.stored?.environment;
  if (env === 'validation' || env === 'production') {
    const missing = missingForRealGateway(o.stored, creds);
    const identity = o.stored?.identity;
    if (missing.length > 0 || !identity || !creds.auth || !creds.signature) {
      return { gateway: notConfiguredGateway, connection: () => ({ mode: 'not-configured', reason: notConfiguredReason(missing) }), simulator: async () => undefined, close: async () => undefined };
    }
    const url = o.stored?.baseUrl ?? GATEWAY_BASE_URLS[env];
    const { auth, signature } = creds;
    const ready = import('../gateway/credentials/trust.ts').then(
      ({ gatewayTrust }) =>
        gatewayClient({
          environment: env,
          baseUrl: url,
          // Our certificate with its chain (leaf first); the server is trusted only when its
          // chain ends at a public root or at the Ministero CA of this environment.
          tls: { cert: [auth.certPem, ...auth.chainPem].join('\n'), key: auth.keyPem, ca: gatewayTrust(env) },
          signature: { certPem: signature.certPem, keyPem: signature.keyPem },
          identity,
          timeoutMs,
        }),
    );
    ready.catch((e: unknown) => o.logger.error('Gateway client not created', { error: String(e) }));
    return {
      gateway: deferred(() => ready),
      connection: () => ({ mode: env, url }),
      simulator: async () => undefined,
      async close() {
        await (await ready.catch(() => undefined))?.close();
      },
    };
  }
  if (!o.sandbox && env !== 'sandbox') {
    return { gateway: notConfiguredGateway, connection: () => ({ mode: 'not-configured', reason: NOT_CONFIGURED }), simulator: async () => undefined, close: async () => undefined };
  }
  // Started on first use (the scheduler's first call, or a test asking for it): the CLI opens
  // the same services only to read the database and never starts it.
  let url: string | undefined;
  let sim: Promise<GatewaySimulator> | undefined;
  let client: Promise<GatewayClient> | undefined;
  const ensure = (): Promise<GatewayClient> => {
    if (!client) {
      sim = startSandboxSimulator(o.ledgerFile ? { ledgerFile: o.ledgerFile } : {}).then((s) => {
        url = s.url;
        o.logger.info('Gateway simulator started (sandbox)', { port: s.port });
        return s;
      });
      client = sim.then((s) => sandboxClient(s.url, timeoutMs));
      client.catch((e: unknown) => o.logger.error('Gateway simulator did not start', { error: String(e) }));
    }
    return client;
  };
  return {
    gateway: deferred(ensure),
    connection: () => ({ mode: 'sandbox', ...(url ? { url } : {}) }),
    simulator: async () => {
      await ensure().catch(() => undefined);
      return sim?.catch(() => undefined);
    },
    async close() {
      await (await client?.catch(() => undefined))?.close();
      await (await sim?.catch(() => undefined))?.close();
    },
  };
}
