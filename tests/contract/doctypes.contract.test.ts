/**
 * The document pipeline's contract (shared/api/documents-pipeline.ts) over both transports. A
 * second type registered by the test ("pss-prova": the PSS builder under another id and outbox
 * kind, with the PSS's record reading) runs through build from the record → validation with the
 * schematron its first templateId selects → PDF with the CDA attached → signing batch → outbox →
 * the next version replacing the signed one (RPLC), with nothing of the PSS's own versions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pssServiceType } from '../../electron/services/documents/doc-types/pss.ts';
import { registerServiceDocumentType, unregisterServiceDocumentType } from '../../electron/services/documents/doc-types/index.ts';
import { pssDocumentType, registerDocumentType, unregisterDocumentType, type DocumentType } from '../../shared/documents/doc-types/index.ts';
import type { PssInput } from '../../shared/domain/clinical-record.ts';
import type { Patient } from '../../shared/domain/patient.ts';
import { AppError } from '../../shared/errors/index.ts';
import { syntheticPatients } from '../../shared/synthetic/patients.ts';
import { extractCdaFromPdf } from '../../shared/validation/cda/pdf.ts';
import { transports, type ContractFixture } from './transports.ts';

const prova: DocumentType<PssInput> = { ...pssDocumentType, id: 'pss-prova', kind: 'PSS_PROVA', title: { it: 'PSS di prova', en: 'Test summary' } };

const allergy = {
  id: 'ALL-1', source: 'doctor' as const, type: 'DALG' as const,
  agent: { kind: 'atc' as const, code: 'J01CA04', display: 'AMOXICILLINA' },
  reaction: { code: '708.9', display: 'Orticaria non specificata' }, criticality: 'H' as const, status: 'active' as const, onset: '2019-04',
};

async function code(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    return e instanceof AppError ? e.code : String(e);
  }
}

beforeAll(() => {
  registerDocumentType(prova);
  registerServiceDocumentType({ type: prova, fromRecord: pssServiceType.fromRecord });
});
afterAll(() => {
  unregisterServiceDocumentType(prova.id);
  unregisterDocumentType(prova.id);
});

describe.each(transports)('document pipeline contract over %s', (_name, make) => {
  let f: ContractFixture;
  let patient: Patient;
  beforeAll(async () => {
    f = await make();
    patient = await f.client.call('patients.create', syntheticPatients({ count: 1, seed: 23 })[0]!);
    await f.client.call('record.upsertEntry', { patientId: patient.id, section: 'allergies', entry: allergy });
  }, 60_000);
  afterAll(() => f.dispose());

  it('doctypes.list: the registered types with the schematron each one\'s templateId selects', async () => {
    const list = await f.client.call('doctypes.list', {});
    expect(list[0]).toEqual({
      id: 'pss', kind: 'PSS', title: { it: 'Profilo Sanitario Sintetico', en: 'Patient Summary' }, loinc: { code: '60591-5', display: 'Profilo Sanitario Sintetico' },
      templateIdRoot: '2.16.840.1.113883.2.9.10.1.4.1.1', schematron: 'schematron_PSS_v4.0.sch', fromRecord: true, fhir: true, import: true,
    });
    expect(list.map((t) => t.id)).toContain('pss-prova');
  });

  it('unknown types are NOT_FOUND; the PSS keeps its own versions (pss.*)', async () => {
    expect(await code(f.client.call('doctypes.preview', { type: 'ricetta', patientId: patient.id }))).toBe('NOT_FOUND');
    expect(await code(f.client.call('doctypes.status', { type: 'pss', patientId: patient.id }))).toBe('CONFLICT');
    expect(await code(f.client.call('doctypes.signingBatch', { type: 'pss', targets: [{ patientId: patient.id }] }))).toBe('CONFLICT');
  });

  it('doctypes.preview builds from the record, validates with the official schematron, and attaches the CDA to the PDF', async () => {
    const out = await f.client.call('doctypes.preview', { type: 'pss-prova', patientId: patient.id });
    expect(out.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(out.valid).toBe(true);
    expect(out.cda).toContain('extension="ALL-1.obs"');
    expect(out.version).toMatchObject({ versionNumber: 1 });
    expect(out.version.documentId).toMatch(/^PSS_PROVA\./);
    expect(out.metadata).toMatchObject({ tipoDocumentoLivAlto: 'SUM', tipoAttivitaClinica: 'OBS', attiCliniciRegoleAccesso: [] });
    const attached = await extractCdaFromPdf(new Uint8Array(Buffer.from(out.pdfBase64!, 'base64')), 'ATTACHMENT');
    expect(Buffer.from(attached!.bytes).toString('utf8')).toBe(out.cda);
    // Preview stores nothing.
    expect((await f.client.call('doctypes.status', { type: 'pss-prova', patientId: patient.id })).versions).toEqual([]);
  }, 60_000);

  it('doctypes.preview with a given input: its problems come back as issues, not as an exception', async () => {
    const out = await f.client.call('doctypes.preview', { type: 'pss-prova', patientId: patient.id, input: { patient: {} }, pdf: false });
    expect(out.valid).toBe(false);
    expect(out.issues[0]).toMatchObject({ source: 'business', code: 'INPUT', severity: 'error' });
  });

  it('doctypes.validate: gateway issues, and an issue when the CDA is not of the type', async () => {
    const { cda } = await f.client.call('doctypes.preview', { type: 'pss-prova', patientId: patient.id, pdf: false });
    expect((await f.client.call('doctypes.validate', { type: 'pss', cda })).valid).toBe(true);
    const other = cda.replace('root="2.16.840.1.113883.2.9.10.1.4.1.1"', 'root="2.16.840.1.113883.2.9.10.1.11.1.1"');
    const out = await f.client.call('doctypes.validate', { type: 'pss', cda: other });
    expect(out.valid).toBe(false);
    expect(out.issues[0]).toMatchObject({ code: 'NOT_THIS_TYPE', source: 'business' });
  }, 60_000);

  it('signing batch → outbox.enqueue(typedDocumentId) → signed; the next version replaces it (RPLC) in the same set', async () => {
    const first = await f.client.call('doctypes.signingBatch', { type: 'pss-prova', targets: [{ patientId: patient.id }] });
    expect(first.skipped).toEqual([]);
    const item = first.items[0]!;
    expect(item).toMatchObject({ patientId: patient.id, kind: 'PSS_PROVA', versionNumber: 1, operation: 'create', title: `PSS di prova – ${patient.surname} ${patient.givenName} (v1)`,
      metadata: { tipoDocumentoLivAlto: 'SUM', identificativoSottomissione: `SUB.${item.documentId}` } });
    expect((await f.client.call('doctypes.status', { type: 'pss-prova', patientId: patient.id })).versions).toEqual([expect.objectContaining({ documentId: item.documentId, state: 'prepared' })]);
    // Asked again before signing: the same version, rebuilt in place.
    const again = await f.client.call('doctypes.signingBatch', { type: 'pss-prova', targets: [{ patientId: patient.id }] });
    expect(again.items[0]).toMatchObject({ documentId: item.documentId, versionNumber: 1 });

    const queued = await f.client.call('outbox.enqueue', {
      pdfBase64: item.pdfBase64, patientId: patient.id, kind: item.kind, title: item.title, operation: item.operation, metadata: item.metadata, typedDocumentId: item.documentId, state: 'draft',
    });
    expect(queued.identificativoDoc).toContain(item.documentId);
    const status = await f.client.call('doctypes.status', { type: 'pss-prova', patientId: patient.id });
    expect(status.lastSigned).toMatchObject({ documentId: item.documentId, state: 'signed', outboxState: 'draft' });
    // The PSS's own versions are untouched.
    expect((await f.client.call('pss.status', { patientId: patient.id })).versions).toEqual([]);

    const next = await f.client.call('doctypes.signingBatch', { type: 'pss-prova', targets: [{ patientId: patient.id }] });
    const v2 = next.items[0]!;
    expect(v2).toMatchObject({ versionNumber: 2, operation: 'replace' });
    expect(v2.documentId).not.toBe(item.documentId);
    const cda = Buffer.from((await extractCdaFromPdf(new Uint8Array(Buffer.from(v2.pdfBase64, 'base64')), 'ATTACHMENT'))!.bytes).toString('utf8');
    expect(cda).toContain('typeCode="RPLC"');
    expect(cda).toContain(`extension="${item.documentId}"`);
    expect((await f.client.call('doctypes.status', { type: 'pss-prova', patientId: patient.id })).versions.map((v) => [v.versionNumber, v.state, v.setId])).toEqual([
      [2, 'prepared', item.documentId], [1, 'signed', item.documentId],
    ]);
  }, 90_000);
});
