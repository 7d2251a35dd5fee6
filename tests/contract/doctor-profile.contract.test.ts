/**
 * profile.get / profile.set: who writes the documents. In the sandbox the synthetic doctor
 * stands in; a saved profile is what the PSS header carries (author = legalAuthenticator with
 * the codice fiscale, organisation, custodian); outside the sandbox no PSS is built without one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeServices } from '../../electron/node-host/node-services.ts';
import { createLogger } from '../../electron/services/logging/logger.ts';
import type { AppContract } from '../../shared/api/index.ts';
import type { DoctorProfile } from '../../shared/api/profile.ts';
import { encodeCodiceFiscale } from '../../shared/domain/codice-fiscale.ts';
import { createClient, inProcessTransport, type RpcClient } from '../../shared/rpc/index.ts';
import { syntheticPatients } from '../../shared/synthetic/patients.ts';
import { transports, type ContractFixture } from './transports.ts';
import { rejection } from '../helpers/rejection.ts';

// A synthetic doctor (not the sandbox one).
const PROFILE: DoctorProfile = {
  author: {
    codiceFiscale: encodeCodiceFiscale({ surname: 'Bianchi', givenName: 'Laura', birthDate: '1975-06-15', sex: 'F', belfiore: 'F205' }),
    givenName: 'Laura', surname: 'Bianchi', prefix: 'Dott.ssa', role: 'PLS', phone: '02 5550199',
  },
  organization: { aslCode: '030301', name: 'ATS Città Metropolitana di Milano', regionCode: '030' },
  custodian: { idRoot: '2.16.840.1.113883.2.9.4.1.1', id: '030301', name: 'ATS Città Metropolitana di Milano' },
};


describe.each(transports)('doctor profile over %s (sandbox)', (_name, make) => {
  let f: ContractFixture;
  beforeAll(async () => { f = await make(); }, 60_000);
  afterAll(() => f.dispose());

  it('the sandbox doctor stands in; a saved profile is what the PSS header carries', async () => {
    const before = await f.client.call('profile.get', {});
    expect(before).toMatchObject({ saved: null, sandbox: true, effective: { author: { surname: 'Rossi' } } });

    const wrong = structuredClone(PROFILE);
    wrong.author.codiceFiscale = `${PROFILE.author.codiceFiscale.slice(0, 15)}${PROFILE.author.codiceFiscale.endsWith('A') ? 'B' : 'A'}`;
    const e = await rejection(f.client.call('profile.set', wrong));
    expect(e.code).toBe('CODICE_FISCALE_INVALID');
    expect(e.data).toMatchObject({ reason: 'check-character', expected: PROFILE.author.codiceFiscale.at(-1) });
    const e2 = await rejection(f.client.call('profile.set', { ...PROFILE, organization: { ...PROFILE.organization, aslCode: '12' } }));
    expect(e2.code).toBe('INVALID_INPUT');
    expect(JSON.stringify(e2.data)).toContain('organization.aslCode');
    const e3 = await rejection(f.client.call('profile.set', { ...PROFILE, author: { ...PROFILE.author, phone: undefined } }));
    expect(e3.code).toBe('INVALID_INPUT');
    expect(JSON.stringify(e3.data)).toContain('author.contact');
    expect((await f.client.call('profile.get', {})).saved).toBeNull();

    await f.client.call('profile.set', PROFILE);
    expect(await f.client.call('profile.get', {})).toMatchObject({ saved: PROFILE, effective: PROFILE });
    const patient = await f.client.call('patients.create', syntheticPatients({ count: 1, seed: 77 })[0]!);
    const { cda } = await f.client.call('pss.preview', { patientId: patient.id, pdf: false });
    const header = cda.slice(0, cda.indexOf('<component>'));
    for (const part of ['author', 'legalAuthenticator']) {
      const block = header.slice(header.indexOf(`<${part}>`), header.indexOf(`</${part}>`));
      expect(block).toContain(`extension="${PROFILE.author.codiceFiscale}"`);
      expect(block).toContain('Bianchi');
    }
    expect(header).toContain('ATS Città Metropolitana di Milano');
    expect(header).not.toContain('Rossi</family>');
  }, 60_000);
});

describe('doctor profile outside the sandbox', () => {
  let dataDir: string;
  let services: Awaited<ReturnType<typeof createNodeServices>>;
  let client: RpcClient<AppContract>;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cartella-test-'));
    services = await createNodeServices({ dataDir, runtime: 'in-process', sandbox: false, logger: createLogger({ level: 'silent' }) });
    client = createClient<AppContract>(inProcessTransport(services.dispatcher, services.events, { actor: 'contract', transport: 'in-process' }));
  }, 60_000);
  afterAll(async () => {
    await services.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('no PSS is written for an unknown author; once the profile is saved it is', async () => {
    expect(await client.call('profile.get', {})).toEqual({ saved: null, effective: null, sandbox: false });
    const patient = await client.call('patients.create', syntheticPatients({ count: 1, seed: 78 })[0]!);
    const e = await rejection(client.call('pss.preview', { patientId: patient.id, pdf: false }));
    expect(e.code).toBe('NOT_FOUND');
    expect(e.data).toMatchObject({ entity: 'doctorProfile' });
    await client.call('profile.set', PROFILE);
    expect((await client.call('pss.preview', { patientId: patient.id, pdf: false })).cda).toContain(PROFILE.author.codiceFiscale);
  }, 60_000);
});
