/**
 * The XSD thread keeps one compiled schema for many documents (xsd-worker.ts): every document
 * gets its own messages, in any order of valid, invalid and not well-formed ones, across the
 * restarts of xmllint (one every 200 documents), and a warm document costs a small fraction of
 * the first (which compiles the schema). Timing ratios only: figures are in `npm run bench`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CdaResources, defaultCdaResourcesDir } from '../../../electron/services/validation/resources.ts';
import { XsdRunner } from '../../../electron/services/validation/xsd-runner.ts';

const PSS = readFileSync(join(import.meta.dirname, '../../fixtures/cda/official-examples/PSS.xml'));
const INVALID = Buffer.from(PSS.toString('utf8').replace('<realmCode code="IT"/>', '<realmCodeX/>'));
const NOT_WELL_FORMED = Buffer.from('<a><b></a>');
const SET = 'POCD_MT000040UV02';

const runner = new XsdRunner(SET, new CdaResources(defaultCdaResourcesDir()).xsdFiles(SET));
afterAll(() => runner.close());

describe('XSD runner (one compiled schema, one thread)', () => {
  it('answers each of 450 interleaved documents with its own messages, across xmllint restarts', async () => {
    const t0 = performance.now();
    expect(await runner.validate(PSS)).toEqual([]);
    const firstMs = performance.now() - t0;

    const kinds = Array.from({ length: 450 }, (_, i) => (i % 7 === 3 ? 'invalid' : i % 11 === 5 ? 'broken' : 'valid'));
    const t1 = performance.now();
    const answers = await Promise.all(kinds.map((k) => runner.validate(k === 'invalid' ? INVALID : k === 'broken' ? NOT_WELL_FORMED : PSS)));
    const warmMs = (performance.now() - t1) / kinds.length;
    answers.forEach((errors, i) => {
      const kind = kinds[i];
      if (kind === 'valid') expect(errors, `document ${i}`).toEqual([]);
      else if (kind === 'invalid') {
        expect(errors, `document ${i}`).toHaveLength(1);
        expect(errors[0]).toMatchObject({ line: 2, message: expect.stringContaining("Element '{urn:hl7-org:v3}realmCodeX': This element is not expected") });
      } else expect(errors[0]?.message, `document ${i}`).toMatch(/^parser error : Opening and ending tag mismatch/);
    });
    // The schema is not compiled per document: a warm one costs far less than the first.
    expect(warmMs).toBeLessThan(firstMs / 4);
  }, 60_000);

  it('a closed runner rejects, a new request after close starts a fresh thread', async () => {
    const r = new XsdRunner(SET, new CdaResources(defaultCdaResourcesDir()).xsdFiles(SET));
    const rejected = expect(r.validate(PSS)).rejects.toThrow(/closed/);
    await r.close();
    await rejected;
    expect(await r.validate(INVALID)).toHaveLength(1);
    await r.close();
  }, 30_000);
});
