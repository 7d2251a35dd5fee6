/**
 * PKCS#11 module presets for the card middlewares common in Italy, and a scan of the usual
 * install paths. The paths come from the vendors' installers as commonly documented; none has
 * been tested with a real card yet (the module path is a setting: any path can be used).
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { FoundModule, ModulePreset, OsName } from '../../../shared/signing/types.ts';

const WIN_SYS = 'C:\\Windows\\System32';

export const MODULE_PRESETS: ModulePreset[] = [
  // ---- Linux
  { id: 'opensc', vendor: 'OpenSC', os: 'linux', description: 'OpenSC (driver generico, CNS e molte carte di firma)',
    paths: ['/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so', '/usr/lib/x86_64-linux-gnu/pkcs11/opensc-pkcs11.so',
      '/usr/lib/aarch64-linux-gnu/opensc-pkcs11.so', '/usr/lib64/opensc-pkcs11.so', '/usr/lib/opensc-pkcs11.so',
      '/usr/local/lib/opensc-pkcs11.so'] },
  { id: 'bit4id', vendor: 'bit4id', os: 'linux', description: 'bit4id (InfoCamere, Aruba, token di firma bit4id)',
    paths: ['/usr/lib/libbit4xpki.so', '/usr/local/lib/libbit4xpki.so', '/usr/lib/bit4id/libbit4xpki.so',
      '/usr/lib/libbit4ipki.so', '/usr/lib/libbit4opki.so', '/usr/lib/libbit4npki.so'] },
  { id: 'athena', vendor: 'Athena IDProtect', os: 'linux', description: 'Athena / IDProtect (carte CNS e firma Athena)',
    paths: ['/usr/lib/libASEP11.so', '/usr/local/lib/libASEP11.so', '/usr/lib/x86_64-linux-gnu/libASEP11.so'] },
  { id: 'incard', vendor: 'Incard', os: 'linux', description: 'Incard (carte CNS e firma Incard / ST)',
    paths: ['/usr/lib/libincryptoki2.so', '/usr/local/lib/libincryptoki2.so', '/usr/lib/libinp11.so'] },
  { id: 'oberthur', vendor: 'Oberthur / IDEMIA', os: 'linux', description: 'Oberthur / IDEMIA (carte firma Oberthur)',
    paths: ['/usr/lib/libOcsCryptoki.so', '/usr/local/lib/libOcsCryptoki.so', '/usr/lib/libbit4opki.so'] },
  { id: 'cardos', vendor: 'Atos CardOS', os: 'linux', description: 'Siemens / Atos CardOS API',
    paths: ['/usr/lib/libsiecap11.so', '/usr/lib/libcardos11.so'] },
  { id: 'softhsm', vendor: 'SoftHSM2', os: 'linux', description: 'SoftHSM2 (solo test, nessuna carta reale)',
    paths: ['/usr/lib/softhsm/libsofthsm2.so', '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so', '/usr/lib64/pkcs11/libsofthsm2.so'] },
  // ---- macOS
  { id: 'opensc', vendor: 'OpenSC', os: 'darwin', description: 'OpenSC (driver generico, CNS e molte carte di firma)',
    paths: ['/Library/OpenSC/lib/opensc-pkcs11.so', '/usr/local/lib/opensc-pkcs11.so', '/opt/homebrew/lib/opensc-pkcs11.so'] },
  { id: 'bit4id', vendor: 'bit4id', os: 'darwin', description: 'bit4id (InfoCamere, Aruba, token di firma bit4id)',
    paths: ['/usr/local/lib/libbit4xpki.dylib', '/Library/bit4id/pkcs11/libbit4xpki.dylib', '/usr/local/lib/bit4id/libbit4xpki.dylib',
      '/usr/local/lib/libbit4ipki.dylib'] },
  { id: 'athena', vendor: 'Athena IDProtect', os: 'darwin', description: 'Athena / IDProtect (carte CNS e firma Athena)',
    paths: ['/usr/local/lib/libASEP11.dylib', '/usr/lib/libASEP11.dylib'] },
  { id: 'incard', vendor: 'Incard', os: 'darwin', description: 'Incard (carte CNS e firma Incard / ST)',
    paths: ['/usr/local/lib/libincryptoki2.dylib', '/usr/lib/libincryptoki2.dylib'] },
  { id: 'oberthur', vendor: 'Oberthur / IDEMIA', os: 'darwin', description: 'Oberthur / IDEMIA (carte firma Oberthur)',
    paths: ['/usr/local/lib/libOcsCryptoki.dylib', '/usr/local/lib/libbit4opki.dylib'] },
  { id: 'softhsm', vendor: 'SoftHSM2', os: 'darwin', description: 'SoftHSM2 (solo test, nessuna carta reale)',
    paths: ['/opt/homebrew/lib/softhsm/libsofthsm2.so', '/usr/local/lib/softhsm/libsofthsm2.so'] },
  // ---- Windows
  { id: 'opensc', vendor: 'OpenSC', os: 'win32', description: 'OpenSC (driver generico, CNS e molte carte di firma)',
    paths: ['C:\\Program Files\\OpenSC Project\\OpenSC\\pkcs11\\opensc-pkcs11.dll', `${WIN_SYS}\\opensc-pkcs11.dll`] },
  { id: 'bit4id', vendor: 'bit4id', os: 'win32', description: 'bit4id (InfoCamere, Aruba, token di firma bit4id)',
    paths: [`${WIN_SYS}\\bit4xpki.dll`, `${WIN_SYS}\\bit4ipki.dll`, `${WIN_SYS}\\bit4opki.dll`, `${WIN_SYS}\\bit4npki.dll`] },
  { id: 'athena', vendor: 'Athena IDProtect', os: 'win32', description: 'Athena / IDProtect (carte CNS e firma Athena)',
    paths: [`${WIN_SYS}\\asepkcs.dll`, `${WIN_SYS}\\ASEP11.dll`] },
  { id: 'incard', vendor: 'Incard', os: 'win32', description: 'Incard (carte CNS e firma Incard / ST)',
    paths: [`${WIN_SYS}\\incryptoki2.dll`, `${WIN_SYS}\\IpmPki32.dll`] },
  { id: 'oberthur', vendor: 'Oberthur / IDEMIA', os: 'win32', description: 'Oberthur / IDEMIA (carte firma Oberthur)',
    paths: [`${WIN_SYS}\\OcsCryptoki.dll`, `${WIN_SYS}\\bit4opki.dll`] },
  { id: 'cardos', vendor: 'Atos CardOS', os: 'win32', description: 'Siemens / Atos CardOS API',
    paths: [`${WIN_SYS}\\siecap11.dll`, `${WIN_SYS}\\cardos11.dll`] },
];

/** Directories scanned for known module file names, beyond the exact preset paths. */
const SCAN_DIRS: Record<OsName, string[]> = {
  linux: ['/usr/lib', '/usr/lib64', '/usr/local/lib', '/usr/lib/x86_64-linux-gnu', '/usr/lib/x86_64-linux-gnu/pkcs11',
    '/usr/lib/aarch64-linux-gnu', '/usr/lib/pkcs11', '/opt/bit4id/lib'],
  darwin: ['/usr/local/lib', '/opt/homebrew/lib', '/Library/OpenSC/lib'],
  win32: [WIN_SYS],
};

export function currentOs(): OsName {
  return process.platform === 'darwin' ? 'darwin' : process.platform === 'win32' ? 'win32' : 'linux';
}

export function modulePresets(os: OsName = currentOs()): ModulePreset[] {
  return MODULE_PRESETS.filter((p) => p.os === os);
}

function baseName(p: string): string {
  return basename(p.replace(/\\/g, '/')).toLowerCase();
}

/**
 * Finds installed modules: every preset path that exists, then files with a known module name in
 * the usual directories. `roots` (tests) replaces the scanned directories.
 */
export function findModules(os: OsName = currentOs(), roots?: string[]): FoundModule[] {
  const presets = modulePresets(os);
  const found: FoundModule[] = [];
  const seen = new Set<string>();
  const add = (presetId: string, vendor: string, path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    found.push({ presetId, vendor, path });
  };
  if (!roots) for (const p of presets) for (const path of p.paths) if (existsSync(path)) add(p.id, p.vendor, path);
  const byName = new Map<string, ModulePreset>();
  for (const p of presets) for (const path of p.paths) byName.set(baseName(path), p);
  for (const dir of roots ?? SCAN_DIRS[os]) {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      continue;
    }
    for (const e of entries) {
      const preset = byName.get(e.toLowerCase());
      if (preset) add(preset.id, preset.vendor, join(dir, e));
    }
  }
  return found;
}
