/**
 * Sending what the doctor chose to an import session (imaging.importFile), the one way the UI
 * does it (and the contract tests, with the same code):
 * - a folder with a DICOMDIR at its top (a CD): the DICOMDIR first, then exactly the files it
 *   references, found case-insensitively (media-paths.ts); the rest of the CD (viewer program,
 *   autorun) is never read;
 * - another folder: every file whose first bytes look like DICOM; the others are only counted;
 * - single files: each one, reported by the importer when it is not DICOM.
 * Files larger than IMPORT_PART_BYTES go in parts, so no call carries more than that.
 */
import type { z } from 'zod';
import { IMPORT_PART_BYTES, type imagingApi } from '../api/imaging.ts';
import { isDicomdirName, resolveMediaPaths } from '../dicom/media-paths.ts';
import { looksLikeDicom } from '../dicom/parse.ts';

export type ImportFileInput = z.input<(typeof imagingApi)['imaging.importFile']['input']>;
export type ImportFileOutcome = z.output<(typeof imagingApi)['imaging.importFile']['output']>;

export interface UploadSource<F> {
  /** Path relative to the chosen folder's parent ('/'-separated), or the file's name. */
  name: string;
  file: F;
}

export interface UploadIo<F> {
  size(file: F): number;
  slice(file: F, start: number, end: number): Promise<Uint8Array>;
  toBase64(bytes: Uint8Array): string;
  send(input: ImportFileInput): Promise<ImportFileOutcome>;
}

export interface UploadProgress {
  done: number;
  total: number;
}

function depth(name: string): number {
  return name.split('/').length;
}

async function sendFile<F>(sessionId: string, source: UploadSource<F>, alone: boolean, io: UploadIo<F>): Promise<ImportFileOutcome> {
  const size = io.size(source.file);
  const parts = Math.max(1, Math.ceil(size / IMPORT_PART_BYTES));
  let outcome: ImportFileOutcome = { outcome: 'pending' };
  for (let part = 0; part < parts; part++) {
    const bytes = await io.slice(source.file, part * IMPORT_PART_BYTES, Math.min(size, (part + 1) * IMPORT_PART_BYTES));
    outcome = await io.send({ sessionId, name: source.name, dataBase64: io.toBase64(bytes), part, parts, alone });
  }
  return outcome;
}

export async function uploadForImport<F>(
  sessionId: string,
  sources: readonly UploadSource<F>[],
  mode: 'folder' | 'files',
  io: UploadIo<F>,
  onProgress: (p: UploadProgress) => void = () => undefined,
  signal?: AbortSignal,
): Promise<void> {
  const check = () => {
    if (signal?.aborted) throw signal.reason ?? new Error('aborted');
  };
  if (mode === 'files') {
    for (const [k, s] of sources.entries()) {
      check();
      await sendFile(sessionId, s, true, io);
      onProgress({ done: k + 1, total: sources.length });
    }
    return;
  }
  const top = Math.min(...sources.map((s) => depth(s.name)));
  const dicomdir = sources.find((s) => depth(s.name) === top && isDicomdirName(s.name));
  if (dicomdir) {
    const outcome = await sendFile(sessionId, dicomdir, true, io);
    if (outcome.outcome === 'dicomdir') {
      const folder = dicomdir.name.includes('/') ? dicomdir.name.slice(0, dicomdir.name.lastIndexOf('/') + 1) : '';
      const inFolder = sources.filter((s) => s !== dicomdir && s.name.startsWith(folder));
      const found = resolveMediaPaths(outcome.referenced, inFolder.map((s) => s.name.slice(folder.length)));
      const wanted = new Set([...found.values()].map((rel) => folder + rel));
      const chosen = inFolder.filter((s) => wanted.has(s.name));
      for (const [k, s] of chosen.entries()) {
        check();
        await sendFile(sessionId, s, true, io);
        onProgress({ done: k + 1, total: chosen.length });
      }
      return;
    }
  }
  const rest = sources.filter((s) => s !== dicomdir);
  for (const [k, s] of rest.entries()) {
    check();
    const head = await io.slice(s.file, 0, Math.min(132, io.size(s.file)));
    if (looksLikeDicom(head)) await sendFile(sessionId, s, false, io);
    else await io.send({ sessionId, name: s.name, dataBase64: '', skip: true });
    onProgress({ done: k + 1, total: rest.length });
  }
}
