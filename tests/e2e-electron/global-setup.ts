/**
 * Builds the app (electron-vite build: out/main, out/preload, out/renderer) for both specs, and
 * says loudly, once, why the real-binary tests are skipped when there is no Electron binary.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { findElectronBinary } from './electron-binary.ts';

export default function globalSetup(): void {
  const binary = findElectronBinary();
  if (!binary.ok) {
    console.log(`\n[e2e-electron] app.spec.ts SKIPPED: ${binary.reason}\n`);
  }
  // Both specs need out/ (renderer-over-bridge.spec.ts runs without the binary too).
  if (process.env.CARTELLA_E2E_SKIP_BUILD === '1') return;
  const repo = path.resolve(import.meta.dirname, '../..');
  const cli = path.join(repo, 'node_modules/electron-vite/bin/electron-vite.js');
  execFileSync(process.execPath, [cli, 'build'], { cwd: repo, stdio: 'inherit' });
}
