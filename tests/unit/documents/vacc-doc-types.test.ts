/**
 * The vaccination types on the document-type seam (shared/documents/doc-types/README.md):
 * the adapters build what the builders build, name the templateId the gateway selects the
 * schematron by, give metadata whose resource_hl7_type is the CDA's code, PDF content that is
 * the CDA narrative, and seeded synthetic panels (same seed, same bytes).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SingVaccInput } from '../../../shared/domain/vaccination-document.ts';
import { buildCertVaccCda, buildSingVaccCda } from '../../../shared/documents/cda/vacc/index.ts';
import { certVaccDocumentType } from '../../../shared/documents/doc-types/cert-vacc.ts';
import { singVaccDocumentType } from '../../../shared/documents/doc-types/sing-vacc.ts';
import { TODAY, loaded } from './vacc-inputs.ts';

const sing = singVaccDocumentType(() => loaded);
const cert = certVaccDocumentType(() => loaded);
const opts = { count: 12, seed: 7, today: TODAY };

function firstAttr(xml: string, element: string, attr: string): string {
  const m = new RegExp(`<${element}\\b[^>]*\\b${attr}="([^"]*)"`).exec(xml);
  if (!m) throw new Error(`no ${element}/@${attr}`);
  return m[1]!;
}

describe('vaccination document types on the seam', () => {
  it('ids, outbox kinds, LOINC codes and template roots that INDEX.csv maps to the official schematrons', () => {
    const index = readFileSync('resources/cda/schematron/INDEX.csv', 'utf8');
    expect([sing.id, sing.kind, cert.id, cert.kind]).toEqual(['sing-vacc', 'SING_VACC', 'cert-vacc', 'CERT_VACC']);
    expect(index).toContain(`schematron_singola_VACC_v3.3.sch,3.3,${sing.templateId.root},`);
    expect(index).toContain(`schematron_certificato_VACC_v2.4.sch,2.4,${cert.templateId.root},`);
  });

  it('build = the builders; first templateId and code are the type\'s; metadata names the same code', () => {
    for (const s of cert.synthetic(opts)) {
      const xml = cert.build(s.input);
      expect(xml).toBe(buildCertVaccCda(s.input));
      expect(firstAttr(xml, 'templateId', 'root')).toBe(cert.templateId.root);
      expect(firstAttr(xml, 'code', 'code')).toBe(cert.loinc.code);
      const m = cert.metadata(s.input);
      expect(m.jwt.resource_hl7_type).toBe(`('${cert.loinc.code}^^2.16.840.1.113883.6.1')`);
      expect(m).toMatchObject({ tipoDocumentoLivAlto: 'VAC', tipoAttivitaClinica: 'OBS', assettoOrganizzativo: 'AD_PSC039' });
      expect(cert.header(s.input).version).toEqual(s.input.version);
    }
    let n = 0;
    for (const s of sing.synthetic(opts)) {
      n++;
      const xml = sing.build(s.input);
      expect(xml).toBe(buildSingVaccCda(s.input, s.input.entryId));
      expect(firstAttr(xml, 'templateId', 'root')).toBe(sing.templateId.root);
      expect(firstAttr(xml, 'code', 'code')).toBe(sing.loinc.code);
      expect(sing.metadata(s.input).tipoAttivitaClinica).toBe('ERP');
      expect(s.input.version.documentId).toContain(s.input.entryId);
    }
    expect(n).toBeGreaterThan(opts.count * 0.8);
  });

  it('the scheda singola input names its entry, which must exist and have its AIC', () => {
    const s = [...sing.synthetic(opts)][0]!;
    expect(SingVaccInput.safeParse(s.input).success).toBe(true);
    expect(SingVaccInput.safeParse({ ...s.input, entryId: 'assente' }).success).toBe(false);
    const noAic = { ...s.input, administrations: s.input.administrations.map((a) => (a.id === s.input.entryId ? { ...a, vaccine: { atc: a.vaccine.atc } } : a)) };
    const r = SingVaccInput.safeParse(noAic);
    if (s.input.administrations.some((a) => a.id === s.input.entryId)) {
      expect(r.success).toBe(false);
      expect(r.error!.issues.map((i) => i.message).join()).toMatch(/AIC/);
    }
  });

  it('PDF content is the CDA narrative: one row per entry; the certificate\'s facts hold no clinical notes', () => {
    const s = [...cert.synthetic(opts)].find((x) => x.input.decisions.length > 0) ?? [...cert.synthetic(opts)][0]!;
    const xml = cert.build(s.input);
    const c = cert.pdfContent(s.input, xml);
    expect(c.title).toBe('Certificato vaccinale');
    expect(c.info.date).toBe(s.input.effectiveTime);
    expect(c.info.subject).toContain('82593-5');
    const rows = c.sections[0]!.tables.reduce((n, t) => n + t.rows.length, 0);
    expect(rows).toBe(s.input.administrations.length + s.input.decisions.length);
    expect(c.facts.map(([k]) => k)).toContain('Codice fiscale');
    for (const t of c.sections[0]!.tables) for (const r of t.rows) for (const cell of r) expect(xml).toContain(cell.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
    const one = [...sing.synthetic(opts)][0]!;
    const sc = sing.pdfContent(one.input, sing.build(one.input));
    expect(sc.title).toBe('Scheda della singola vaccinazione');
    // The scheda: one two-column table, one line per recorded fact, the vaccine first.
    expect(sc.sections[0]!.tables).toHaveLength(1);
    expect(sc.sections[0]!.tables[0]!.headers).toEqual(['Voce', 'Valore']);
    expect(sc.sections[0]!.tables[0]!.rows[0]![0]).toBe(one.input.administrations.some((a) => a.id === one.input.entryId) ? 'Vaccino' : 'Tipo');
    expect(sc.sections[0]!.tables[0]!.rows.length).toBeGreaterThan(4);
  });

  it('synthetic panels are seeded: same seed, same bytes; another seed, other documents', () => {
    const a = [...cert.synthetic(opts)].map((s) => cert.build(s.input));
    const b = [...cert.synthetic(opts)].map((s) => cert.build(s.input));
    const c = [...cert.synthetic({ ...opts, seed: 8 })].map((s) => cert.build(s.input));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });
});

describe('the calendar source of the registered vaccination types', () => {
  it('is set by the node side and loads the national calendar once', async () => {
    const { vaccinationCalendarSource } = await import('../../../shared/documents/doc-types/vacc-source.ts');
    await import('../../../electron/services/documents/vaccination-calendar-source.ts');
    const a = vaccinationCalendarSource();
    expect(a.calendar.id).toBe('it-pnpv-2023-2025');
    expect(vaccinationCalendarSource()).toBe(a);
    const t = certVaccDocumentType(vaccinationCalendarSource);
    expect([...t.synthetic({ count: 3, seed: 1, today: TODAY })].length).toBeGreaterThan(0);
  });
});
