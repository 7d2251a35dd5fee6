/**
 * The telemedicine document types on the document-type seam (shared/documents/doc-types/
 * README.md): each builds its own CDA whose first templateId and code are the type's, the JWT's
 * resource_hl7_type equals the CDA's first code, the PDF says what the narrative says, and the
 * synthetic documents are seeded.
 */
import { describe, expect, it } from 'vitest';
import { teleassistenzaDocumentType } from '../../../shared/documents/doc-types/teleassistenza.ts';
import { teleconsultoDocumentType } from '../../../shared/documents/doc-types/teleconsulto.ts';
import { televisitaDocumentType } from '../../../shared/documents/doc-types/televisita.ts';

const TYPES = [televisitaDocumentType, teleconsultoDocumentType, teleassistenzaDocumentType];

describe.each(TYPES.map((t) => [t.id, t] as const))('document type %s', (_id, type) => {
  const docs = [...type.synthetic({ count: 3, seed: 4, today: '2026-03-15' })];

  it('builds the type’s CDA: first templateId, code, and the metadata’s resource_hl7_type agree', () => {
    expect(docs).toHaveLength(3);
    for (const d of docs) {
      const xml = type.build(type.input.parse(d.input));
      const firstTemplate = /<templateId root="([^"]+)"/.exec(xml)![1];
      const firstCode = /<code code="([^"]+)" codeSystem="([^"]+)"/.exec(xml)!;
      expect(firstTemplate).toBe(type.templateId.root);
      expect(firstCode[1]).toBe(type.loinc.code);
      expect(type.metadata(d.input).jwt.resource_hl7_type).toBe(`('${firstCode[1]}^^${firstCode[2]}')`);
      expect(type.header(d.input)).toMatchObject({ patient: { identifier: d.input.patient.identifier }, version: d.input.version });
    }
  });

  it('refuses an input of another telemedicine type', () => {
    const other = TYPES.find((t) => t.id !== type.id)!;
    const input = [...other.synthetic({ count: 1, seed: 4, today: '2026-03-15' })][0]!.input;
    expect(() => type.build(input)).toThrow(/atteso/);
  });

  it('the PDF content is the narrative, with the PDF info from the input', () => {
    const d = docs[0]!;
    const pdf = type.pdfContent(d.input, type.build(d.input));
    expect(pdf.title).toBe(type.title.it);
    expect(pdf.info.date).toBe(d.input.effectiveTime);
    expect(pdf.sections.find((s) => s.title === 'Referto')!.paragraphs![0]).toBe(d.input.report.split('\n')[0]!.trim());
    expect(pdf.sections.find((s) => s.title === 'Prestazioni')!.tables[0]!.headers).toEqual(['Prestazione', 'Branca', 'Disciplina', 'Allegato']);
  });

  it('synthetic documents are seeded: same seed, same bytes; file stems name the type', () => {
    const again = [...type.synthetic({ count: 3, seed: 4, today: '2026-03-15' })];
    expect(again.map((d) => type.build(d.input))).toEqual(docs.map((d) => type.build(d.input)));
    expect(docs[0]!.fileStem).toMatch(new RegExp(`^${type.id}-0001-`));
  });
});
