// Whether the Electron binary is installed. The `electron` package downloads it lazily on the
// first require (TOOLCHAIN.md §6), so we look for the file its path.txt names instead of
// requiring it: on a machine without internet the lazy download would fail after a delay.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

export function electronBinary() {
  try {
    const pkg = createRequire(import.meta.url).resolve('electron/package.json');
    const dir = dirname(pkg);
    const pathFile = join(dir, 'path.txt');
    if (!existsSync(pathFile)) return { available: false, reason: 'Electron binary not downloaded (node_modules/electron/path.txt missing)' };
    const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    if (!existsSync(binary)) return { available: false, reason: `Electron binary missing at ${binary}` };
    return { available: true, binary };
  } catch (e) {
    return { available: false, reason: `electron package not installed: ${e.message}` };
  }
}
