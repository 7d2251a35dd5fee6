/**
 * The data folder holds the encrypted database, its key file (node host, CLI) and the sandbox
 * token: readable by the user only, the folder 0700 and its files 0600 (ARCHITECTURE.md §5,
 * secrets at rest). POSIX modes; Windows keeps its own ACLs (chmod there only sets read-only).
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';

const POSIX = process.platform !== 'win32';

/** Creates the folder (and its parents) if needed and makes it the user's only. */
export function privateDirectory(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (POSIX) chmodSync(dir, 0o700);
}

/** Makes an existing file the user's only; a missing one is left missing. */
export function makePrivate(file: string): void {
  if (POSIX && existsSync(file)) chmodSync(file, 0o600);
}

/**
 * Creates an empty file readable by the user only if there is none, so that what is written
 * into it (SQLite creates its -wal and -shm files with the database file's mode) never exists
 * with wider permissions, even for a moment.
 */
export function createPrivateFile(file: string): void {
  if (existsSync(file)) return makePrivate(file);
  try {
    closeSync(openSync(file, 'wx', 0o600));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  makePrivate(file);
}
