/**
 * The vaccination documents from the stored record over both transports (PAEDIATRICS.md §1): a
 * child with a guardian, two recorded doses and a refusal; doctypes.preview builds the scheda
 * singola of one dose (0 schematron errors, the guardian in the header) and the certificato
 * with every dose and the decision; the scheda's signing batch, signed PAdES with the sandbox
 * token, goes through the outbox to the gateway simulator and reads published in doctypes.status.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCodiceFiscale } from '../../shared/domain/codice-fiscale.ts';
import type { Patient } from '../../shared/domain/patient.ts';
import { extractCdaFromPdf } from '../../shared/validation/cda/pdf.ts';
import { signAndPublish, testTokenSkip, TOKEN_TIMEOUT, useSandboxToken } from '../helpers/sign-and-publish.ts';
import { inProcess, overNodeHost, type ContractFixture } from './transports.ts';

const { skip: SKIP, note } = testTokenSkip('vaccination documents contract tests');

const HEXA = { code: 'J07CA09', display: 'DIFTERITE-HEMOPHILUS INFLUENZAE B-PERTOSSE-POLIOMELITE-TETANO-EPATITE B' };
const PCV = { code: 'J07AL02', display: 'VACCINO PNEUMOCOCCICO' };
const MPRV = { code: 'J07BD54', display: 'VACCINO MORBILLO,PAROTITE,ROSOLIA E VARICELLA,VIVO ATTENUATO' };

useSandboxToken('cartella-vacc-docs-', SKIP);

const attachedCda = async (pdfBase64: string) => Buffer.from((await extractCdaFromPdf(new Uint8Array(Buffer.from(pdfBase64, 'base64')), 'ATTACHMENT'))!.bytes).toString('utf8');

describe.skipIf(SKIP).each([
  ['in-process', inProcess],
  ['node host', overNodeHost],
] as const)(`vaccination documents from the record over %s${note}`, (_name, make) => {
  let f: ContractFixture;
  let child: Patient;
  beforeAll(async () => {
    f = await make({ outbox: true });
    const person = { surname: 'Lombardi', givenName: 'Sofia', sex: 'F' as const, birthDate: '2023-12-20' };
    const mother = { surname: 'Conti', givenName: 'Elena', sex: 'F' as const, birthDate: '1992-05-04' };
    child = await f.client.call('patients.create', {
      ...person, identifierKind: 'CF', identifier: encodeCodiceFiscale({ ...person, belfiore: 'H501' }),
      guardian: { name: 'Elena Conti', relation: 'MTH', codiceFiscale: encodeCodiceFiscale({ ...mother, belfiore: 'F205' }), phone: '333 1234567' },
    });
    const dose = (id: string, atc: typeof HEXA, aic: { code: string; display: string }, date: string) => f.client.call('record.upsertEntry', {
      patientId: child.id, section: 'vaccinations',
      entry: { id, source: 'doctor', atc, aic, date, doseNumber: 1, lot: 'AB123', route: 'IM', site: 'LVL', place: 'Ambulatorio pediatrico', performer: 'Dott.ssa Bianchi' },
    });
    await dose('V1', HEXA, { code: '034960056', display: 'INFANRIX HEXA*BB IM 1FL+1SIR' }, '2024-03-15');
    await dose('V2', PCV, { code: '039550025', display: 'PREVENAR 13*IM  1SIR0,5MLC/A' }, '2024-03-15');
    await f.client.call('record.upsertEntry', { patientId: child.id, section: 'vaccinationDecisions', entry: { id: 'D1', source: 'doctor', kind: 'refusal', atc: MPRV, date: '2025-01-10', reason: 'Dissenso dei genitori' } });
  }, TOKEN_TIMEOUT);
  afterAll(() => f?.dispose());

  it('the scheda singola of one dose: built from the record, 0 errors of the official schematron, the guardian and that dose only', async () => {
    const out = await f.client.call('doctypes.preview', { type: 'sing-vacc', patientId: child.id, subject: 'V1' });
    expect(out.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(out.valid).toBe(true);
    expect(out.version.documentId).toMatch(/^SING_VACC\./);
    expect(out.metadata).toMatchObject({ tipoDocumentoLivAlto: 'VAC', tipoAttivitaClinica: 'ERP' });
    expect(out.cda.match(/<substanceAdministration /g)).toHaveLength(1);
    expect(out.cda).toContain('code="034960056"');
    expect(out.cda).toContain('<lotNumberText>AB123</lotNumberText>');
    expect(out.cda).toContain('<guardian');
    expect(out.cda).toContain('Conti');
    expect(await attachedCda(out.pdfBase64!)).toBe(out.cda);
  }, 60_000);

  it('no or an unknown subject: an input issue naming the entry, not an exception', async () => {
    const out = await f.client.call('doctypes.preview', { type: 'sing-vacc', patientId: child.id, subject: 'NOPE', pdf: false });
    expect(out.valid).toBe(false);
    expect(out.issues[0]).toMatchObject({ source: 'business', code: 'INPUT', context: 'entryId' });
  });

  it('the certificato lists every dose and the refusal, valid by the official schematron', async () => {
    const out = await f.client.call('doctypes.preview', { type: 'cert-vacc', patientId: child.id });
    expect(out.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(out.metadata).toMatchObject({ tipoDocumentoLivAlto: 'VAC', tipoAttivitaClinica: 'OBS' });
    expect(out.cda.match(/<substanceAdministration /g)).toHaveLength(3);
    for (const code of ['034960056', '039550025']) expect(out.cda).toContain(`code="${code}"`);
    for (const id of ['V1', 'V2', 'D1']) expect(out.cda).toContain(`extension="${id}"`);
    expect(out.cda).toContain('<statusCode code="cancelled"/>');
  }, 60_000);

  it('signing batch → PAdES with the token → outbox → the simulator: published in doctypes.status', async () => {
    const batch = await f.client.call('doctypes.signingBatch', { type: 'sing-vacc', targets: [{ patientId: child.id, subject: 'V1' }] });
    expect(batch.skipped).toEqual([]);
    const item = batch.items[0]!;
    expect(item).toMatchObject({ kind: 'SING_VACC', versionNumber: 1, operation: 'create', metadata: { tipoDocumentoLivAlto: 'VAC' } });
    expect((await signAndPublish(f.client, child.id, item, `vacc-${child.id}`)).state).toBe('published');
    const status = await f.client.call('doctypes.status', { type: 'sing-vacc', patientId: child.id, subject: 'V1' });
    expect(status.lastSigned).toMatchObject({ documentId: item.documentId, subject: 'V1', state: 'signed', outboxState: 'published' });
    // The other dose's scheda is a set of its own.
    expect((await f.client.call('doctypes.status', { type: 'sing-vacc', patientId: child.id, subject: 'V2' })).versions).toEqual([]);
  }, TOKEN_TIMEOUT);
});
