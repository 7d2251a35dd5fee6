/**
 * The repository's resources/ folder (CDA schemas and schematrons, gateway OpenAPI, growth and
 * vaccination tables...), found from this module's own location by walking up to the first
 * folder that holds resources/cda: the same answer when this code runs from its source
 * (electron/services/files/) and when it runs bundled at another depth (out/node-host/,
 * out/main/; scripts/node-host-bundle.js). Each reader keeps its own environment override.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

let found: string | undefined;

export function resourcesDir(): string {
  if (found) return found;
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'resources', 'cda'))) return (found = join(dir, 'resources'));
    if (dirname(dir) === dir) break;
  }
  // Not found: the source layout's answer, so the error names a sensible path.
  return resolve(start, '../../../resources');
}

/** A path inside resources/. */
export function resourcePath(...segments: string[]): string {
  return join(resourcesDir(), ...segments);
}
