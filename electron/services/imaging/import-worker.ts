/**
 * Worker-thread entry of the DICOM importer: reads a file (from a path, or bytes the UI sent),
 * parses it whole (so that a truncated or malformed file is found now, not when the doctor
 * opens it), hashes it, encrypts it into the session's staging folder, and answers with its
 * summary, or with what a DICOMDIR references, or that it is not DICOM. Parsing is the heavy
 * part of an import: here it never blocks the main process's event loop. Requests run
 * concurrently (file and crypto I/O overlap the parsing of the next file).
 * Messages: {id, …StageRequest} → {id, ok, value} | {id, ok: false, error}.
 */
import { webcrypto } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { readDicomdir } from '../../../shared/dicom/dicomdir.ts';
import { readMetadata } from '../../../shared/dicom/metadata.ts';
import { looksLikeDicom, parseDicom } from '../../../shared/dicom/parse.ts';
import { MEDIA_STORAGE_DIRECTORY_SOP_CLASS, TAG } from '../../../shared/dicom/tags.ts';
import { unexpected } from '../../../shared/dicom/errors.ts';
import { isAppError } from '../../../shared/errors/index.ts';
import { summarize } from './instance-summary.ts';
import { ObjectStore, type ObjectKey } from './object-store.ts';
import type { StageReply, StageRequest, StageResult } from './import-protocol.ts';

const { key, dataDir } = workerData as { key: ObjectKey; dataDir: string };
const store = new ObjectStore(dataDir, key);
const port = parentPort!;

async function head(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(132);
    const { bytesRead } = await handle.read(buffer, 0, 132, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** A read failure of the source file (not of our staging write): the file is 'unreadable'. */
class SourceUnreadable extends Error {}

async function source(req: StageRequest): Promise<Uint8Array | undefined> {
  if (req.bytes) return req.bytes;
  try {
    // The first bytes first: a viewer program of 100 MB on the CD is never read whole.
    if (!looksLikeDicom(await head(req.path!))) return undefined;
    return new Uint8Array(await readFile(req.path!));
  } catch (e) {
    throw new SourceUnreadable((e as NodeJS.ErrnoException).code ?? String(e));
  }
}

async function stage(req: StageRequest): Promise<StageResult> {
  const bytes = await source(req);
  if (!bytes || !looksLikeDicom(bytes.subarray(0, 132))) return { kind: 'not-dicom' };
  let parsed;
  try {
    parsed = await parseDicom(bytes);
  } catch (e) {
    throw unexpected(e, 'malformed');
  }
  const isDicomdir = parsed.dataSet.elements[TAG.DirectoryRecordSequence] !== undefined
    || parsed.dataSet.string(TAG.MediaStorageSOPClassUID)?.trim() === MEDIA_STORAGE_DIRECTORY_SOP_CLASS;
  if (isDicomdir) {
    const patients = readDicomdir(parsed);
    const studies = patients.flatMap((p) => p.studies);
    const series = studies.flatMap((s) => s.series);
    const instances = series.flatMap((s) => s.instances);
    return {
      kind: 'dicomdir',
      referenced: instances.flatMap((i) => (i.file ? [i.file] : [])),
      listing: { patients: patients.length, studies: studies.length, series: series.length, instances: instances.length },
    };
  }
  const metadata = readMetadata(parsed);
  const sha256 = Buffer.from(await webcrypto.subtle.digest('SHA-256', bytes)).toString('hex');
  await store.stage(req.sessionId, req.objectId, bytes);
  return { kind: 'instance', instance: summarize(metadata, { name: req.name, objectId: req.objectId, size: bytes.length, sha256 }) };
}

port.on('message', (req: StageRequest) => {
  stage(req).then(
    (value) => port.postMessage({ id: req.id, ok: true, value } satisfies StageReply),
    (e: unknown) => {
      const error = isAppError(e)
        ? e.toRpc()
        : e instanceof SourceUnreadable
          ? { code: 'NOT_FOUND' as const, message: `Source file not readable (${e.message})`, data: { entity: 'sourceFile', id: req.name } }
          : { code: 'INTERNAL' as const, message: e instanceof Error ? e.message : String(e) };
      port.postMessage({ id: req.id, ok: false, error } satisfies StageReply);
    },
  );
});
