/**
 * Paths given to the importer (CLI, `cartella import`) → what to read. A folder with a
 * DICOMDIR directly inside (a CD, or a copy of one) is read through it: the files it
 * references, found case-insensitively (shared/dicom/media-paths.ts), and nothing else (the
 * viewer program and autorun files beside them are never opened). A DICOMDIR given as a file
 * means its folder. Any other folder is walked, and every file that starts like DICOM is read.
 * A file given on its own is read, and reported when it is not DICOM. Paths come back absolute.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { isDicomdirName } from '../../../shared/dicom/media-paths.ts';

export interface SourceRoot {
  /** The folder (or the single file) as given. */
  path: string;
  /** The root's DICOMDIR, when it is read through one. */
  dicomdir?: string;
  /** Files under the root, as paths; for a DICOMDIR root, what its references are resolved against. */
  files: string[];
  /** A single file given on its own. */
  alone: boolean;
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
    .sort();
}

export async function sourceRoots(paths: readonly string[]): Promise<SourceRoot[]> {
  const roots: SourceRoot[] = [];
  for (const given of paths) {
    const p = resolve(given);
    const info = await stat(p);
    if (info.isDirectory()) {
      const files = await walk(p);
      const dicomdir = files.find((f) => dirname(f) === p && isDicomdirName(basename(f)));
      roots.push(dicomdir ? { path: p, dicomdir, files, alone: false } : { path: p, files, alone: false });
    } else if (isDicomdirName(basename(p))) {
      const folder = dirname(p);
      roots.push({ path: folder, dicomdir: p, files: await walk(folder), alone: false });
    } else {
      roots.push({ path: p, files: [p], alone: true });
    }
  }
  return roots;
}

/** A file's path relative to its root, '/'-separated (as a DICOMDIR's references are). */
export function relativeToRoot(root: string, file: string): string {
  return relative(root, file).split(sep).join('/');
}
