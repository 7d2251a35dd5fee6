/**
 * Rules live as data under resources/cda: discovery by scanning + INDEX.csv,
 * so a newer official schematron dropped in with its INDEX row is used without code change;
 * VERSIONS.json must describe the files actually shipped.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CdaValidator } from '../../../electron/services/validation/cda-validator.ts';
import { computeVersions } from '../../../scripts/validation/update-versions.ts';
import { readCdaHeader, selectSchematron } from '../../../shared/validation/cda/select.ts';
import { parseXml } from '../../../shared/validation/cda/xml.ts';

const CDA_DIR = join(import.meta.dirname, '../../../resources/cda');
const tmp = mkdtempSync(join(tmpdir(), 'cartella-cda-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('resources/cda', () => {
  it('indexes the 22 official schematrons with their templateId roots', () => {
    const v = CdaValidator.create({ resourcesDir: CDA_DIR, skipXsd: true });
    expect(v.index).toHaveLength(22);
    expect(v.index.find((e) => e.templateIdRoot === '2.16.840.1.113883.2.9.10.1.4.1.1')?.file).toBe('schematron_PSS_v4.0.sch');
    expect(v.terminology.size).toBeGreaterThan(50);
  });

  it('VERSIONS.json matches the shipped files (run scripts/validation/update-versions.ts after an update)', () => {
    const shipped = JSON.parse(readFileSync(join(CDA_DIR, 'VERSIONS.json'), 'utf8')) as unknown;
    expect(shipped).toEqual(computeVersions(CDA_DIR));
  });

  it('uses a newer schematron version dropped in with its INDEX row, without code change', async () => {
    const dir = join(tmp, 'cda');
    cpSync(CDA_DIR, dir, { recursive: true });
    // A "v4.1" that adds one assert the official PSS sample fails.
    const sch = readFileSync(join(dir, 'schematron', 'schematron_PSS_v4.0.sch'), 'utf8').replace(
      '<rule context="hl7:ClinicalDocument">',
      '<rule context="hl7:ClinicalDocument"><assert test="false()">ERRORE-999| regola nuova</assert>',
    );
    writeFileSync(join(dir, 'schematron', 'schematron_PSS_v4.1.sch'), sch);
    writeFileSync(
      join(dir, 'schematron', 'INDEX.csv'),
      `${readFileSync(join(dir, 'schematron', 'INDEX.csv'), 'utf8').trimEnd()}\nschematron_PSS_v4.1.sch,4.1,2.16.840.1.113883.2.9.10.1.4.1.1,2026-12-01,x\n`,
    );
    const v = CdaValidator.create({ resourcesDir: dir, skipXsd: true });
    const pss = readFileSync(join(import.meta.dirname, '../../fixtures/cda/official-examples/PSS.xml'));
    expect(selectSchematron(readCdaHeader(parseXml(pss.toString('utf8'))), v.index)?.file).toBe('schematron_PSS_v4.1.sch');
    const r = await v.validateXml(new Uint8Array(pss));
    expect(r.schematron.file).toBe('schematron_PSS_v4.1.sch');
    expect(r.issues.map((i) => i.code)).toEqual(['ERRORE-999']);
  });
});
