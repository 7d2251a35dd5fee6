/**
 * The referto di televisita from the diary over the contract, in process and over the node host:
 * a visit of kind televisita with its reason, note and problem → doctypes.preview valid by the
 * official schematron (schematron_Referto_Televisita_v1.0.sch) → doctypes.signingBatch →
 * signed PAdES with the SoftHSM2 sandbox token → outbox.enqueue(typedDocumentId) → published
 * by the sandbox gateway simulator → doctypes.status says published. A visit of another kind, or
 * an unknown one, is refused with its reason. The teleconsulto (with the specialist consulted
 * given as an option: the record holds none) and the teleassistenza from the same visit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Patient } from '../../shared/domain/patient.ts';
import { AppError } from '../../shared/errors/index.ts';
import { syntheticPatients } from '../../shared/synthetic/patients.ts';
import { signAndPublish, testTokenSkip, TOKEN_TIMEOUT, useSandboxToken } from '../helpers/sign-and-publish.ts';
import { inProcess, overNodeHost, type ContractFixture } from './transports.ts';

const { skip: SKIP } = testTokenSkip('televisita document contract tests');

const problem = { id: 'PRB-HT', source: 'doctor' as const, diagnosis: { code: '401.9', display: 'Ipertensione essenziale non specificata' }, status: 'active' as const, chronic: true };
const visit = {
  id: 'VIS-TV-1', at: '2026-03-15T10:00:00+01:00', kind: 'televisita' as const, reason: 'Controllo pressorio a distanza',
  note: 'Paziente in videochiamata. Valori domiciliari nella norma, prosegue la terapia.', problemIds: ['PRB-HT'],
};

useSandboxToken('cartella-televisita-contract-', SKIP);

describe.skipIf(SKIP).each([
  ['in-process', inProcess],
  ['node host', overNodeHost],
] as const)('referto di televisita over %s (sandbox simulator)', (name, make) => {
  let f: ContractFixture;
  let patient: Patient;
  beforeAll(async () => {
    f = await make({ outbox: true });
    patient = await f.client.call('patients.create', syntheticPatients({ count: 1, seed: name === 'in-process' ? 61 : 62 })[0]!);
    await f.client.call('record.upsertEntry', { patientId: patient.id, section: 'problems', entry: problem });
    await f.client.call('visits.upsert', { patientId: patient.id, visit });
    await f.client.call('visits.upsert', { patientId: patient.id, visit: { ...visit, id: 'VIS-AMB-1', kind: 'ambulatoriale' } });
  }, TOKEN_TIMEOUT);
  afterAll(() => f?.dispose());

  it('doctypes.list: televisita is built from the record, judged by its official schematron', async () => {
    const t = (await f.client.call('doctypes.list', {})).find((x) => x.id === 'televisita');
    expect(t).toMatchObject({ kind: 'TELEVISITA', fromRecord: true, schematron: 'schematron_Referto_Televisita_v1.0.sch' });
  });

  it('doctypes.preview of the visit: the visit’s reason, note and problem, 0 schematron errors', async () => {
    const out = await f.client.call('doctypes.preview', { type: 'televisita', patientId: patient.id, subject: visit.id });
    expect(out.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(out.valid).toBe(true);
    expect(out.cda).toContain('Controllo pressorio a distanza');
    expect(out.cda).toContain('Valori domiciliari nella norma');
    expect(out.cda).toContain('code="401.9"');
    expect(out.metadata).toMatchObject({ tipoDocumentoLivAlto: 'REF', tipoAttivitaClinica: 'CON' });
  }, 120_000);

  it('a visit of another kind is refused with its reason; an unknown visit is NOT_FOUND', async () => {
    const other = await f.client.call('doctypes.preview', { type: 'televisita', patientId: patient.id, subject: 'VIS-AMB-1', pdf: false });
    expect(other.valid).toBe(false);
    expect(other.issues[0]).toMatchObject({ source: 'business', code: 'INPUT', context: 'subject' });
    expect(other.issues[0]!.message).toMatch(/non è una televisita/);
    const missing = await f.client.call('doctypes.preview', { type: 'televisita', patientId: patient.id, subject: 'VIS-NESSUNA', pdf: false }).then(() => undefined, (e: unknown) => e);
    expect(missing).toBeInstanceOf(AppError);
    expect((missing as AppError).code).toBe('NOT_FOUND');
  });

  it('teleconsulto and teleassistenza from the same visit: valid with the specialist named in the options, refused without', async () => {
    const specialist = { codiceFiscale: 'RSSMRA70A01H501S', givenName: 'Mario', surname: 'Rossi', specialty: 'Cardiologia', organization: 'Policlinico Umberto I' };
    const ctc = await f.client.call('doctypes.preview', { type: 'teleconsulto', patientId: patient.id, subject: visit.id, options: { specialists: [specialist] }, pdf: false });
    expect(ctc.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const none = await f.client.call('doctypes.preview', { type: 'teleconsulto', patientId: patient.id, subject: visit.id, pdf: false });
    expect(none.valid).toBe(false);
    expect(none.issues[0]).toMatchObject({ code: 'INPUT', context: 'specialists' });
    const ta = await f.client.call('doctypes.preview', { type: 'teleassistenza', patientId: patient.id, subject: visit.id, pdf: false });
    expect(ta.issues.filter((i) => i.severity === 'error')).toEqual([]);
  }, 120_000);

  it('signing batch → signed with the sandbox token → outbox → published; doctypes.status says so', async () => {
    const batch = await f.client.call('doctypes.signingBatch', { type: 'televisita', targets: [{ patientId: patient.id, subject: visit.id }] });
    expect(batch.skipped).toEqual([]);
    const item = batch.items[0]!;
    expect(item).toMatchObject({ kind: 'TELEVISITA', versionNumber: 1, operation: 'create' });
    expect((await signAndPublish(f.client, patient.id, item, `televisita-${name}`)).state).toBe('published');
    const status = await f.client.call('doctypes.status', { type: 'televisita', patientId: patient.id, subject: visit.id });
    expect(status.lastSigned).toMatchObject({ documentId: item.documentId, state: 'signed', outboxState: 'published', subject: visit.id });
  }, TOKEN_TIMEOUT);
});
