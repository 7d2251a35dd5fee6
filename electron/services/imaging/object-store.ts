/**
 * The imported DICOM files at rest: one encrypted file per instance under
 * `<data folder>/imaging/objects/<2 hex>/<object id>`, unreadable without the database key,
 * like the database itself.
 *
 * Why files beside the database rather than blobs inside it: a CD is hundreds of MB. In
 * SQLCipher every 4 KiB page of a blob is encrypted and authenticated on the one database
 * thread, written twice (WAL, then checkpoint) and copied by every backup, and while a large
 * import writes, every other query waits. Files encrypted here go through WebCrypto, which runs
 * in libuv's thread pool (AES-NI, GB/s), never block the database or the event loop, are
 * written once, and are renamed from staging into place at no cost.
 *
 * Format (version 1): "CRTIMG01" (8 bytes) ‖ IV (12 random bytes) ‖ AES-256-GCM ciphertext ‖
 * tag (16 bytes). The additional authenticated data is the magic and the object id, so a file
 * copied over another's name, truncated or altered fails to decrypt (NIST SP 800-38D).
 * The key is HKDF-SHA-256 of the database key with its own `info` (RFC 5869), so the file key
 * and the database key are independent even though one secret backs both.
 */
import { randomBytes, webcrypto } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AppError } from '../../../shared/errors/index.ts';

const MAGIC = new TextEncoder().encode('CRTIMG01');
const IV_BYTES = 12;
const TAG_BYTES = 16;
const OBJECT_ID = /^[0-9a-f]{32}$/;
const subtle = webcrypto.subtle;

export type ObjectKey = webcrypto.CryptoKey;

/** The imaging file key from the database key (64 hex digits). */
export async function deriveObjectKey(databaseKeyHex: string): Promise<ObjectKey> {
  const ikm = await subtle.importKey('raw', Buffer.from(databaseKeyHex, 'hex'), 'HKDF', false, ['deriveKey']);
  return subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: new TextEncoder().encode('cartella imaging objects v1') },
    ikm,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export function newObjectId(): string {
  return randomBytes(16).toString('hex');
}

function aad(objectId: string): Uint8Array {
  const id = new TextEncoder().encode(objectId);
  const out = new Uint8Array(MAGIC.length + id.length);
  out.set(MAGIC);
  out.set(id, MAGIC.length);
  return out;
}

export async function encryptObject(key: ObjectKey, objectId: string, plain: Uint8Array): Promise<Uint8Array> {
  const iv = randomBytes(IV_BYTES);
  const sealed = new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad(objectId), tagLength: TAG_BYTES * 8 }, key, plain));
  const out = new Uint8Array(MAGIC.length + IV_BYTES + sealed.length);
  out.set(MAGIC);
  out.set(iv, MAGIC.length);
  out.set(sealed, MAGIC.length + IV_BYTES);
  return out;
}

/** The plain bytes, or INTERNAL when the file is not ours, altered or another object's. */
export async function decryptObject(key: ObjectKey, objectId: string, stored: Uint8Array): Promise<Uint8Array> {
  const head = MAGIC.length + IV_BYTES;
  if (stored.length < head + TAG_BYTES || !MAGIC.every((b, i) => stored[i] === b)) {
    throw new AppError('INTERNAL', `Imaging object ${objectId}: not an imaging object file`);
  }
  try {
    const iv = stored.subarray(MAGIC.length, head);
    return new Uint8Array(await subtle.decrypt({ name: 'AES-GCM', iv, additionalData: aad(objectId), tagLength: TAG_BYTES * 8 }, key, stored.subarray(head)));
  } catch {
    throw new AppError('INTERNAL', `Imaging object ${objectId}: authentication failed (altered, truncated or misplaced)`);
  }
}

/** Writes `bytes` to `file` durably: a temporary name, fsync, then rename. */
async function writeDurably(file: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  const handle = await open(tmp, 'w', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, file);
}

/** Where the imaging files live, in one data folder. */
export class ObjectStore {
  readonly root: string;

  constructor(dataDir: string, private readonly key: ObjectKey) {
    this.root = join(dataDir, 'imaging');
  }

  objectPath(objectId: string): string {
    if (!OBJECT_ID.test(objectId)) throw new AppError('INTERNAL', 'Malformed imaging object id');
    return join(this.root, 'objects', objectId.slice(0, 2), objectId);
  }

  stagingDir(sessionId: string): string {
    if (!OBJECT_ID.test(sessionId)) throw new AppError('INTERNAL', 'Malformed imaging session id');
    return join(this.root, 'staging', sessionId);
  }

  stagedPath(sessionId: string, objectId: string): string {
    if (!OBJECT_ID.test(objectId)) throw new AppError('INTERNAL', 'Malformed imaging object id');
    return join(this.stagingDir(sessionId), objectId);
  }

  /** Encrypts and writes one object in a session's staging folder. */
  async stage(sessionId: string, objectId: string, plain: Uint8Array): Promise<void> {
    await writeDurably(this.stagedPath(sessionId, objectId), await encryptObject(this.key, objectId, plain));
  }

  /** Moves a staged object into place (same file system: a rename). */
  async commit(sessionId: string, objectId: string): Promise<void> {
    const target = this.objectPath(objectId);
    await mkdir(dirname(target), { recursive: true });
    await rename(this.stagedPath(sessionId, objectId), target);
  }

  async read(objectId: string): Promise<Uint8Array> {
    let stored: Buffer;
    try {
      stored = await readFile(this.objectPath(objectId));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('NOT_FOUND', 'Imaging object file missing', { entity: 'imagingObject', id: objectId });
      throw e;
    }
    return decryptObject(this.key, objectId, stored);
  }

  async remove(objectId: string): Promise<void> {
    await rm(this.objectPath(objectId), { force: true });
  }

  async discardSession(sessionId: string): Promise<void> {
    await rm(this.stagingDir(sessionId), { recursive: true, force: true });
  }

  /** Staging left by a run that stopped mid-import: nothing in it was indexed. */
  async discardAllStaging(): Promise<void> {
    await rm(join(this.root, 'staging'), { recursive: true, force: true });
  }
}
