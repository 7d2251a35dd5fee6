/**
 * Impostazioni → Gateway FSE over the contract, in process and over the node host (the
 * transports of tests/contract/transports.ts, with the outbox started as a host does). The
 * real gateway without certificates is "not configured" with the reason in Italian and nothing
 * is sent; switching to an external simulator (started here on 127.0.0.1) with the sandbox
 * identity publishes the queued signed PSS without a restart; a wrong codice fiscale of the
 * doctor is refused with CODICE_FISCALE_INVALID.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_IDENTITY } from '../../electron/services/gateway/dev-credentials.ts';
import { startGatewaySimulator, type GatewaySimulator } from '../../electron/services/gateway/simulator/simulator.ts';
import { lazySimulatorChecks } from '../../electron/services/outbox/sandbox-gateway.ts';
import type { GatewayIdentity } from '../../shared/api/gateway-settings.ts';
import { untilEntry } from '../helpers/outbox-until.ts';
import { rejection } from '../helpers/rejection.ts';
import { testTokenSkip, TOKEN_TIMEOUT, useSandboxToken } from '../helpers/sign-and-publish.ts';
import { PSS_METADATA, signedPss } from '../helpers/signed-pss.ts';
import { inProcess, overNodeHost, type ContractFixture } from './transports.ts';

const { skip: SKIP } = testTokenSkip('gateway settings publication tests');

const IDENTITY: GatewayIdentity = {
  ...SANDBOX_IDENTITY,
  locality: { ...SANDBOX_IDENTITY.locality, catalogOid: '2.16.840.1.113883.2.9.4.1.3' },
};

useSandboxToken('cartella-gateway-settings-', SKIP);
// The real gateway's URL from the environment would override the settings under test.
let savedGatewayUrl: string | undefined;
beforeAll(() => {
  savedGatewayUrl = process.env['CARTELLA_GATEWAY_URL'];
  delete process.env['CARTELLA_GATEWAY_URL'];
});
afterAll(() => {
  if (savedGatewayUrl !== undefined) process.env['CARTELLA_GATEWAY_URL'] = savedGatewayUrl;
});

describe.each([
  ['in-process', inProcess],
  ['node host', overNodeHost],
] as const)('gateway settings (%s)', (name, open) => {
  let f: ContractFixture;
  let sim: GatewaySimulator;
  beforeAll(async () => {
    f = await open({ outbox: true });
    sim = await startGatewaySimulator({ host: '127.0.0.1', port: 0, seed: 2, ...lazySimulatorChecks() });
  }, 60_000);
  afterAll(async () => {
    await f?.dispose();
    await sim?.close();
  });

  it('a wrong codice fiscale of the doctor is refused with CODICE_FISCALE_INVALID; a simulator needs its URL', async () => {
    const bad = await rejection(f.client.call('gatewaySettings.set', { environment: 'validation', identity: { ...IDENTITY, subjectFiscalCode: 'RSSMRA80A01H501X' } }));
    expect(bad.code).toBe('CODICE_FISCALE_INVALID');
    expect((bad.data as { reason: string }).reason).toBe('check-character');
    const noUrl = await rejection(f.client.call('gatewaySettings.set', { environment: 'simulator', identity: IDENTITY }));
    expect(noUrl.code).toBe('INVALID_INPUT');
    const role = await rejection(f.client.call('gatewaySettings.set', { environment: 'validation', identity: { ...IDENTITY, subjectRole: 'XYZ' as never } }));
    expect(role.code).toBe('INVALID_INPUT');
  });

  it('validation without certificates: not configured, with the reason in Italian; nothing is sent', async () => {
    const v = await f.client.call('gatewaySettings.set', { environment: 'validation', identity: IDENTITY });
    expect(v.configured).toBe(false);
    expect(v.certificates).toEqual({ auth: false, signature: false });
    expect(v.missing.join(' ')).toMatch(/certificato di autenticazione/);
    expect(v.effectiveBaseUrl).toBe('https://modipa-val.fse.salute.gov.it/govway/rest/in/FSE/gateway/v1');
    const s = await f.client.call('outbox.summary', {});
    expect(s.gateway.mode).toBe('not-configured');
    expect(s.gateway.reason).toMatch(/non configurato.*certificato di autenticazione.*certificato di firma/);
    expect(s.online).toBe(false);
  });

  it.skipIf(Boolean(SKIP))(
    'switching to an external simulator with the sandbox identity publishes the queued signed PSS (no restart)',
    async () => {
      const [doc] = await signedPss(f.client, 1, name === 'in-process' ? 21 : 22);
      const e = await f.client.call('outbox.enqueue', { pdfBase64: doc!.pdf, metadata: PSS_METADATA, title: doc!.title });
      await new Promise((r) => setTimeout(r, 400));
      expect((await f.client.call('outbox.list', {})).find((x) => x.id === e.id)?.state).toBe('queued');
      expect(sim.ledger.publications(e.identificativoDoc)).toBe(0);

      const v = await f.client.call('gatewaySettings.set', { environment: 'simulator', baseUrl: sim.url, identity: IDENTITY });
      expect(v).toMatchObject({ environment: 'simulator', configured: true, missing: [], effectiveBaseUrl: sim.url });
      expect((await f.client.call('gatewaySettings.get', {})).identity?.subjectFiscalCode).toBe(IDENTITY.subjectFiscalCode);
      const s = await f.client.call('outbox.summary', {});
      expect(s.gateway).toMatchObject({ mode: 'simulator', url: sim.url });
      const done = await untilEntry(f.client, e.id, (x) => x.state === 'published');
      expect(done.state).toBe('published');
      expect(sim.ledger.publications(e.identificativoDoc)).toBe(1);
    },
    TOKEN_TIMEOUT,
  );
});
