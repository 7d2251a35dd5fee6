/**
 * The CLI face of importDicom, for `cartella imaging import` and for `cartella import`, which
 * hands DICOM folders, DICOMDIR files and DICOM files here:
 *
 *   if (await isDicomSource(path)) dicomPaths.push(path);
 *   const { lines, failed } = await runDicomImport(services, dicomPaths, { patientId } | { createPatient });
 *   lines.forEach(printJsonLine);
 *
 * Lines: one per study, {"studyUid","patientId","date","description","modalities","series",
 * "instances","added","alreadyHere","elsewhere","matchedBy"} or {"studyUid",…,"error":{"code",
 * "message"}}; then one per file not imported, {"file","error":{"code":"DICOM_INVALID"|"NOT_FOUND",
 * "reason","message"}}. `failed` when any study or file was not imported.
 */
import { open, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { FileProblem } from '../../shared/api/imaging.ts';
import { isDicomdirName } from '../../shared/dicom/media-paths.ts';
import { looksLikeDicom } from '../../shared/dicom/parse.ts';
import type { Services } from '../services/container.ts';
import { importDicom, type ImportDicomTarget } from '../services/imaging/import-dicom.ts';

async function startsLikeDicom(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = new Uint8Array(132);
    const { bytesRead } = await handle.read(head, 0, 132, 0);
    return looksLikeDicom(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/**
 * Whether a path is for the DICOM importer: a DICOMDIR, a file that starts like DICOM, or a
 * folder with a DICOMDIR or a DICOM file among its first entries (a CD's or a USB stick's).
 */
export async function isDicomSource(path: string): Promise<boolean> {
  const info = await stat(path);
  if (!info.isDirectory()) return isDicomdirName(basename(path)) || startsLikeDicom(path);
  const entries = await readdir(path, { withFileTypes: true });
  if (entries.some((e) => e.isFile() && isDicomdirName(e.name))) return true;
  for (const e of entries.slice(0, 50)) {
    if (e.isFile() && (await startsLikeDicom(join(path, e.name)))) return true;
    if (e.isDirectory() && (await isDicomSource(join(path, e.name)))) return true;
  }
  return false;
}

function problemLine(p: FileProblem): Record<string, unknown> {
  const code = p.reason === 'missing-file' || p.reason === 'unreadable' ? 'NOT_FOUND' : 'DICOM_INVALID';
  const message =
    p.reason === 'missing-file' ? 'The DICOMDIR references this file, which is not on the medium'
    : p.reason === 'unreadable' ? 'The file could not be read'
    : `DICOM file not imported: ${p.reason}`;
  return { file: p.file, error: { code, reason: p.reason, ...(p.detail ? { detail: p.detail } : {}), message } };
}

export async function runDicomImport(
  services: Pick<Services, 'imaging' | 'dispatcher' | 'db'>,
  paths: readonly string[],
  target: ImportDicomTarget,
): Promise<{ lines: Record<string, unknown>[]; failed: boolean }> {
  const result = await importDicom(services, paths, target, { actor: 'cli' });
  const lines: Record<string, unknown>[] = result.studies.map((s) => ({ ...s }));
  lines.push(...result.problems.map(problemLine));
  return { lines, failed: result.problems.length > 0 || result.studies.some((s) => s.error) };
}
