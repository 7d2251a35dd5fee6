import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decryptObject, deriveObjectKey, encryptObject, newObjectId, ObjectStore } from '../../../electron/services/imaging/object-store.ts';
import { AppError } from '../../../shared/errors/index.ts';
import { tempDir } from '../../helpers/temp-services.ts';
import { syntheticDicom } from '../../helpers/dicom-writer.ts';

const KEY = 'cd'.repeat(32);
const plain = syntheticDicom({ patientName: 'Esposito^Gennaro', patientId: 'H-42', studyUid: '2.25.1', seriesUid: '2.25.1.1', sopInstanceUid: '2.25.1.1.1' });

describe('imaging files at rest', () => {
  let dir: ReturnType<typeof tempDir>;
  afterEach(() => dir?.dispose());

  it('round-trip through staging and commit; on disk neither the DICM prefix nor the patient name can be read', async () => {
    dir = tempDir();
    const store = new ObjectStore(dir.path, await deriveObjectKey(KEY));
    const session = newObjectId();
    const id = newObjectId();
    await store.stage(session, id, plain);
    await store.commit(session, id);
    expect(Buffer.from(await store.read(id)).equals(Buffer.from(plain))).toBe(true);
    const stored = readFileSync(store.objectPath(id));
    expect(stored.length).toBe(plain.length + 8 + 12 + 16);
    expect(stored.includes(Buffer.from('DICM'))).toBe(false);
    expect(stored.includes(Buffer.from('Esposito'))).toBe(false);
    expect((store.objectPath(id).startsWith(join(dir.path, 'imaging', 'objects', id.slice(0, 2))))).toBe(true);
    await store.discardSession(session);
    await store.remove(id);
    expect(readdirSync(join(dir.path, 'imaging', 'objects', id.slice(0, 2)))).toEqual([]);
  });

  it('a flipped bit, a truncated file, a file under another object\'s name or another database key: refused', async () => {
    const key = await deriveObjectKey(KEY);
    const a = newObjectId();
    const sealed = await encryptObject(key, a, plain);
    const flipped = sealed.slice();
    flipped[200] = flipped[200]! ^ 1;
    await expect(decryptObject(key, a, flipped)).rejects.toBeInstanceOf(AppError);
    await expect(decryptObject(key, a, sealed.subarray(0, sealed.length - 1))).rejects.toThrow(/authentication failed/);
    await expect(decryptObject(key, newObjectId(), sealed)).rejects.toThrow(/authentication failed/);
    await expect(decryptObject(await deriveObjectKey('ef'.repeat(32)), a, sealed)).rejects.toThrow(/authentication failed/);
    await expect(decryptObject(key, a, plain)).rejects.toThrow(/not an imaging object/);
    // Two encryptions of the same file differ (random IV), and both open.
    const again = await encryptObject(key, a, plain);
    expect(Buffer.from(again).equals(Buffer.from(sealed))).toBe(false);
    expect((await decryptObject(key, a, again)).length).toBe(plain.length);
  });

  it('object and session names are checked before they become paths; a missing file is NOT_FOUND', async () => {
    dir = tempDir();
    const store = new ObjectStore(dir.path, await deriveObjectKey(KEY));
    expect(() => store.objectPath('../../../etc/passwd')).toThrow(AppError);
    expect(() => store.stagingDir('x/../..')).toThrow(AppError);
    await expect(store.read(newObjectId())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const id = newObjectId();
    writeFileSync(join(dir.path, 'x'), 'x');
    await store.stage(newObjectId(), id, plain);
    await store.discardAllStaging();
    expect(readdirSync(join(dir.path, 'imaging'))).toEqual([]);
  });
});
