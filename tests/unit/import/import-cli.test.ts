/**
 * `cartella import FILE... [--db PATH] [--create-patient] [--patient ID]` as a program runs it
 * (the real binary, a real database file): one JSON line per file with the agreed fields, exit
 * codes, --create-patient, refusals as {"file","error":{"code","message"}} in Italian, a second
 * run that adds nothing, and a CAdES .p7m made with `openssl cms` whose verdict is stored.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp-services.ts';
import { makeOpensslPki, type OpensslPki } from '../../helpers/openssl-pki.ts';
import { syntheticPatients } from '../../../shared/synthetic/patients.ts';

const run = promisify(execFile);
const OFFICIAL = 'tests/fixtures/cda/official-examples';

async function cartella(...args: string[]): Promise<{ code: number; lines: Array<Record<string, unknown>> }> {
  try {
    const { stdout } = await run('node', ['bin/cartella.js', ...args], { maxBuffer: 10_000_000 });
    return { code: 0, lines: stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
  } catch (e) {
    const x = e as { code: number; stdout: string };
    return { code: x.code, lines: x.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
  }
}

describe('cartella import', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: string;
  let pki: OpensslPki;
  beforeAll(() => {
    dir = tempDir();
    db = join(dir.path, 'cartella.db');
    pki = makeOpensslPki();
  });
  afterAll(() => {
    pki.dispose();
    dir.dispose();
  });

  it('imports official documents, registering their patient with --create-patient; one line per file; again: duplicate', async () => {
    const files = [`${OFFICIAL}/LAB.xml`, `${OFFICIAL}/LDO.xml`, `${OFFICIAL}/RAD.xml`, 'tests/fixtures/import/erf/ERF-1.xml'];
    const first = await cartella('import', '--db', db, '--create-patient', ...files);
    expect(first.code).toBe(0);
    expect(first.lines.map((l) => l['file'])).toEqual(files);
    for (const l of first.lines) {
      expect(Object.keys(l)).toEqual(expect.arrayContaining(['file', 'patientId', 'documentId', 'added', 'duplicate', 'warnings']));
      expect(l['duplicate']).toBe(false);
    }
    expect(new Set(first.lines.map((l) => l['patientId'])).size).toBe(1);
    expect(first.lines.map((l) => l['added'])).toEqual([
      { documents: 1, observations: 1 },
      // The CLI applies the proposals as the app's defaults: problem, allergy, stay, the new medicine.
      { documents: 1, problems: 1, allergies: 1, encounters: 1, therapies: 1 },
      { documents: 1 },
      { documents: 1, dispensations: 2 },
    ]);
    const again = await cartella('import', '--db', db, `${OFFICIAL}/LAB.xml`);
    expect(again.code).toBe(0);
    expect(again.lines[0]).toMatchObject({ duplicate: true, added: {}, patientId: first.lines[0]!['patientId'] });
  }, 180_000);

  it('refuses with a code and an Italian message, exit 1, and goes on with the other files', async () => {
    const bad = join(dir.path, 'rotto.xml');
    writeFileSync(bad, readFileSync(`${OFFICIAL}/LAB.xml`, 'utf8').slice(0, 2000));
    const r = await cartella('import', '--db', db, bad, `${OFFICIAL}/PSS.xml`, 'tests/fixtures/cda/pdf/Test.pdf', 'tests/fixtures/import/csv/omron.csv', join(dir.path, 'manca.xml'), `${OFFICIAL}/RSA.xml`);
    expect(r.code).toBe(1);
    expect(r.lines.map((l) => (l['error'] as { code?: string } | undefined)?.code ?? 'ok')).toEqual(['XML', 'UNKNOWN_PATIENT', 'NO_CDA', 'NO_PATIENT', 'NOT_FOUND', 'ok']);
    expect((r.lines[1]!['error'] as { message: string }).message).toContain('--create-patient');
    expect((r.lines[0]!['error'] as { message: string }).message).toMatch(/^Il file non è un XML leggibile/);
  }, 120_000);

  it('--patient names the patient of a file that names none (device CSV)', async () => {
    const lab = await cartella('import', '--db', db, `${OFFICIAL}/LAB.xml`);
    const r = await cartella('import', '--db', db, '--patient', String(lab.lines[0]!['patientId']), 'tests/fixtures/import/csv/omron.csv');
    expect(r.code).toBe(0);
    expect(r.lines[0]).toMatchObject({ kind: 'DEVICE', added: { documents: 1, observations: 9 } });
  }, 120_000);

  it('a CAdES .p7m of a CDA: opened, its signature verified and the verdict stored; a tampered one is still imported, flagged', async () => {
    const patient = syntheticPatients({ count: 1, seed: 77 })[0]!;
    const xml = readFileSync(`${OFFICIAL}/LAB.xml`, 'utf8')
      .replace(/(<patientRole[^>]*>\s*<id [^>]*extension=")GTWGWY82B42G920M/, `$1${patient.identifier}`)
      .replace(/(<patient>\s*<name>\s*<family>)Test(<\/family>\s*<given>)Giuseppe/, `$1${patient.surname}$2${patient.givenName}`)
      .replace('<administrativeGenderCode code="M"', `<administrativeGenderCode code="${patient.sex}"`)
      .replace('<birthTime value="19930619"/>', `<birthTime value="${patient.birthDate.replace(/-/g, '')}"/>`);
    const src = join(dir.path, 'LAB-firmato.xml');
    writeFileSync(src, xml);
    writeFileSync(join(dir.path, 'sig.crt'), pki.signature.cert);
    writeFileSync(join(dir.path, 'sig.key'), pki.signature.key);
    const p7m = join(dir.path, 'LAB-firmato.xml.p7m');
    await run('openssl', ['cms', '-sign', '-binary', '-nodetach', '-cades', '-md', 'sha256', '-in', src, '-signer', join(dir.path, 'sig.crt'), '-inkey', join(dir.path, 'sig.key'), '-outform', 'DER', '-out', p7m]);
    const r = await cartella('import', '--db', db, '--create-patient', p7m);
    expect(r.code).toBe(0);
    expect(r.lines[0]).toMatchObject({ kind: 'LAB', added: { documents: 1, observations: 1 } });
    // Signed by a CA the settings do not trust: verified, not trusted.
    expect(r.lines[0]!['signature']).toBe('indeterminate');

    const bytes = readFileSync(p7m);
    const at = bytes.indexOf(Buffer.from('16.00'));
    bytes.write('17.00', at);
    const tampered = join(dir.path, 'LAB-alterato.xml.p7m');
    writeFileSync(tampered, bytes);
    // Same document id as the good one: in this database it is a duplicate, the verdict still said.
    expect((await cartella('import', '--db', db, tampered)).lines[0]).toMatchObject({ signature: 'invalid', duplicate: true });
    // In a database of its own: imported (the content is kept as received), with the verdict and a warning.
    const other = tempDir();
    try {
      const t = await cartella('import', '--db', join(other.path, 'cartella.db'), '--create-patient', tampered);
      expect(t.code).toBe(0);
      expect(t.lines[0]).toMatchObject({ signature: 'invalid', duplicate: false, added: { documents: 1, observations: 1 } });
      expect((t.lines[0]!['warnings'] as string[]).some((w) => w.startsWith('Firma:'))).toBe(true);
    } finally {
      other.dispose();
    }
  }, 180_000);
});
