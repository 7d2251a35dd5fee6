/**
 * Crafted input answered in linear time with a typed verdict: XML nested 5,000 and 100,000
 * levels deep (the schematron walk once overflowed the stack and reported a misleading code;
 * the fast parser was quadratic in depth and gave no answer in minutes), and a PDF whose name
 * tree lists itself (a walk without a visited set doubled its work per level); a truncated
 * PDF is refused as such (pdf-lib's parser error once came out as INTERNAL).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CdaValidator } from '../../../electron/services/validation/cda-validator.ts';
import { extractCdaFromPdf } from '../../../shared/validation/cda/pdf.ts';
import { parsePssCda } from '../../../shared/documents/cda/pss/parse/index.ts';
import { XmlTooDeepError } from '../../../shared/xml/limits.ts';
import { deepXml, selfReferencingNameTreePdf } from '../../helpers/hostile-files.ts';

describe('hostile input: linear work, typed verdicts', () => {
  const validator = CdaValidator.create();

  for (const levels of [300, 5_000, 100_000]) {
    it(`XML nested ${levels.toLocaleString('en')} levels: XML_TOO_DEEP in well under a second`, async () => {
      const t = performance.now();
      const r = await validator.validateXml(deepXml(levels));
      expect(performance.now() - t).toBeLessThan(3000);
      expect(r.valid).toBe(false);
      expect(r.issues.map((i) => i.code)).toContain('XML_TOO_DEEP');
      expect(r.issues.map((i) => i.code)).not.toContain('FILE_UNREADABLE');
    }, 20_000);
  }

  it('a document at the depth limit is still read', async () => {
    const r = await validator.validateXml(deepXml(250));
    expect(r.issues.map((i) => i.code)).not.toContain('XML_TOO_DEEP');
  }, 20_000);

  it('the PSS reader (xmldom) refuses the same depth with the same error', () => {
    expect(() => parsePssCda(new TextDecoder().decode(deepXml(100_000)))).toThrow(XmlTooDeepError);
  });

  it('a PDF whose EmbeddedFiles name tree lists itself: no CDA found, at once', async () => {
    const pdf = await selfReferencingNameTreePdf();
    expect(pdf.length).toBeLessThan(30_000);
    const t = performance.now();
    expect(await extractCdaFromPdf(pdf)).toBeNull();
    expect(performance.now() - t).toBeLessThan(2000);
    await expect(validator.validateFile(pdf)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  }, 20_000);

  it('a truncated PDF is INVALID_INPUT ("Il PDF è danneggiato"), not an internal error', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined); // pdf-lib's notes on the damage
    const pdf = readFileSync(join(import.meta.dirname, '../../fixtures/cda/pdf/PSS.pdf'));
    await expect(validator.validateFile(pdf.subarray(0, 90_335))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      data: { issues: [{ path: 'file', message: 'Il PDF è danneggiato o non leggibile' }] },
    });
    vi.restoreAllMocks();
  }, 20_000);
});
