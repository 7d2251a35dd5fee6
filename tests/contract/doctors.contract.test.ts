/**
 * Who is working: the titolare and a sostituto, each the author of what they write. A document
 * written by the sostituto names them as author and legal authenticator and the titolare's
 * organisation as custodian, and passes the official XSD and schematrons; every audit entry names
 * the profile at work; outside the sandbox a sostituto outside their period is refused.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeServices } from '../../electron/node-host/node-services.ts';
import { SANDBOX_LOCUM_ID, SANDBOX_PASSPHRASE, TITOLARE_ID } from '../../electron/services/doctors/directory.ts';
import { createLogger } from '../../electron/services/logging/logger.ts';
import type { AppContract } from '../../shared/api/index.ts';
import type { DoctorProfile } from '../../shared/api/profile.ts';
import { encodeCodiceFiscale } from '../../shared/domain/codice-fiscale.ts';
import { addDays } from '../../shared/domain/iso-date.ts';
import { todayIn } from '../../shared/format/clinical-time.ts';
import { createClient, inProcessTransport, type RpcClient } from '../../shared/rpc/index.ts';
import { SANDBOX_DOCTOR, SANDBOX_LOCUM } from '../../shared/synthetic/sandbox-doctor.ts';
import { syntheticPatients } from '../../shared/synthetic/patients.ts';
import { rejection } from '../helpers/rejection.ts';
import { transports, type ContractFixture } from './transports.ts';

const allergy = {
  id: 'ALL-1', source: 'doctor' as const, type: 'DALG' as const,
  agent: { kind: 'atc' as const, code: 'J01CA04', display: 'AMOXICILLINA' },
  reaction: { code: '708.9', display: 'Orticaria non specificata' }, criticality: 'H' as const, status: 'active' as const, onset: '2019-04',
};

/** The header element `name` of a CDA (author, legalAuthenticator, custodian). */
function headerBlock(cda: string, name: string): string {
  const header = cda.slice(0, cda.indexOf('<component>'));
  const start = header.indexOf(`<${name}>`);
  expect(start, `<${name}> in the header`).toBeGreaterThanOrEqual(0);
  return header.slice(start, header.indexOf(`</${name}>`, start));
}

describe.each(transports)('titolare and sostituto over %s (sandbox)', (_name, make) => {
  let f: ContractFixture;
  beforeAll(async () => { f = await make(); }, 60_000);
  afterAll(() => f.dispose());

  it('a PSS written by the sostituto names her as author, the titolare’s organisation as custodian, passes the official schematrons; the audit names who acted', async () => {
    const start = await f.client.call('doctors.list', {});
    expect(start).toMatchObject({ working: TITOLARE_ID, sandbox: true, sandboxPassphrase: SANDBOX_PASSPHRASE });
    expect(start.doctors.map((d) => [d.id, d.kind, d.protected, d.onDutyToday])).toEqual([[TITOLARE_ID, 'titolare', false, true], [SANDBOX_LOCUM_ID, 'sostituto', true, true]]);

    const patient = await f.client.call('patients.create', syntheticPatients({ count: 1, seed: 171 })[0]!);
    await f.client.call('access.openRecord', { patientId: patient.id });

    const wrong = await rejection(f.client.call('doctors.switch', { id: SANDBOX_LOCUM_ID, passphrase: 'sbagliata' }));
    expect(wrong.code).toBe('PASSPHRASE_INCORRECT');
    expect((await f.client.call('doctors.list', {})).working).toBe(TITOLARE_ID);
    expect((await f.client.call('doctors.switch', { id: SANDBOX_LOCUM_ID, passphrase: SANDBOX_PASSPHRASE })).working).toBe(SANDBOX_LOCUM_ID);

    await f.client.call('access.openRecord', { patientId: patient.id });
    await f.client.call('record.upsertEntry', { patientId: patient.id, section: 'allergies', entry: allergy });
    const saved = await f.client.call('pss.saveDraft', { patientId: patient.id });
    expect(saved.draft.authorId).toBe(SANDBOX_LOCUM_ID);
    expect(saved.issues.filter((i) => i.severity === 'error')).toEqual([]);

    const out = await f.client.call('pss.preview', { patientId: patient.id, pdf: false });
    expect(out.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(out.valid).toBe(true);
    for (const part of ['author', 'legalAuthenticator']) {
      const block = headerBlock(out.cda, part);
      expect(block).toContain(`extension="${SANDBOX_LOCUM.codiceFiscale}"`);
      expect(block).toContain(`<family>${SANDBOX_LOCUM.surname}</family>`);
      expect(block).not.toContain(SANDBOX_DOCTOR.codiceFiscale);
    }
    expect(headerBlock(out.cda, 'custodian')).toContain('ASL Roma 1');

    // The record's entry and the access log carry the profile at work (the transport's user apart).
    const record = await f.client.call('record.get', { patientId: patient.id });
    expect(record.record.allergies[0]).toMatchObject({ id: 'ALL-1' });
    const accesses = (await f.client.call('access.list', { patientId: patient.id })).items;
    const opened = accesses.filter((a) => a.action === 'access.record').map((a) => a.actor);
    expect(opened).toEqual([`doctor:${SANDBOX_LOCUM_ID}`, `doctor:${TITOLARE_ID}`]);
    expect(accesses.filter((a) => a.seq > Math.min(...accesses.filter((x) => x.action === 'access.record').map((x) => x.seq))).every((a) => a.actor === `doctor:${SANDBOX_LOCUM_ID}`)).toBe(true);

    // A sostituto sees only her own activity; the titolare, back at work (no passphrase in the sandbox), sees hers.
    expect((await rejection(f.client.call('doctors.activity', { id: TITOLARE_ID }))).code).toBe('FORBIDDEN');
    expect((await f.client.call('doctors.switch', { id: TITOLARE_ID })).working).toBe(TITOLARE_ID);
    const activity = await f.client.call('doctors.activity', { id: SANDBOX_LOCUM_ID });
    expect(activity.doctor).toMatchObject({ id: SANDBOX_LOCUM_ID, kind: 'sostituto' });
    expect(activity.groups).toHaveLength(1);
    const g = activity.groups[0]!;
    expect(g.period).toEqual(start.doctors[1]!.periods[0]);
    expect(g.patients.map((p) => p.patientId)).toEqual([patient.id]);
    expect(g.documents).toMatchObject([{ patientId: patient.id, kind: 'PSS', state: 'draft', documentId: saved.draft.documentId }]);
    // The titolare writes as herself again.
    const again = await f.client.call('pss.preview', { patientId: patient.id, pdf: false });
    expect(headerBlock(again.cda, 'author')).toContain(`extension="${SANDBOX_DOCTOR.codiceFiscale}"`);
  }, 120_000);
});

const TITOLARE: DoctorProfile = {
  author: {
    codiceFiscale: encodeCodiceFiscale({ surname: 'Verdi', givenName: 'Anna', birthDate: '1968-02-11', sex: 'F', belfiore: 'F205' }),
    givenName: 'Anna', surname: 'Verdi', prefix: 'Dott.ssa', role: 'MMG', phone: '02 5550100',
  },
  organization: { aslCode: '030301', name: 'ATS Città Metropolitana di Milano', regionCode: '030' },
  custodian: { idRoot: '2.16.840.1.113883.2.9.4.1.1', id: '030301', name: 'ATS Città Metropolitana di Milano' },
};
const LOCUM = {
  codiceFiscale: encodeCodiceFiscale({ surname: 'Neri', givenName: 'Paolo', birthDate: '1990-09-30', sex: 'M', belfiore: 'F205' }),
  givenName: 'Paolo', surname: 'Neri', prefix: 'Dott.', role: 'MMG' as const, phone: '02 5550111',
};

describe('titolare and sostituto outside the sandbox', () => {
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

  it('a sostituto outside the period is refused; inside it she authors, the custodian stays the titolare’s; a locked workstation answers nothing', async () => {
    await client.call('profile.set', TITOLARE);
    expect((await client.call('doctors.list', {})).working).toBe(TITOLARE_ID);
    // A colleague is added only once the titolare's own profile is protected.
    const unprotected = await rejection(client.call('doctors.save', { kind: 'sostituto', author: LOCUM, periods: [{ from: '2020-07-01', to: '2020-08-31' }], passphrase: 'neri-2020' }));
    expect(unprotected).toMatchObject({ code: 'CONFLICT', data: { field: 'titolarePassphrase' } });
    await client.call('doctors.setPassphrase', { id: TITOLARE_ID, next: 'verdi-titolare' });
    const locum = await client.call('doctors.save', { kind: 'sostituto', author: LOCUM, periods: [{ from: '2020-07-01', to: '2020-08-31' }], passphrase: 'neri-2020' });
    expect(locum).toMatchObject({ kind: 'sostituto', protected: true, builtIn: false, onDutyToday: false });

    const outside = await rejection(client.call('doctors.switch', { id: locum.id, passphrase: 'neri-2020' }));
    expect(outside.code).toBe('OUTSIDE_SUBSTITUTION');
    expect(outside.data).toMatchObject({ from: '2020-07-01', to: '2020-08-31', today: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect((await client.call('doctors.list', {})).working).toBe(TITOLARE_ID);

    // The titolare extends the substitution to today; the locum switches in and writes.
    const today = todayIn('Europe/Rome');
    await client.call('doctors.save', { id: locum.id, kind: 'sostituto', author: LOCUM, periods: [{ from: addDays(today, -1), to: addDays(today, 6) }] });
    expect((await client.call('doctors.switch', { id: locum.id, passphrase: 'neri-2020' })).working).toBe(locum.id);
    // A locum does not extend her own period.
    expect((await rejection(client.call('doctors.save', { id: locum.id, kind: 'sostituto', author: LOCUM, periods: [{ from: addDays(today, -1), to: addDays(today, 60) }] }))).code).toBe('FORBIDDEN');
    const patient = await client.call('patients.create', syntheticPatients({ count: 1, seed: 172 })[0]!);
    await client.call('record.upsertEntry', { patientId: patient.id, section: 'allergies', entry: allergy });
    const out = await client.call('pss.preview', { patientId: patient.id, pdf: false });
    expect(out.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(headerBlock(out.cda, 'author')).toContain(`extension="${LOCUM.codiceFiscale}"`);
    expect(headerBlock(out.cda, 'legalAuthenticator')).toContain(`extension="${LOCUM.codiceFiscale}"`);
    expect(headerBlock(out.cda, 'custodian')).toContain('ATS Città Metropolitana di Milano');
    const changed = (await client.call('access.list', { patientId: patient.id })).items.filter((a) => a.kind === 'change');
    expect(changed.length).toBeGreaterThan(0);
    expect(new Set(changed.map((a) => a.actor))).toEqual(new Set([`doctor:${locum.id}`]));

    // Locked: nobody works, nothing about patients answers until someone switches in with a passphrase.
    expect((await client.call('doctors.lock', {})).working).toBeNull();
    expect((await rejection(client.call('patients.get', { id: patient.id }))).code).toBe('NO_DOCTOR_AT_WORK');
    expect((await rejection(client.call('doctors.switch', { id: TITOLARE_ID }))).code).toBe('PASSPHRASE_INCORRECT');
    expect((await client.call('doctors.switch', { id: TITOLARE_ID, passphrase: 'verdi-titolare' })).working).toBe(TITOLARE_ID);
    const activity = await client.call('doctors.activity', { id: locum.id });
    expect(activity.groups.map((g) => g.period)).toEqual([{ from: addDays(today, -1), to: addDays(today, 6) }]);
    expect(activity.groups[0]!.patients.map((p) => p.patientId)).toEqual([patient.id]);

    // Guessing at the keyboard: from the third wrong passphrase on, the next try waits (even the right one).
    await client.call('doctors.lock', {});
    for (const n of [1, 2]) expect((await rejection(client.call('doctors.switch', { id: TITOLARE_ID, passphrase: `wrong-${n}` }))).data).toEqual({});
    expect((await rejection(client.call('doctors.switch', { id: TITOLARE_ID, passphrase: 'wrong-3' }))).data).toEqual({ retryAfterSeconds: 30 });
    const throttled = await rejection(client.call('doctors.switch', { id: TITOLARE_ID, passphrase: 'verdi-titolare' }));
    expect(throttled.code).toBe('PASSPHRASE_INCORRECT');
    expect((throttled.data as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
    expect((await client.call('doctors.list', {})).working).toBeNull();
  }, 120_000);
});
