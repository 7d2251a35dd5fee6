/**
 * Fuzz: the CDA validator (XSD in its thread, schematron, terminology; PDFs through the CDA
 * extraction) on mutated official documents and PDFs. Every case is answered, within the time
 * limit, by a verdict (issues with a code each) or a typed error other than INTERNAL; the
 * validator still gives the original documents their verdict afterwards.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CdaValidator } from '../../electron/services/validation/cda-validator.ts';
import { isAppError } from '../../shared/errors/index.ts';
import type { CdaValidationResult } from '../../shared/validation/cda/validate.ts';
import { CASE_LIMIT_MS, FUZZ_CASES, mutate, rngFor, suiteTimeout, Tally, within, type Rng } from './kit.ts';

const CDA = join(import.meta.dirname, '../fixtures/cda');
const XML_SEEDS = ['PSS', 'SING_VACC', 'CERT_VACC', 'LAB', 'RSA', 'LDO'].map((n) => readFileSync(join(CDA, 'official-examples', `${n}.xml`)));
const PDF_SEEDS = ['PSS.pdf', 'CDA_RESOURCE.pdf'].map((n) => readFileSync(join(CDA, 'pdf', n)));

/** What breaks XML readers: markup, entities, encodings, deep nesting, control characters. */
const XML_TOKENS = [
  '<', '>', '/>', '</', '&', '&amp;', '&#0;', '&#x110000;', '&unknown;', '"', "'", '=', ']]>', '<![CDATA[', '<!--', '-->', '<?xml version="1.0"?>',
  '<!DOCTYPE ClinicalDocument [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
  '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', '&xxe;',
  '<?xml version="1.0" encoding="windows-1252"?>', '<?xml version="1.0" encoding="UTF-16"?>', '<?xml version="1.0" encoding="EBCDIC"?>',
  '\ufeff', '\u0000', '\u0001', '\uffff', '\ud800', 'é', '€',
  'xmlns="urn:hl7-org:v3"', 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"', 'xsi:type="CD"', 'nullFlavor="UNK"',
  '<templateId root="2.16.840.1.113883.2.9.10.1.4.1.1"/>', '<typeId root="2.16.840.1.113883.1.3" extension="POCD_HD000040"/>',
  '<code code="60591-5" codeSystem="2.16.840.1.113883.6.1"/>', '<effectiveTime value="20249999"/>', 'value="-1e400"',
  '<x>'.repeat(300), '</x>'.repeat(300), '<a b="1" b="2"/>', '<a:b xmlns:a=""/>',
];

/** Values that rules check: dates, codes, OIDs, numbers, empty, long, odd text. */
const VALUES = ['', ' ', '20240315', '20240230', '2024-03-15', '99999999999999', 'UNK', 'IT', 'it-IT', '2.16.840.1.113883.2.9.4.3.2', '2.16.840.1.113883.6.1', '60591-5', 'RSSMRA80A01H501U', 'x'.repeat(5000), '-1', '1e400', 'NaN', '&amp;', '💊', 'true'];

/**
 * Edits that keep the document well formed, so that the XSD and the rules judge it: an
 * attribute value or a text changed, an element removed or repeated.
 */
function mutateXml(r: Rng, bytes: Uint8Array): { bytes: Buffer; ops: string[] } {
  let text = Buffer.from(bytes).toString('utf8');
  const ops: string[] = [];
  for (let k = r.between(1, 3); k > 0; k--) {
    const op = r.int(4);
    if (op === 0) {
      const attrs = [...text.matchAll(/="([^"]*)"/g)];
      const a = attrs.length ? r.pick(attrs) : undefined;
      if (!a) continue;
      text = `${text.slice(0, a.index)}="${r.pick(VALUES).replace(/[<&"]/g, '')}"${text.slice(a.index + a[0].length)}`;
      ops.push(`attr@${a.index}`);
    } else if (op === 1) {
      const texts = [...text.matchAll(/>([^<]+)</g)];
      const t = texts.length ? r.pick(texts) : undefined;
      if (!t) continue;
      text = `${text.slice(0, t.index + 1)}${r.pick(VALUES).replace(/[<&]/g, '')}${text.slice(t.index + t[0].length - 1)}`;
      ops.push(`text@${t.index}`);
    } else {
      const tags = [...text.matchAll(/<([A-Za-z][\w:.-]*)[^>]*?(\/?)>/g)].slice(1); // never the root
      const t = tags.length ? r.pick(tags) : undefined;
      if (!t) continue;
      const start = t.index;
      let end = start + t[0].length;
      if (t[2] !== '/') {
        // the matching end tag, counting nested elements of the same name
        const name = t[1] as string;
        const re = new RegExp(`<(/?)${name.replace(/[.]/g, '\\.')}(?=[\\s/>])[^>]*?(/?)>`, 'g');
        re.lastIndex = end;
        let depth = 1;
        for (let m = re.exec(text); m && depth > 0; m = re.exec(text)) {
          if (m[1] === '/') depth--;
          else if (m[2] !== '/') depth++;
          end = m.index + m[0].length;
        }
        if (depth > 0) continue;
      }
      const element = text.slice(start, end);
      text = op === 2 ? text.slice(0, start) + text.slice(end) : text.slice(0, end) + element + text.slice(end);
      ops.push(`${op === 2 ? 'remove' : 'repeat'}@${start}`);
    }
  }
  return { bytes: Buffer.from(text, 'utf8'), ops };
}

function checkVerdict(r: CdaValidationResult): void {
  expect(typeof r.valid).toBe('boolean');
  for (const i of r.issues) {
    expect(typeof i.code).toBe('string');
    expect(i.code.length).toBeGreaterThan(0);
    expect(['error', 'warning', 'info']).toContain(i.severity);
  }
  if (r.valid) expect(r.issues.some((i) => i.severity === 'error')).toBe(false);
}

const validator = CdaValidator.create();
afterAll(() => validator.close());

describe(`fuzz: CDA validator (${FUZZ_CASES} cases)`, () => {
  it('answers every mutated document with a verdict or a typed error, in time', async () => {
    const r = rngFor('cda-validator');
    const tally = new Tally();
    // pdf-lib reports each damaged object on the console: not this suite's output.
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    for (let i = 0; i < FUZZ_CASES; i++) {
      const pdf = r.chance(0.08);
      const seed = pdf ? r.pick(PDF_SEEDS) : r.pick(XML_SEEDS);
      const m = pdf ? mutate(r, seed, [], 3) : r.chance(0.5) ? mutateXml(r, seed) : mutate(r, seed, XML_TOKENS, 5);
      const label = `case ${i} (${pdf ? 'pdf' : 'xml'}: ${m.ops.join(' ')})`;
      try {
        const result = await within(CASE_LIMIT_MS, label, validator.validateFile(m.bytes));
        checkVerdict(result);
        tally.add(result.valid ? 'valid' : result.issues[0]?.source ?? 'invalid');
      } catch (e) {
        if (!isAppError(e) || e.code === 'INTERNAL') throw new Error(`${label}: ${e instanceof Error ? e.stack : String(e)}`);
        tally.add(e.code);
      }
    }
    vi.restoreAllMocks();
    process.stdout.write(`cda validator fuzz: ${tally}\n`);
    // The mutations reach past the parser: some documents are judged by XSD and schematron.
    expect(tally.get('xsd') + tally.get('schematron') + tally.get('valid')).toBeGreaterThan(FUZZ_CASES / 10);
    for (const seed of XML_SEEDS.slice(0, 2)) expect((await validator.validateXml(seed)).valid).toBe(true);
  }, suiteTimeout(120));
});
