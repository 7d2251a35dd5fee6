/**
 * The document-type seam (shared/documents/doc-types/README.md): a tiny second type registered
 * here goes through the registry, the pipeline's build-side steps (one PDF renderer with the CDA
 * attached, the signing item with its publication metadata, create vs replace) and the
 * `cartella documents` CLI, without copying anything of the PSS pipeline.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main.ts';
import { firstTemplateIdRoot, publicationBody, renderPdf, schematronFor, signingItem } from '../../../electron/services/documents/document-pipeline.ts';
import { CdaResources, defaultCdaResourcesDir } from '../../../electron/services/validation/resources.ts';
import {
  getDocumentType, listDocumentTypes, pssDocumentType, registerDocumentType, requireDocumentType, unregisterDocumentType,
  UnknownDocumentTypeError, type DocumentType,
} from '../../../shared/documents/doc-types/index.ts';
import { DocumentVersion } from '../../../shared/domain/document-header.ts';
import { seededRandom } from '../../../shared/random.ts';
import { extractCdaFromPdf } from '../../../shared/validation/cda/pdf.ts';
import { captureJsonLines } from '../../helpers/cli-capture.ts';

/** A made-up "nota" document: one paragraph of text about a patient. */
const NotaInput = z.object({
  patient: z.object({ identifier: z.string(), surname: z.string(), givenName: z.string() }),
  doctor: z.object({ codiceFiscale: z.string(), name: z.string() }),
  version: DocumentVersion,
  effectiveTime: z.string(),
  text: z.string().min(1),
});
type NotaInput = z.infer<typeof NotaInput>;
const ROOT = '2.16.840.1.113883.2.9.99.1';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

const nota: DocumentType<NotaInput> = {
  id: 'nota-prova',
  kind: 'NOTA_PROVA',
  title: { it: 'Nota di prova', en: 'Test note' },
  loinc: { code: '11506-3', display: 'Progress note' },
  templateId: { root: ROOT },
  input: NotaInput,
  build: (i) => `<?xml version="1.0" encoding="UTF-8"?>\n<ClinicalDocument xmlns="urn:hl7-org:v3"><templateId root="${ROOT}"/><id root="2.16.840.1.113883.2.9.2.120.4.4" extension="${i.version.documentId}"/>`
    + `<code code="11506-3" codeSystem="2.16.840.1.113883.6.1"/><setId extension="${i.version.setId}"/><versionNumber value="${i.version.versionNumber}"/><text>${esc(i.text)}</text></ClinicalDocument>`,
  header: (i) => ({ patient: i.patient, author: i.doctor, version: i.version, effectiveTime: i.effectiveTime }),
  metadata: (i) => ({
    identificativoDoc: `2.16.840.1.113883.2.9.2.120.4.4^${i.version.documentId}`, tipologiaStruttura: 'Territorio', tipoDocumentoLivAlto: 'REF',
    assettoOrganizzativo: 'AD_PSC130', tipoAttivitaClinica: 'CON', attiCliniciRegoleAccesso: [], healthDataFormat: 'CDA', mode: 'ATTACHMENT',
    extra: { dataInizioPrestazione: i.effectiveTime.replace(/\D/g, '').slice(0, 14) },
    jwt: { patient_consent: true, person_id: `${i.patient.identifier}^^^&2.16.840.1.113883.2.9.4.3.2&ISO`, resource_hl7_type: "('11506-3^^2.16.840.1.113883.6.1')", subject_role: 'APR' },
  }),
  pdfContent: (i) => ({
    title: 'Nota di prova', facts: [['Paziente', `${i.patient.surname} ${i.patient.givenName}`]],
    sections: [{ title: 'Testo', tables: [], paragraphs: [i.text] }], footer: `Nota di ${i.patient.surname}`,
    info: { title: `Nota – ${i.patient.surname}`, author: i.doctor.name, subject: 'Nota di prova (LOINC 11506-3)', date: i.effectiveTime, attachmentDescription: 'CDA R2 della nota' },
  }),
  *synthetic(o) {
    const rand = seededRandom(o.seed);
    for (let n = 1; n <= o.count; n++) {
      yield {
        input: {
          patient: { identifier: `ID${o.seed}${n}`, surname: 'Prova', givenName: `N${n}` }, doctor: { codiceFiscale: 'RSSMRA70A01H501S', name: 'Dott. Mario Rossi' },
          version: { documentId: `NOTA.${o.seed}.${n}`, setId: `NOTA.${o.seed}.${n}`, versionNumber: 1 }, effectiveTime: `${o.today}T10:00:00+01:00`,
          text: `Controllo n. ${Math.floor(rand() * 1000)} à è ì`,
        },
      };
    }
  },
};

const dir = mkdtempSync(join(tmpdir(), 'doc-types-'));
beforeAll(() => void registerDocumentType(nota));
afterAll(() => {
  unregisterDocumentType(nota.id);
  rmSync(dir, { recursive: true, force: true });
});

const sample = (): NotaInput => [...nota.synthetic({ count: 1, seed: 3, today: '2026-02-01' })][0]!.input;

describe('document type registry', () => {
  it('holds the PSS as the first type, and the test type after it', () => {
    expect(listDocumentTypes().map((t) => t.id).slice(0, 1)).toEqual(['pss']);
    expect(getDocumentType('pss')).toBe(pssDocumentType);
    expect(requireDocumentType('nota-prova')).toBe(nota);
    expect(pssDocumentType).toMatchObject({ kind: 'PSS', loinc: { code: '60591-5' }, templateId: { root: '2.16.840.1.113883.2.9.10.1.4.1.1' } });
  });

  it('refuses an unknown id naming the known ones, a taken id, a taken outbox kind and a malformed id', () => {
    expect(() => requireDocumentType('sing-vacc-x')).toThrow(UnknownDocumentTypeError);
    expect(() => requireDocumentType('sing-vacc-x')).toThrow(/pss, .*nota-prova/);
    expect(() => registerDocumentType({ ...nota })).toThrow(/already registered/);
    expect(() => registerDocumentType({ ...nota, id: 'altra-nota' })).toThrow(/NOTA_PROVA/);
    expect(() => registerDocumentType({ ...nota, id: 'Nota Prova', kind: 'X' })).toThrow(/lower case/);
    expect(getDocumentType('altra-nota')).toBeUndefined();
  });
});

describe('schematron chosen by the first templateId', () => {
  const index = new CdaResources(defaultCdaResourcesDir()).schematronIndex();
  it('every built-in type selects an official rules file (the gateway rejects a document without one)', () => {
    for (const t of listDocumentTypes().filter((x) => x !== nota)) expect(schematronFor(t, index)?.file, t.id).toMatch(/\.sch$/);
    expect(schematronFor(pssDocumentType, index)?.file).toBe('schematron_PSS_v4.0.sch');
  });
  it('a templateId the index does not know selects nothing', () => {
    expect(schematronFor(nota, index)).toBeNull();
    expect(firstTemplateIdRoot(nota.build(sample()))).toBe(ROOT);
  });
});

describe('pipeline steps for any type', () => {
  it('renders the type\'s PDF content with its CDA attached byte for byte, deterministically', async () => {
    const input = sample();
    const cda = nota.build(input);
    const pdf = await renderPdf(nota, input, cda);
    const extracted = await extractCdaFromPdf(pdf, 'ATTACHMENT');
    expect(Buffer.from(extracted!.bytes).toString('utf8')).toBe(cda);
    expect(Buffer.from(await renderPdf(nota, input, cda)).equals(Buffer.from(pdf))).toBe(true);
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    expect([doc.getTitle(), doc.getSubject(), doc.getAuthor()]).toEqual(['Nota – Prova', 'Nota di prova (LOINC 11506-3)', 'Dott. Mario Rossi']);
    expect(doc.getCreationDate()?.toISOString()).toBe('2026-02-01T09:00:00.000Z');
  });

  it('makes the signing item: name, title, author, create for version 1 and replace after, metadata with the type\'s extra fields', async () => {
    const input = sample();
    const first = await signingItem(nota, 'P1', input, nota.build(input));
    expect(first).toMatchObject({
      patientId: 'P1', documentId: 'NOTA.3.1', kind: 'NOTA_PROVA', versionNumber: 1, operation: 'create', name: 'NOTA_PROVA-ID31-v1.pdf',
      title: 'Nota di prova – Prova N1 (v1)', author: { codiceFiscale: 'RSSMRA70A01H501S', name: 'Dott. Mario Rossi' },
    });
    expect(first.metadata).toEqual({
      tipologiaStruttura: 'Territorio', tipoDocumentoLivAlto: 'REF', assettoOrganizzativo: 'AD_PSC130', tipoAttivitaClinica: 'CON', attiCliniciRegoleAccesso: [],
      healthDataFormat: 'CDA', mode: 'ATTACHMENT', identificativoSottomissione: 'SUB.NOTA.3.1', identificativoRep: 'REP.NOTA.3.1', dataInizioPrestazione: '20260201100000',
    });
    const v2 = { ...input, version: { documentId: 'NOTA.3.1b', setId: 'NOTA.3.1', versionNumber: 2, replacesDocumentId: 'NOTA.3.1' } };
    expect(await signingItem(nota, 'P1', v2, nota.build(v2))).toMatchObject({ operation: 'replace', versionNumber: 2, name: 'NOTA_PROVA-ID31-v2.pdf' });
  });

  it('publication body: the PSS metadata as pss.signingBatch always sent it', () => {
    const input = [...pssDocumentType.synthetic({ count: 1, seed: 2, today: '2026-01-15' })][0]!.input;
    expect(Object.keys(publicationBody(pssDocumentType.metadata(input), input.version.documentId))).toEqual([
      'tipologiaStruttura', 'tipoDocumentoLivAlto', 'assettoOrganizzativo', 'tipoAttivitaClinica', 'attiCliniciRegoleAccesso', 'healthDataFormat', 'mode',
      'identificativoSottomissione', 'identificativoRep',
    ]);
  });
});

describe('cartella documents with a registered type', () => {
  it('writes TYPE-<n>.xml and .pdf per synthetic document (no .json: the type has no FHIR mapping), one line each and a summary', async () => {
    const out = join(dir, 'nota');
    const { code, lines } = await captureJsonLines(() => runCli(['documents', '--type', 'nota-prova', '--synthetic', '3', '--seed', '5', '--date', '2026-03-15', '--out', out]));
    expect(code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['nota-prova-0001.pdf', 'nota-prova-0001.xml', 'nota-prova-0002.pdf', 'nota-prova-0002.xml', 'nota-prova-0003.pdf', 'nota-prova-0003.xml']);
    expect(lines.slice(0, 3)).toEqual([1, 2, 3].map((n) => ({ patient: `ID5${n}`, files: [join(out, `nota-prova-000${n}.xml`), join(out, `nota-prova-000${n}.pdf`)] })));
    expect(lines[3]).toMatchObject({ documents: 3, valid: null });
    expect(readFileSync(join(out, 'nota-prova-0002.xml'), 'utf8')).toContain('<versionNumber value="1"/>');
    const pdf = readFileSync(join(out, 'nota-prova-0001.pdf'));
    expect(Buffer.from((await extractCdaFromPdf(new Uint8Array(pdf), 'ATTACHMENT'))!.bytes).equals(readFileSync(join(out, 'nota-prova-0001.xml')))).toBe(true);
  });

  it('--no-pdf writes the CDA only', async () => {
    const out = join(dir, 'nota-nopdf');
    const { code } = await captureJsonLines(() => runCli(['documents', '--type', 'nota-prova', '--synthetic', '1', '--out', out, '--no-pdf']));
    expect(code).toBe(0);
    expect(readdirSync(out)).toEqual(['nota-prova-0001.xml']);
  });
});
