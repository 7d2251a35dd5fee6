/**
 * The telemedicine CDA builders against the gateway's rules: 100 synthetic documents of each
 * type through the project's validator (XSD POCD_MT000040UV02 + the official schematron picked
 * by the first templateId + terminology, CDA-VALIDATION.md §1) with zero errors; the rules
 * file chosen is the type's own; the header and the gateway metadata say what the type is.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CdaValidator } from '../../../electron/services/validation/cda-validator.ts';
import {
  TELEMED_KINDS,
  TELEMED_TYPES,
  TelemedInput,
  buildTelemedCda,
  telemedPdfContent,
  telemedPublicationMetadata,
} from '../../../shared/documents/cda/telemed/index.ts';
import { syntheticTelemedInputs } from '../../../shared/synthetic/telemed.ts';

describe('telemedicine CDA builders', () => {
  let validator: CdaValidator;
  beforeAll(() => {
    validator = CdaValidator.create();
  });

  it.each(TELEMED_KINDS)('100 synthetic %s documents pass XSD + official schematron + terminology with zero errors', async (kind) => {
    const inputs = syntheticTelemedInputs(kind, 100, 7);
    expect(inputs).toHaveLength(100);
    const failures: string[] = [];
    for (const [n, input] of inputs.entries()) {
      const r = await validator.validateXml(new TextEncoder().encode(buildTelemedCda(input)));
      const errors = r.issues.filter((i) => i.severity === 'error');
      if (errors.length > 0 || r.schematron?.file !== TELEMED_TYPES[kind].schematron || !r.xsd.valid) {
        failures.push(`#${n} ${r.schematron?.file}: ${errors.map((e) => `${e.code} ${e.message.slice(0, 120)}`).join(' | ')}`);
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);

  it('the synthetic sets vary: with and without quesito, diagnoses, checks, specialists', () => {
    const all = TELEMED_KINDS.flatMap((k) => syntheticTelemedInputs(k, 100, 7));
    expect(all.some((i) => i.question === undefined)).toBe(true);
    expect(all.some((i) => i.diagnoses.length > 0) && all.some((i) => i.diagnoses.length === 0)).toBe(true);
    expect(all.some((i) => i.recommendedChecks.length > 0) && all.some((i) => i.recommendedChecks.length === 0)).toBe(true);
    expect(all.filter((i) => i.kind === 'teleconsulto').every((i) => i.specialists.length > 0)).toBe(true);
  });

  it('the schematron judges: a teleconsult without the specialists consulted fails ERRORE-45', async () => {
    const xml = buildTelemedCda(syntheticTelemedInputs('teleconsulto', 1, 3)[0]!).replace(/<participant[\s\S]*<\/participant>/, '');
    const r = await validator.validateXml(new TextEncoder().encode(xml));
    expect(r.issues.filter((i) => i.severity === 'error').map((i) => i.code)).toContain('ERRORE-45');
  }, 120_000);

  it('refuses inputs the schematrons would reject, with Italian messages on the field', () => {
    const input = syntheticTelemedInputs('teleconsulto', 1, 3)[0]!;
    const r = TelemedInput.safeParse({ ...input, specialists: [], question: undefined });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['specialists', 'question']));
    expect(r.error!.issues.find((i) => i.path[0] === 'question')!.message).toMatch(/quesito diagnostico/);
  });

  it('writes each type’s template, code and title, and the gateway metadata for it', () => {
    for (const kind of TELEMED_KINDS) {
      const input = syntheticTelemedInputs(kind, 1, 5)[0]!;
      const xml = buildTelemedCda(input);
      const t = TELEMED_TYPES[kind];
      expect(xml).toContain(`<templateId root="${t.templateRoot}" extension="1.0"/>`);
      expect(xml).toContain(`<code code="${t.code}" codeSystem="2.16.840.1.113883.6.1"`);
      expect(xml).toContain(`<title>${t.title}</title>`);
      const m = telemedPublicationMetadata(input);
      expect(m.tipoDocumentoLivAlto).toBe('REF');
      expect(m.identificativoDoc).toBe(`2.16.840.1.113883.2.9.2.120.4.4^${input.version.documentId}`);
      expect(m.jwt.resource_hl7_type).toBe(`('${t.code}^^2.16.840.1.113883.6.1')`);
      expect(m.assettoOrganizzativo).toMatch(/^AD_PSC\d{3}$/);
    }
  });

  it('the PDF content is the narrative: report paragraphs and the service table', () => {
    const input = syntheticTelemedInputs('televisita', 1, 9)[0]!;
    const pdf = telemedPdfContent(input);
    expect(pdf.title).toBe('Referto di televisita');
    const report = pdf.sections.find((s) => s.title === 'Referto')!;
    const firstLine = input.report.split('\n')[0]!.trim();
    expect(report.blocks[0]).toEqual({ kind: 'paragraph', text: firstLine });
    const services = pdf.sections.find((s) => s.title === 'Prestazioni')!;
    expect(services.blocks[0]).toMatchObject({ kind: 'table', headers: ['Prestazione', 'Branca', 'Disciplina', 'Allegato'] });
    expect(pdf.facts.find(([k]) => k === 'Codice fiscale')![1]).toBe(input.patient.identifier);
  });

  it('is deterministic: the same seed gives the same bytes', () => {
    const a = syntheticTelemedInputs('teleassistenza', 3, 11).map(buildTelemedCda);
    const b = syntheticTelemedInputs('teleassistenza', 3, 11).map(buildTelemedCda);
    expect(a).toEqual(b);
  });
});
