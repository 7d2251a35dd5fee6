/**
 * Builds the app (electron-vite) when an Electron binary exists; otherwise says loudly, once,
 * why every Electron test is skipped.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { findElectronBinary } from './electron-binary.ts';

export default function globalSetup(): void {
  const binary = findElectronBinary();
  if (!binary.ok) {
    console.log(`\n[e2e-electron] SKIPPED: ${binary.reason}\n`);
    return;
  }
  if (process.env.CARTELLA_E2E_SKIP_BUILD === '1') return;
  const repo = path.resolve(import.meta.dirname, '../..');
  const cli = path.join(repo, 'node_modules/electron-vite/bin/electron-vite.js');
  execFileSync(process.execPath, [cli, 'build'], { cwd: repo, stdio: 'inherit' });
}
