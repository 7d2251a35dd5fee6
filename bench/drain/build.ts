/**
 * out/bench-drain/drain-main.js: drain-main.ts bundled with the node host's esbuild settings
 * (buildNodeBundle of scripts/node-host-bundle.js), rebuilt at every bench run (well under a
 * second). Its service threads come from out/node-host/ (CARTELLA_SERVICE_WORKERS), as the app's.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildNodeBundle } from '../../scripts/node-host-bundle.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const DRAIN_BUNDLE_DIR = join(root, 'out', 'bench-drain');

export async function buildDrainBundle(): Promise<string> {
  const result = await buildNodeBundle({ 'drain-main': 'bench/drain/drain-main.ts' }, DRAIN_BUNDLE_DIR);
  rmSync(DRAIN_BUNDLE_DIR, { recursive: true, force: true });
  for (const f of result.outputFiles) {
    mkdirSync(dirname(f.path), { recursive: true });
    writeFileSync(f.path, f.contents);
  }
  return join(DRAIN_BUNDLE_DIR, 'drain-main.js');
}
