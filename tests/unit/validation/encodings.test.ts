/**
 * One decoding path (shared/xml/decode.ts) for the validator and the importer, with the
 * encodings XML processors must read (UTF-8, UTF-16) and those the gateway's Java parser reads
 * and Italian software writes (windows-1252, ISO-8859-1/-15, US-ASCII): the official PSS in
 * each of them gets the verdict of the UTF-8 original, and the importer reads it the same way.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CdaValidator } from '../../../electron/services/validation/cda-validator.ts';
import { decodeXml, XmlEncodingError } from '../../../shared/xml/decode.ts';
import { tempServices } from '../../helpers/temp-services.ts';

const REPO = join(import.meta.dirname, '../../..');
const PSS = readFileSync(join(REPO, 'tests/fixtures/cda/official-examples/PSS.xml'), 'utf8');
const IMPORT_PSS = readFileSync(join(REPO, 'tests/fixtures/pss/official-PSS.xml'), 'utf8');
const LAB = readFileSync(join(REPO, 'tests/fixtures/cda/official-examples/LAB.xml'), 'utf8');

/** windows-1252: Latin-1 plus the 0x80–0x9F printable characters (only those the samples use). */
const CP1252_EXTRA: Record<string, number> = { '–': 0x96, '—': 0x97, '€': 0x80, '’': 0x92, '“': 0x93, '”': 0x94 };
function encodeSingleByte(text: string, extra: Record<string, number> = {}): Buffer {
  return Buffer.from(Array.from(text, (c) => {
    const cp = c.codePointAt(0)!;
    if (cp < 0x80 || (cp >= 0xa0 && cp <= 0xff)) return cp;
    const b = extra[c];
    if (b === undefined) throw new Error(`not encodable: ${c}`);
    return b;
  }));
}
const declare = (text: string, encoding: string) => `<?xml version="1.0" encoding="${encoding}"?>\n${text.replace(/^<\?xml[^>]*\?>\s*/, '')}`;
const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string) => {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
};

describe('XML encodings: one decoding path', () => {
  let validator: CdaValidator;
  beforeAll(() => {
    validator = CdaValidator.create();
  });

  it('decodes windows-1252, ISO-8859-15, ISO-8859-1, US-ASCII and UTF-16 to the same text', () => {
    const text = declare(PSS, 'windows-1252');
    expect(decodeXml(encodeSingleByte(text, CP1252_EXTRA))).toBe(text);
    const latin = declare(PSS.replace(/–/g, '-'), 'ISO-8859-1');
    expect(decodeXml(encodeSingleByte(latin))).toBe(latin);
    expect(decodeXml(Buffer.from([...Buffer.from(declare('<a>', 'ISO-8859-15')), 0xa4, 0xbd, ...Buffer.from('</a>')]))).toContain('<a>€œ</a>');
    expect(decodeXml(Buffer.from([...Buffer.from(declare('<a>', 'windows-1252')), 0x80, 0x93, 0x94, ...Buffer.from('</a>')]))).toContain('<a>€“”</a>');
    const ascii = declare(PSS.replace(/–/g, '-').replace(/à/g, 'a').replace(/è/g, 'e'), 'US-ASCII');
    expect(decodeXml(Buffer.from(ascii, 'latin1'))).toBe(ascii);
    const u16 = declare(PSS, 'UTF-16');
    expect(decodeXml(utf16le(u16))).toBe(u16);
    expect(decodeXml(utf16be(u16))).toBe(u16);
  });

  it('refuses, with a typed reason, an unknown encoding, bytes invalid for the declared one, and UTF-16 declared on 8-bit bytes', () => {
    const problem = (b: Uint8Array) => {
      try {
        decodeXml(b);
        return 'none';
      } catch (e) {
        return e instanceof XmlEncodingError ? e.problem : 'other';
      }
    };
    expect(problem(Buffer.from(declare('<a/>', 'Shift_JIS')))).toBe('unsupported');
    expect(problem(Buffer.from([...Buffer.from(declare('<a>', 'UTF-8')), 0xc3, 0x28, ...Buffer.from('</a>')]))).toBe('invalid-bytes');
    expect(problem(Buffer.from([...Buffer.from(declare('<a>', 'US-ASCII')), 0xe8, ...Buffer.from('</a>')]))).toBe('invalid-bytes');
    expect(problem(Buffer.from(declare('<a/>', 'UTF-16')))).toBe('declaration-mismatch');
  });

  it('a CDA declared windows-1252 (or ISO-8859-15) gets the verdict of its UTF-8 original, XSD included', async () => {
    const original = await validator.validateXml(Buffer.from(PSS));
    expect(original.valid).toBe(true);
    for (const [enc, bytes] of [
      ['windows-1252', encodeSingleByte(declare(PSS, 'windows-1252'), CP1252_EXTRA)],
      ['ISO-8859-15', encodeSingleByte(declare(PSS.replace(/–/g, '-'), 'ISO-8859-15'))],
      ['UTF-16', utf16le(declare(PSS, 'UTF-16'))],
    ] as const) {
      const r = await validator.validateXml(bytes);
      expect(r.issues.map((i) => `${i.code} ${i.message}`), enc).toEqual(original.issues.map((i) => `${i.code} ${i.message}`));
      expect(r.valid, enc).toBe(true);
      expect(r.xsd, enc).toEqual(original.xsd);
    }
    const unsupported = await validator.validateXml(Buffer.from(declare(PSS, 'EBCDIC-CP-IT')));
    expect(unsupported.valid).toBe(false);
    expect(unsupported.issues[0]?.code).toBe('XML_ENCODING_UNSUPPORTED');
  }, 60_000);
});

describe('the import of received documents (PSS and others) reads what the validator reads', () => {
  let s: Awaited<ReturnType<typeof tempServices>>;
  let patientId: string;
  beforeAll(async () => {
    s = await tempServices();
    const p = await s.dispatcher.dispatch('patients.create', { surname: 'Rossi', givenName: 'Mario', sex: 'M', birthDate: '1922-01-01', identifierKind: 'CF', identifier: 'RSSMRA22A01A399Z' }, { actor: 't', transport: 'in-process' });
    if (!p.ok) throw new Error(p.error.message);
    patientId = (p.value as { id: string }).id;
  }, 60_000);
  afterAll(() => s.dispose());

  const preview = async (bytes: Uint8Array) => s.dispatcher.dispatch('pss.importPreview', { patientId, fileBase64: Buffer.from(bytes).toString('base64') }, { actor: 't', transport: 'in-process' });

  it('a UTF-16 or windows-1252 PSS previews exactly as its UTF-8 original', async () => {
    const original = await preview(Buffer.from(IMPORT_PSS));
    expect(original.ok).toBe(true);
    for (const bytes of [utf16le(declare(IMPORT_PSS, 'UTF-16')), utf16be(declare(IMPORT_PSS, 'UTF-16')), encodeSingleByte(declare(IMPORT_PSS, 'windows-1252'), CP1252_EXTRA)]) {
      const r = await preview(bytes);
      expect(r).toEqual(original);
    }
  }, 60_000);

  it('an unreadable encoding is refused with a typed reason', async () => {
    const r = await preview(Buffer.from(declare(IMPORT_PSS, 'EBCDIC-CP-IT')));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatchObject({ code: 'VALIDATION_FAILED', data: { issues: [{ code: 'XML_ENCODING_UNSUPPORTED' }] } });
  });

  const received = (fileName: string, bytes: Uint8Array) =>
    s.dispatcher.dispatch('import.preview', { fileName, createPatient: true, fileBase64: Buffer.from(bytes).toString('base64') }, { actor: 't', transport: 'in-process' });
  /** The plan without what depends on the bytes rather than the text (hash, size, id, times). */
  const readAs = (r: Awaited<ReturnType<typeof received>>) => {
    if (!r.ok) return r.error;
    const { content, validation } = r.value as { content: unknown; validation: { verdict: string; errors: number; messages: string[] } };
    return { content, validation: { verdict: validation.verdict, errors: validation.errors, messages: validation.messages } };
  };

  it('a received LAB report in UTF-16 or windows-1252 reads and validates as its UTF-8 original', async () => {
    const original = await received('LAB.xml', Buffer.from(LAB));
    expect(original.ok ? 'ok' : original.error).toBe('ok');
    for (const [enc, bytes] of [
      ['UTF-16LE', utf16le(declare(LAB, 'UTF-16'))],
      ['UTF-16BE', utf16be(declare(LAB, 'UTF-16'))],
      ['windows-1252', encodeSingleByte(declare(LAB, 'windows-1252'), CP1252_EXTRA)],
    ] as const) {
      expect(readAs(await received('LAB.xml', bytes)), enc).toEqual(readAs(original));
    }
  }, 60_000);

  it('a received CDA with bytes invalid for its declared encoding: IMPORT_REFUSED XML_ENCODING_INVALID', async () => {
    const r = await received('LAB.xml', Buffer.concat([Buffer.from(declare(LAB, 'US-ASCII').replace('</ClinicalDocument>', '')), Buffer.from([0xe8]), Buffer.from('</ClinicalDocument>')]));
    expect(r.ok ? 'ok' : { code: r.error.code, reason: (r.error.data as { reason: string }).reason }).toEqual({ code: 'IMPORT_REFUSED', reason: 'XML_ENCODING_INVALID' });
  });
});
