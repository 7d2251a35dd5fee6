/**
 * Parity with the referee (CDA-VALIDATION.md §4–§5, §10): every CDA under
 * tests/fixtures/cda/ (copied from ../shared/data/fse/cda/, see MANIFEST-fse.md) is validated
 * and compared with REFEREE-VERDICTS.tsv (XSD verdict, rules file, failed-assert and
 * successful-report counts) and REFEREE-SVRL.jsonl (location, test, message of every failed
 * assert). Known disagreements, if any, are listed with their reason in
 * KNOWN-DISAGREEMENTS.tsv; the test fails on any other.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CdaValidator } from '../../../electron/services/validation/cda-validator.ts';
import { normaliseSpace } from '../../../shared/validation/cda/schematron/run.ts';
import type { CdaValidationResult } from '../../../shared/validation/cda/validate.ts';

const FIXTURES = join(import.meta.dirname, '../../fixtures/cda');

interface Verdict {
  file: string;
  typeId: string;
  xsd: string;
  schematron: string;
  failedAsserts: string;
  successfulReports: string;
}

interface RefSvrl {
  file: string;
  schematron: string;
  failedAsserts: { location: string; test: string; text: string }[];
  successfulReports: { location: string; test: string; text: string }[];
}

function readVerdicts(): Verdict[] {
  const [header, ...lines] = readFileSync(join(FIXTURES, 'REFEREE-VERDICTS.tsv'), 'utf8').trim().split('\n');
  const cols = (header ?? '').split('\t');
  return lines.map((l) => {
    const f = l.split('\t');
    return Object.fromEntries(cols.map((c, i) => [c, f[i] ?? ''])) as unknown as Verdict;
  });
}

function readSvrl(): Map<string, RefSvrl> {
  const m = new Map<string, RefSvrl>();
  for (const line of readFileSync(join(FIXTURES, 'REFEREE-SVRL.jsonl'), 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const o = JSON.parse(line) as RefSvrl;
    m.set(o.file, o);
  }
  return m;
}

function readKnown(): Set<string> {
  const lines = readFileSync(join(FIXTURES, 'KNOWN-DISAGREEMENTS.tsv'), 'utf8').trim().split('\n').slice(1);
  return new Set(lines.filter((l) => l.trim() !== '').map((l) => `${l.split('\t')[0]}\t${l.split('\t')[1]}`));
}

/**
 * The ISO skeleton writes `@test` through an XSLT attribute value template, so `{16}` in a
 * test such as `matches(@extension, '[A-Z0-9]{16}')` comes out as `16` in the referee's SVRL
 * (a toolkit artefact, not a rule difference): compare tests with that applied.
 */
function refTestForm(test: string): string {
  return normaliseSpace(test).replace(/\{([^{}]*)\}/g, '$1');
}

function assertKey(a: { location: string; test: string; text: string }): string {
  return `${a.location}\n${refTestForm(a.test)}\n${normaliseSpace(a.text)}`;
}

const verdicts = readVerdicts();
const svrl = readSvrl();
const known = readKnown();
const results = new Map<string, CdaValidationResult>();
let elapsedMs = 0;

describe('CDA validator parity with the referee (615 documents)', () => {
  beforeAll(async () => {
    const t = performance.now();
    const validator = CdaValidator.create();
    // All documents at once: the XSD runner batches them into few libxml2 calls.
    const all = await Promise.all(verdicts.map((v) => validator.validateXml(new Uint8Array(readFileSync(join(FIXTURES, v.file))))));
    all.forEach((r, i) => results.set((verdicts[i] as Verdict).file, r));
    elapsedMs = performance.now() - t;
  }, 900_000);

  it('covers all 615 referee documents', () => {
    expect(verdicts.length).toBe(615);
    expect(svrl.size).toBe(615);
    expect(results.size).toBe(615);
  });

  it('agrees on the XSD verdict, the rules file and the assert/report counts', () => {
    const disagreements: string[] = [];
    let xsdAgree = 0;
    let countAgree = 0;
    for (const v of verdicts) {
      const r = results.get(v.file) as CdaValidationResult;
      const xsd = r.xsd.valid === null ? 'NA' : r.xsd.valid ? 'OK' : 'FAIL';
      if (xsd === v.xsd || known.has(`${v.file}\txsd`)) xsdAgree++;
      else disagreements.push(`${v.file}: xsd ${xsd} vs referee ${v.xsd}`);
      const file = r.schematron.file ?? 'NONE';
      const counts =
        file === v.schematron &&
        (v.schematron === 'NONE' ||
          (String(r.schematron.failedAsserts) === v.failedAsserts && String(r.schematron.successfulReports) === v.successfulReports));
      if (counts || known.has(`${v.file}\tcounts`)) countAgree++;
      else
        disagreements.push(
          `${v.file}: ${file} ${r.schematron.failedAsserts}/${r.schematron.successfulReports} vs referee ${v.schematron} ${v.failedAsserts}/${v.successfulReports}`,
        );
      if (r.svrl && r.svrl.dynamicErrors.length > 0) disagreements.push(`${v.file}: dynamic error ${r.svrl.dynamicErrors[0]?.message}`);
    }
    console.info(`[parity] XSD ${xsdAgree}/615, counts ${countAgree}/615, ${(elapsedMs / 1000).toFixed(1)} s`);
    expect(disagreements).toEqual([]);
    expect(xsdAgree).toBe(615);
    expect(countAgree).toBe(615);
  });

  it('reports every failed assert with the referee location, test and message', () => {
    const disagreements: string[] = [];
    let agree = 0;
    for (const v of verdicts) {
      const r = results.get(v.file) as CdaValidationResult;
      const ref = svrl.get(v.file) as RefSvrl;
      const mine = (r.svrl?.failedAsserts ?? []).map(assertKey).sort();
      const theirs = (Array.isArray(ref.failedAsserts) ? ref.failedAsserts : []).map(assertKey).sort();
      if (JSON.stringify(mine) === JSON.stringify(theirs) || known.has(`${v.file}\tmessages`)) agree++;
      else {
        const b = new Set(theirs);
        disagreements.push(`${v.file}: first difference ${mine.find((x) => !b.has(x)) ?? theirs.find((x) => !mine.includes(x))}`);
      }
    }
    console.info(`[parity] failed-assert messages ${agree}/615`);
    expect(disagreements).toEqual([]);
  });

  it('gives schematron issues the assert id as code and the Italian message as written', () => {
    const vps = results.get('official-examples/VPS.xml') as CdaValidationResult;
    expect(vps.valid).toBe(false);
    expect(vps.issues.filter((i) => i.source === 'schematron').map((i) => i.code)).toEqual(['ERRORE-56', 'ERRORE-46a']);
    const e56 = vps.issues.find((i) => i.code === 'ERRORE-56');
    expect(e56?.severity).toBe('error');
    expect(e56?.message).toContain("L'elemento assignedEntity può contenere l'elemento addr");
    expect(e56?.location).toContain('/*:legalAuthenticator[namespace-uri()=\'urn:hl7-org:v3\'][1]');
    expect(e56?.context).toBe('//hl7:assignedEntity');
    const pss = results.get('official-examples/PSS.xml') as CdaValidationResult;
    expect(pss.valid).toBe(true);
    expect(pss.issues).toEqual([]);
  });
});
