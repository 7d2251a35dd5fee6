/**
 * The doctor's authentication certificate is refused by the gateway (here: issued by another
 * CA), over real mTLS to the simulator in the 'validation' environment: the queued document
 * waits with "problema di certificato" (not "rete non disponibile"), the outbox stays online,
 * and as soon as the right certificate is imported the document is published — without
 * waiting for its backoff (10 minutes here) and without a restart.
 *
 * The server's CA is trusted the way the app trusts the Ministero CA: a file in
 * resources/gateway/ca (a copy of the resources in a temporary folder, CARTELLA_GATEWAY_RESOURCES).
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_IDENTITY } from '../../../electron/services/gateway/dev-credentials.ts';
import { startGatewaySimulator, type GatewaySimulator } from '../../../electron/services/gateway/simulator/simulator.ts';
import { lazySimulatorChecks } from '../../../electron/services/outbox/sandbox-gateway.ts';
import { createTestToken, testTokenUnavailableReason } from '../../../electron/services/signing/test-token.ts';
import type { GatewayIdentity } from '../../../shared/api/gateway-settings.ts';
import type { AppContract } from '../../../shared/api/index.ts';
import { createClient, inProcessTransport, type RpcClient } from '../../../shared/rpc/index.ts';
import { makeOpensslPki, type OpensslPki } from '../../helpers/openssl-pki.ts';
import { untilEntry } from '../../helpers/outbox-until.ts';
import { PSS_METADATA, signedPss } from '../../helpers/signed-pss.ts';
import { tempServices } from '../../helpers/temp-services.ts';

const SKIP = testTokenUnavailableReason();
if (SKIP) console.warn(`SKIPPED certificate recovery: ${SKIP}`);
const ENV = { CARTELLA_OUTBOX_RETRY_BASE_MS: '600000', CARTELLA_OUTBOX_PROBE_MS: '100', CARTELLA_OUTBOX_POLL_MS: '30' };
const IDENTITY: GatewayIdentity = { ...SANDBOX_IDENTITY, locality: { ...SANDBOX_IDENTITY.locality, catalogOid: '2.16.840.1.113883.2.9.4.1.3' } };

let pki: OpensslPki;
let sim: GatewaySimulator;
let services: Awaited<ReturnType<typeof tempServices>>;
let rpc: RpcClient<AppContract>;
const dirs: string[] = [];

beforeAll(async () => {
  if (SKIP) return;
  pki = makeOpensslPki();
  const resources = mkdtempSync(join(tmpdir(), 'cartella-gw-resources-'));
  const tokenDir = mkdtempSync(join(tmpdir(), 'cartella-cert-token-'));
  dirs.push(resources, tokenDir);
  cpSync('resources/gateway', resources, { recursive: true });
  writeFileSync(join(resources, 'ca', 'validation-test-ca.pem'), pki.ca);
  Object.assign(process.env, ENV, { CARTELLA_GATEWAY_RESOURCES: resources, CARTELLA_SANDBOX_TOKEN_DIR: tokenDir });
  createTestToken(tokenDir);
  sim = await startGatewaySimulator({ host: '127.0.0.1', port: 0, seed: 5, tls: { cert: pki.server.cert, key: pki.server.key, ca: pki.ca }, jwtCaPems: [pki.ca], ...lazySimulatorChecks() });
  services = await tempServices();
  await services.outbox.start();
  rpc = createClient<AppContract>(inProcessTransport(services.dispatcher, services.events, { actor: 'cert-test', transport: 'in-process' }));
}, 180_000);

afterAll(async () => {
  await services?.dispose();
  await sim?.close();
  pki?.dispose();
  for (const k of [...Object.keys(ENV), 'CARTELLA_GATEWAY_RESOURCES', 'CARTELLA_SANDBOX_TOKEN_DIR']) delete process.env[k];
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});


describe('a refused authentication certificate', () => {
  it.skipIf(Boolean(SKIP))('waits as a certificate problem, online; importing the right one publishes at once', async () => {
    const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
    const [doc] = await signedPss(rpc, 1, 808);
    await rpc.call('gatewayCertificates.import', { kind: 'auth', p12Base64: b64(pki.otherAuth.p12), password: pki.p12Password });
    await rpc.call('gatewayCertificates.import', { kind: 'signature', p12Base64: b64(pki.signature.p12), password: pki.p12Password });
    const settings = await rpc.call('gatewaySettings.set', { environment: 'validation', baseUrl: sim.url, identity: IDENTITY });
    expect(settings.configured).toBe(true);

    const e = await rpc.call('outbox.enqueue', { pdfBase64: doc!.pdf, metadata: PSS_METADATA, title: doc!.title });
    const waiting = await untilEntry(rpc, e.id, (x) => x.state === 'waiting_retry');
    expect(waiting.lastError).toBe('certificate');
    expect(waiting.lastErrorText).toMatch(/problema di certificato: verificare in Impostazioni → Gateway FSE/);
    expect(waiting.nextAttemptAt! - Date.now()).toBeGreaterThan(0);
    const summary = await rpc.call('outbox.summary', {});
    expect(summary.online).toBe(true);
    expect(sim.ledger.publications(e.identificativoDoc)).toBe(0);

    await rpc.call('gatewayCertificates.import', { kind: 'auth', p12Base64: b64(pki.auth.p12), password: pki.p12Password });
    await rpc.call('outbox.summary', {}); // as the Coda di invio page does: the gateway is rebuilt from the new certificates
    const done = await untilEntry(rpc, e.id, (x) => x.state === 'published', 20_000);
    expect(done.state).toBe('published');
    expect(sim.ledger.publications(e.identificativoDoc)).toBe(1);
  }, 180_000);
});
