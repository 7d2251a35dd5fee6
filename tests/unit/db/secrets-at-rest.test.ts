/**
 * Secrets and files at rest: the data folder is the user's only (0700) and so are the
 * database, its WAL companions and the key file (0600), also for a folder an earlier version
 * left readable; a missing key file beside an existing database is DB_KEY_MISSING (no new key
 * written, the database untouched), a corrupt one DB_KEY_INVALID, both worded in Italian, in
 * the services and through `cartella` itself.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempServicesAt } from '../../helpers/reopen.ts';
import { tempDir } from '../../helpers/temp-services.ts';

const ROOT = join(import.meta.dirname, '../../..');
const mode = (file: string) => statSync(file).mode & 0o777;
const ctx = { actor: 'test', transport: 'in-process' as const };

describe.skipIf(process.platform === 'win32')('secrets and files at rest', () => {
  let dir: ReturnType<typeof tempDir>;
  let data: string;
  beforeEach(() => {
    dir = tempDir();
    data = join(dir.path, 'dati');
  });
  afterEach(() => dir.dispose());

  /** A data folder with a database holding one patient, closed. */
  async function existingDatabase(): Promise<void> {
    const s = await tempServicesAt(data);
    const created = await s.dispatcher.dispatch(
      'patients.create',
      { surname: 'Rossi', givenName: 'Anna', sex: 'F', birthDate: '1980-02-29', identifierKind: 'STP', identifier: 'STP1234567890123' },
      ctx,
    );
    expect(created.ok).toBe(true);
    await s.close();
  }

  it('makes the data folder 0700 and the database, its WAL files and the key file 0600', async () => {
    const s = await tempServicesAt(data);
    try {
      expect((await s.dispatcher.dispatch('patients.search', { text: 'x', limit: 5 }, ctx)).ok).toBe(true);
      expect(mode(data)).toBe(0o700);
      const files = readdirSync(data).filter((f) => f.startsWith('cartella.db') || f === 'dev-secrets.json');
      expect(files).toEqual(expect.arrayContaining(['cartella.db', 'cartella.db-wal', 'dev-secrets.json']));
      for (const f of files) expect(mode(join(data, f)), f).toBe(0o600);
    } finally {
      await s.close();
    }
  });

  it('tightens a folder and a database an earlier version left readable by others', async () => {
    await existingDatabase();
    chmodSync(data, 0o755);
    chmodSync(join(data, 'cartella.db'), 0o644);
    const s = await tempServicesAt(data);
    await s.close();
    expect(mode(data)).toBe(0o700);
    expect(mode(join(data, 'cartella.db'))).toBe(0o600);
  });

  it('refuses a missing key file beside an existing database with DB_KEY_MISSING, writing no new key', async () => {
    await existingDatabase();
    const db = readFileSync(join(data, 'cartella.db'));
    rmSync(join(data, 'dev-secrets.json'));
    await expect(tempServicesAt(data)).rejects.toMatchObject({ code: 'DB_KEY_MISSING', message: expect.stringContaining('Manca la chiave') });
    expect(existsSync(join(data, 'dev-secrets.json'))).toBe(false);
    expect(readFileSync(join(data, 'cartella.db')).equals(db)).toBe(true);
  });

  it('refuses a corrupt key file with DB_KEY_INVALID and leaves it as it was', async () => {
    await existingDatabase();
    for (const corrupt of ['{"database-key": "abc', '[1,2]', '{"database-key": 42}']) {
      writeFileSync(join(data, 'dev-secrets.json'), corrupt);
      await expect(tempServicesAt(data)).rejects.toMatchObject({ code: 'DB_KEY_INVALID', message: expect.stringContaining('danneggiato') });
      expect(readFileSync(join(data, 'dev-secrets.json'), 'utf8')).toBe(corrupt);
    }
    writeFileSync(join(data, 'dev-secrets.json'), JSON.stringify({ 'database-key': 'not-hex' }));
    await expect(tempServicesAt(data)).rejects.toMatchObject({ code: 'DB_KEY_INVALID', message: expect.stringContaining('64 cifre esadecimali') });
  });

  it('cartella answers both with the typed error on stdout and exit 1, and writes no key', async () => {
    await existingDatabase();
    const cli = () =>
      spawnSync(process.execPath, [join(ROOT, 'bin/cartella.js'), 'patients', 'search', 'Rossi', '--db', join(data, 'cartella.db')], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, CARTELLA_LOG_LEVEL: 'silent' },
      });
    const ok = cli();
    expect(ok.status, ok.stderr).toBe(0);
    const keyFile = readFileSync(join(data, 'dev-secrets.json'), 'utf8');
    rmSync(join(data, 'dev-secrets.json'));
    const missing = cli();
    expect(missing.status).toBe(1);
    expect(JSON.parse(missing.stdout.trim())).toMatchObject({ error: { code: 'DB_KEY_MISSING' } });
    expect(existsSync(join(data, 'dev-secrets.json'))).toBe(false);
    writeFileSync(join(data, 'dev-secrets.json'), keyFile.slice(0, 20));
    const corrupt = cli();
    expect(corrupt.status).toBe(1);
    expect(JSON.parse(corrupt.stdout.trim())).toMatchObject({ error: { code: 'DB_KEY_INVALID' } });
  }, 60_000);
});
