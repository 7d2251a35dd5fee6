/**
 * Finds the Electron executable without ever triggering electron's lazy download.
 * `require('electron')` downloads the binary on first use and throws after ~1 s (ENOTFOUND)
 * on machines that cannot reach github.com (TOOLCHAIN.md §6), so this file repeats the
 * package's own lookup (node_modules/electron/index.js) with plain file checks.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type ElectronBinary = { ok: true; executablePath: string } | { ok: false; reason: string };

export function findElectronBinary(): ElectronBinary {
  let packageDir: string;
  try {
    packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch (error) {
    return { ok: false, reason: `Electron binary not available: the electron package is not installed (${(error as Error).message})` };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;

  let executablePath: string;
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    executablePath = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
  } else if (relative) {
    executablePath = path.join(packageDir, 'dist', relative);
  } else {
    return {
      ok: false,
      reason:
        `Electron binary not available: ${path.relative(process.cwd(), pathFile)} does not exist ` +
        '(the binary is downloaded from github.com on first use, which this machine cannot reach)',
    };
  }
  if (!existsSync(executablePath)) {
    return { ok: false, reason: `Electron binary not available: ${executablePath} does not exist` };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { ok: false, reason: 'Electron binary found but no display: run under xvfb-run -a (DISPLAY is not set)' };
  }
  return { ok: true, executablePath };
}
