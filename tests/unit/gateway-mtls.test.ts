/**
 * The real-gateway path ('validation' environment) over real TLS on 127.0.0.1, against the
 * gateway simulator serving HTTPS and demanding a client certificate issued by a test CA made
 * here with the `openssl` CLI. The authentication and signature certificates are .p12 files
 * imported through `gatewayCertificates.import` into the encrypted database, and read back
 * with `loadGatewayCertificate` as the outbox does; the simulator verifies both JWTs against
 * the same test CA.
 *
 * Happy path: validate + publish a freshly signed PSS (PAdES with the sandbox test token), read
 * its status, find it once in the simulator ledger. Refusals, each a CERTIFICATE_INVALID with an
 * Italian explanation: no client certificate, one from another CA, an expired one (by our own
 * check, and by the server when our clock is wrong), a server certificate not trusted (also
 * through the outbox's own builder, which passes no server CA — see the report).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFromArgs } from '../../electron/cli/commands/gateway-sim.ts';
import { GatewayCallError, GatewayClient, factsFromPdf, sha256Hex, type GatewayClientOptions } from '../../electron/services/gateway/client/client.ts';
import { probeClientCertificate } from '../../electron/services/gateway/client/tls-diagnosis.ts';
import { loadGatewayCertificate, type StoredGatewayCertificate } from '../../electron/services/gateway/credentials/gateway-certificates.ts';
import { startGatewaySimulator, type GatewaySimulator } from '../../electron/services/gateway/simulator/simulator.ts';
import { createGatewayRuntime, lazySimulatorChecks } from '../../electron/services/outbox/sandbox-gateway.ts';
import { createLogger } from '../../electron/services/logging/logger.ts';
import { NETWORK_KINDS, failureOf, lastErrorOf } from '../../electron/services/outbox/gateway-port.ts';
import { decide } from '../../shared/outbox/retry.ts';
import { createTestToken, testTokenUnavailableReason } from '../../electron/services/signing/test-token.ts';
import type { GatewayIdentity } from '../../shared/api/gateway-settings.ts';
import type { AppContract } from '../../shared/api/index.ts';
import { createClient, inProcessTransport, type RpcClient } from '../../shared/rpc/index.ts';
import { makeOpensslPki, type OpensslPki } from '../helpers/openssl-pki.ts';
import { PSS_METADATA, signedPss } from '../helpers/signed-pss.ts';
import { tempServices } from '../helpers/temp-services.ts';

const TOKEN_SKIP = testTokenUnavailableReason();
if (TOKEN_SKIP) console.warn(`SKIPPED mTLS publication of a signed PSS: ${TOKEN_SKIP}`);

/** A synthetic MMG in Lazio (valid check character; not a real person). */
const IDENTITY: GatewayIdentity = {
  subjectFiscalCode: 'RSSMRA80A01H501U',
  subjectRole: 'APR',
  subjectOrganizationId: '120',
  locality: { name: 'STUDIO MEDICO PROVA', catalogOid: '2.16.840.1.113883.2.9.4.1.3', code: '120201234567' },
  application: { id: 'CARTELLA', vendor: 'CARTELLA', version: '0.1.0' },
};

async function rejection(p: Promise<unknown>): Promise<GatewayCallError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof GatewayCallError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

let pki: OpensslPki;
let services: Awaited<ReturnType<typeof tempServices>>;
let rpc: RpcClient<AppContract>;
let auth: StoredGatewayCertificate;
let signature: StoredGatewayCertificate;
let sim: GatewaySimulator;
let tokenDir = '';
const clients: GatewayClient[] = [];

/** The client as the outbox builds it for 'validation' (sandbox-gateway.ts), plus the server CA. */
function validationClient(over: Partial<GatewayClientOptions> = {}, url = sim.url): GatewayClient {
  const c = new GatewayClient({
    environment: 'validation',
    baseUrl: url,
    tls: { cert: auth.certPem, key: auth.keyPem, ca: pki.ca },
    signature: { certPem: signature.certPem, keyPem: signature.keyPem },
    identity: IDENTITY,
    timeoutMs: 10_000,
    ...over,
  });
  clients.push(c);
  return c;
}

beforeAll(async () => {
  pki = makeOpensslPki();
  if (!TOKEN_SKIP) {
    tokenDir = mkdtempSync(join(tmpdir(), 'cartella-mtls-token-'));
    process.env['CARTELLA_SANDBOX_TOKEN_DIR'] = tokenDir;
    createTestToken(tokenDir);
  }
  services = await tempServices();
  rpc = createClient<AppContract>(inProcessTransport(services.dispatcher, services.events, { actor: 'mtls-test', transport: 'in-process' }));
  // The .p12 files as the doctor imports them (Impostazioni → Gateway FSE).
  const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
  const a = await rpc.call('gatewayCertificates.import', { kind: 'auth', p12Base64: b64(pki.auth.p12), password: pki.p12Password });
  const s = await rpc.call('gatewayCertificates.import', { kind: 'signature', p12Base64: b64(pki.signature.p12), password: pki.p12Password });
  expect(a.subject).toContain('A1#MEDICO PROVA');
  expect(s.subject).toContain('S1#MEDICO PROVA');
  expect(a.issuer).toContain('CA PROVA CARTELLA');
  auth = (await loadGatewayCertificate(services.db, 'auth'))!;
  signature = (await loadGatewayCertificate(services.db, 'signature'))!;
  expect(auth.chainPem).toHaveLength(1); // the CA came along in the .p12
  sim = await startGatewaySimulator({
    host: '127.0.0.1',
    port: 0,
    seed: 11,
    tls: { cert: pki.server.cert, key: pki.server.key, ca: pki.ca },
    jwtCaPems: [pki.ca],
    ...lazySimulatorChecks(),
  });
}, 180_000);

afterAll(async () => {
  for (const c of clients) await c.close().catch(() => undefined);
  await sim?.close();
  await services?.dispose();
  pki?.dispose();
  delete process.env['CARTELLA_SANDBOX_TOKEN_DIR'];
  if (tokenDir) rmSync(tokenDir, { recursive: true, force: true });
});

describe('real-gateway path over mTLS (validation environment, test CA)', () => {
  it.skipIf(Boolean(TOKEN_SKIP))('validates and publishes a signed PSS, reads its status; the simulator ledger has it once', async () => {
    const [doc] = await signedPss(rpc, 1, 606);
    const pdf = new Uint8Array(Buffer.from(doc!.pdf, 'base64'));
    const facts = await factsFromPdf(pdf, 'ATTACHMENT');
    const jwtFacts = { patient: facts.patient, documentCode: facts.documentCode };
    const client = validationClient();
    expect(client.baseUrl).toBe(sim.url);
    expect(sim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/v1$/);

    const v = await client.validate({ pdf, body: { activity: 'VALIDATION', mode: 'ATTACHMENT', healthDataFormat: 'CDA' }, facts: jwtFacts });
    expect(v.httpStatus).toBe(201);
    expect(v.workflowInstanceId).toMatch(/\^\^\^\^urn:ihe:iti:xdw:2013:workflowInstanceId$/);

    const identificativoDoc = '2.16.840.1.113883.2.9.2.120.4.4^MTLS0001';
    const body = { ...PSS_METADATA, identificativoDoc, workflowInstanceId: v.workflowInstanceId } as Parameters<GatewayClient['create']>[0]['body'];
    const created = await client.create({ pdf, body, facts: jwtFacts });
    expect(created.httpStatus).toBe(202);
    expect(created.workflowInstanceId).toBe(v.workflowInstanceId);

    const status = await client.statusByWorkflowInstanceId(v.workflowInstanceId!);
    expect(status.transactionData.map((e) => `${e.eventType}:${e.eventStatus}`)).toEqual(expect.arrayContaining(['VALIDATION:SUCCESS', 'PUBLICATION:SUCCESS', 'SEND_TO_INI:SUCCESS']));
    const publication = status.transactionData.find((e) => e.eventType === 'PUBLICATION');
    expect(publication?.identificativoDocumento).toBe(identificativoDoc);
    // The JWT issuer is the CN of the imported signature certificate.
    expect(publication?.issuer).toBe('integrity:S1#MEDICO PROVA');
    const byTrace = await client.statusByTraceId(created.traceID!);
    expect(byTrace.transactionData.some((e) => e.eventType === 'PUBLICATION')).toBe(true);

    expect(sim.ledger.publications(identificativoDoc)).toBe(1);
    const entry = sim.ledger.entries.find((e) => e.identificativoDoc === identificativoDoc);
    expect(entry).toMatchObject({ op: 'create', outcome: 'published', workflowInstanceId: v.workflowInstanceId, attachmentHash: sha256Hex(pdf) });
    expect(sim.calls.get('validate')).toBeGreaterThanOrEqual(1);
    expect(sim.calls.get('create_1')).toBe(1);
  }, 180_000);

  it('the mTLS connection is real: the server asks for and gets the A1# certificate; without it the handshake is refused', async () => {
    const url = new URL(sim.url);
    const handshake = (o: { cert?: string; key?: string }) =>
      new Promise<{ protocol: string | null; alert?: string; closedBeforeData: boolean }>((resolve) => {
        const s = connect({ host: '127.0.0.1', port: Number(url.port), ca: pki.ca, servername: 'localhost', ...o });
        let alert: string | undefined;
        let protocol: string | null = null;
        s.once('secureConnect', () => {
          protocol = s.getProtocol();
          s.write('GET /v1/status HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
        });
        let data = '';
        s.on('data', (d) => (data += String(d)));
        s.on('error', (e: NodeJS.ErrnoException) => (alert = e.code));
        s.on('close', () => resolve({ protocol, ...(alert ? { alert } : {}), closedBeforeData: data === '' }));
      });
    const ok = await handshake({ cert: auth.certPem, key: auth.keyPem });
    expect(ok.protocol).toBe('TLSv1.3');
    expect(ok.closedBeforeData).toBe(false);
    const none = await handshake({});
    expect(none.closedBeforeData).toBe(true);
    expect(none.alert).toBe('ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED');
  });

  it('no client certificate: refused in the handshake → CERTIFICATE_INVALID, “richiede il certificato di autenticazione”', async () => {
    const client = validationClient({ tls: { ca: pki.ca } });
    const e = await rejection(client.statusByTraceId('0123456789abcdef'));
    expect(e.code).toBe('CERTIFICATE_INVALID');
    expect(e.failure).toEqual({ kind: 'network', code: 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED' });
    expect(e.spiegazione).toMatch(/^Il gateway richiede il certificato di autenticazione \(mTLS\), che non è stato presentato/);
    expect(await client.health()).toBe(false);
  });

  it('a client certificate from another CA: refused → CERTIFICATE_INVALID, “ha rifiutato il certificato di autenticazione”', async () => {
    const client = validationClient({ tls: { cert: pki.otherAuth.cert, key: pki.otherAuth.key, ca: pki.ca } });
    const e = await rejection(client.statusByTraceId('0123456789abcdef'));
    expect(e.code).toBe('CERTIFICATE_INVALID');
    expect(e.failure.kind).toBe('network');
    expect(e.spiegazione).toMatch(/^Il gateway ha rifiutato il certificato di autenticazione \(mTLS\)/);
    expect(sim.ledger.entries.filter((x) => x.identificativoDoc.includes('OTHERCA'))).toEqual([]);
    // The outbox sees a certificate problem, not a network one: it stays online, names the
    // place to fix it, retries (at once when the certificates change).
    const f = failureOf(e);
    expect(f.kind).toBe('certificate');
    expect(NETWORK_KINDS.has(f.kind)).toBe(false);
    expect(lastErrorOf(f)).toBe('certificate');
    expect(decide(f, 1, () => 0.5)).toMatchObject({ action: 'retry', reason: expect.stringContaining('Impostazioni → Gateway FSE') });
  });

  it('an expired client certificate: refused before sending, with its date (a wrong clock too); the server refuses it by itself', async () => {
    const expired = validationClient({ tls: { cert: pki.expiredAuth.cert, key: pki.expiredAuth.key, ca: pki.ca } });
    const before = sim.calls.get('getEventsByTraceId') ?? 0;
    const e = await rejection(expired.statusByTraceId('0123456789abcdef'));
    expect(e.code).toBe('CERTIFICATE_INVALID');
    expect(e.failure).toEqual({ kind: 'network', code: 'CERT_HAS_EXPIRED' });
    expect(e.spiegazione).toBe('Il certificato di autenticazione (mTLS) è scaduto il 01/02/2020: importarne uno valido in Impostazioni → Gateway FSE. Nessun dato è stato inviato al gateway.');
    // A computer whose clock says January 2020: the signature certificate is then not yet valid.
    const skewed = validationClient({ tls: { cert: pki.expiredAuth.cert, key: pki.expiredAuth.key, ca: pki.ca }, now: () => Date.parse('2020-01-15T10:00:00Z') });
    const s = await rejection(skewed.statusByTraceId('0123456789abcdef'));
    expect(s.code).toBe('CERTIFICATE_INVALID');
    expect(s.spiegazione).toMatch(/^Il certificato di firma \(JWT\) è valido solo dal \d\d\/\d\d\/20\d\d: controllare la data del computer/);
    // The server refuses the expired certificate by itself (the client's probe of a refusal).
    const refused = await probeClientCertificate(new URL(sim.url), { cert: pki.expiredAuth.cert, key: pki.expiredAuth.key, ca: pki.ca });
    expect(refused).toMatchObject({ kind: 'client-cert-refused' });
    expect(await probeClientCertificate(new URL(sim.url), { cert: auth.certPem, key: auth.keyPem, ca: pki.ca })).toBeUndefined();
    expect(sim.calls.get('getEventsByTraceId') ?? 0).toBe(before); // no request reached the gateway
  });

  it('a server certificate not trusted (another CA, or only the public roots): refused, never silently accepted', async () => {
    const rogue = await startGatewaySimulator({ host: '127.0.0.1', port: 0, tls: { cert: pki.otherServer.cert, key: pki.otherServer.key, ca: pki.ca }, jwtCaPems: [pki.ca] });
    try {
      const e = await rejection(validationClient({}, rogue.url).statusByTraceId('0123456789abcdef'));
      expect(e.code).toBe('CERTIFICATE_INVALID');
      expect(e.failure.kind).toBe('network');
      expect(e.spiegazione).toMatch(/^Il certificato del server del gateway non è attendibile \(emesso da un’autorità di certificazione non riconosciuta\)/);
      expect(rogue.calls.size).toBe(0);
    } finally {
      await rogue.close();
    }
    // No `ca`: Node's public roots do not include the test CA.
    const noCa = validationClient({ tls: { cert: auth.certPem, key: auth.keyPem } });
    const e2 = await rejection(noCa.statusByTraceId('0123456789abcdef'));
    expect(e2.code).toBe('CERTIFICATE_INVALID');
    expect(e2.spiegazione).toMatch(/^Il certificato del server del gateway non è attendibile/);
  });

  it('the outbox’s own builder for validation (sandbox-gateway.ts) trusts only the public roots and the Ministero CA: a server of another CA (the test one) is refused as untrusted', async () => {
    const runtime = createGatewayRuntime({
      sandbox: false,
      stored: { environment: 'validation', baseUrl: sim.url, identity: IDENTITY },
      logger: createLogger({ level: 'silent' }),
      credentials: { auth, signature },
      timeoutMs: 5_000,
    });
    try {
      expect(runtime.connection()).toEqual({ mode: 'validation', url: sim.url });
      const e = await rejection(runtime.gateway.statusByTraceId('0123456789abcdef'));
      expect(e.code).toBe('CERTIFICATE_INVALID');
      expect(e.spiegazione).toMatch(/^Il certificato del server del gateway non è attendibile/);
    } finally {
      await runtime.close();
    }
  });

  it('a JWT signed with a certificate of another CA is refused by the simulator (403 /msg/jwt-validation) over a good mTLS connection', async () => {
    const client = validationClient({ signature: { certPem: pki.otherAuth.cert, keyPem: pki.otherAuth.key } });
    const e = await rejection(client.statusByTraceId('0123456789abcdef'));
    expect(e.code).toBe('GATEWAY_REJECTED');
    expect(e.failure).toMatchObject({ kind: 'http', status: 403, type: '/msg/jwt-validation' });
  });
});

describe('cartella gateway-sim over TLS (--tls-cert --tls-key --client-ca --jwt-ca)', () => {
  it('serves HTTPS with client certificates required, and the JWT CA', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cartella-mtls-cli-'));
    try {
      const f = (name: string, text: string) => (writeFileSync(join(dir, name), text), join(dir, name));
      const cliSim = await startFromArgs(['--port', '0', '--no-validate', '--no-signature-check', '--tls-cert', f('server.pem', pki.server.cert), '--tls-key', f('server.key', pki.server.key), '--client-ca', f('ca.pem', pki.ca), '--jwt-ca', join(dir, 'ca.pem')]);
      try {
        expect(cliSim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/v1$/);
        const good = validationClient({}, cliSim.url);
        const e = await rejection(good.statusByTraceId('0123456789abcdef'));
        expect(e.failure).toMatchObject({ kind: 'http', status: 404, type: '/msg/record-not-found' }); // through TLS and both JWT checks
        expect(await good.health()).toBe(true);
        const none = await rejection(validationClient({ tls: { ca: pki.ca } }, cliSim.url).statusByTraceId('0123456789abcdef'));
        expect(none.code).toBe('CERTIFICATE_INVALID');
        const rogueJwt = await rejection(validationClient({ signature: { certPem: pki.otherAuth.cert, keyPem: pki.otherAuth.key } }, cliSim.url).statusByTraceId('x'));
        expect(rogueJwt.failure).toMatchObject({ kind: 'http', status: 403 });
      } finally {
        await cliSim.close();
      }
      await expect(startFromArgs(['--port', '0', '--tls-cert', 'a', '--tls-key', 'b', '--client-ca', 'c', '--tls-ca', 'c'])).rejects.toThrow(/same option/);
      await expect(startFromArgs(['--port', '0', '--tls-cert', 'a', '--tls-key', 'b'])).rejects.toThrow(/--client-ca go together/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
