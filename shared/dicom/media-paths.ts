/**
 * A DICOMDIR's Referenced File IDs against the files actually on the medium. PS3.12 (media
 * formats) writes CDs in ISO 9660 with upper-case 8-character names, but what the doctor's
 * computer shows depends on how it mounts them: lower case ("dicom/img0001"), a version
 * suffix (";1"), a trailing dot for names without extension ("IMG0001."), or copies made
 * by hand with any case. So every path component is compared in one normal form: upper
 * case, version suffix and trailing dots removed.
 */

/** The normal form of one path component. */
export function mediaName(component: string): string {
  return component.replace(/;\d+$/, '').replace(/\.+$/, '').toUpperCase();
}

/** The normal form of a '/'-separated relative path. */
export function mediaPath(path: string): string {
  return path.split('/').filter((p) => p !== '' && p !== '.').map(mediaName).join('/');
}

/**
 * For each referenced path (DICOMDIR, '/'-separated, relative to its folder), the available
 * path (relative to the same folder) it names, compared component by component in the
 * normal form; referenced paths with no file are left out of the map. When two available
 * files share a normal form (only on a case-sensitive copy), the first in `available` wins.
 */
export function resolveMediaPaths(referenced: readonly string[], available: readonly string[]): Map<string, string> {
  const byNormal = new Map<string, string>();
  for (const a of available) {
    const key = mediaPath(a);
    if (!byNormal.has(key)) byNormal.set(key, a);
  }
  const out = new Map<string, string>();
  for (const r of referenced) {
    const hit = byNormal.get(mediaPath(r));
    if (hit !== undefined) out.set(r, hit);
  }
  return out;
}

/** Whether a file name is a DICOMDIR, in any of the mounted forms above. */
export function isDicomdirName(name: string): boolean {
  return mediaName(name.split('/').pop() ?? '') === 'DICOMDIR';
}
