import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DbClient } from '../../../electron/services/db/client.ts';
import { openDatabase } from '../../../electron/services/db/open.ts';
import { AppError } from '../../../shared/errors/index.ts';
import { encodeCodiceFiscale } from '../../../shared/domain/codice-fiscale.ts';
import { tempServices } from '../../helpers/temp-services.ts';

const ctx = { actor: 'test', transport: 'in-process' as const };

describe('encryption at rest', () => {
  let s: Awaited<ReturnType<typeof tempServices>>;
  const surname = 'Zanzottera';
  const identifier = encodeCodiceFiscale({ surname, givenName: 'Ottavia', birthDate: '1971-03-09', sex: 'F', belfiore: 'F205' });

  beforeAll(async () => {
    s = await tempServices();
    const r = await s.dispatcher.dispatch(
      'patients.create',
      { surname, givenName: 'Ottavia', sex: 'F', birthDate: '1971-03-09', identifierKind: 'CF', identifier },
      ctx,
    );
    expect(r.ok).toBe(true);
  });
  afterAll(() => s.dispose());

  it('keeps neither the surname nor the codice fiscale in clear in any database file', async () => {
    // Check the WAL and the main file both while open and after the checkpoint at close.
    const files = () => readdirSync(s.dataDir).filter((f) => f.startsWith('cartella.db'));
    const scan = () => {
      for (const f of files()) {
        const bytes = readFileSync(join(s.dataDir, f));
        expect(bytes.includes(Buffer.from(surname)), `${f} contains the surname`).toBe(false);
        expect(bytes.includes(Buffer.from(identifier)), `${f} contains the codice fiscale`).toBe(false);
        expect(bytes.includes(Buffer.from(surname.toUpperCase())), `${f} contains the search key`).toBe(false);
      }
    };
    expect(files().length).toBeGreaterThan(0);
    scan();
    expect(readFileSync(join(s.dataDir, 'cartella.db')).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
  });

  it('refuses a wrong key with DB_KEY_INVALID', async () => {
    const wrong = 'f'.repeat(64);
    expect(() => openDatabase(join(s.dataDir, 'cartella.db'), wrong)).toThrowError(AppError);
    try {
      openDatabase(join(s.dataDir, 'cartella.db'), wrong);
    } catch (e) {
      expect((e as AppError).code).toBe('DB_KEY_INVALID');
    }
    await expect(DbClient.open(join(s.dataDir, 'cartella.db'), wrong)).rejects.toMatchObject({ code: 'DB_KEY_INVALID' });
  });
});
