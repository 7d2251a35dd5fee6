import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodeServices } from '../../electron/node-host/node-services.ts';
import { createLogger } from '../../electron/services/logging/logger.ts';

/** Services on a fresh encrypted database in a temporary folder, for one test file. */
export async function tempServices() {
  const dataDir = mkdtempSync(join(tmpdir(), 'cartella-test-'));
  const services = await createNodeServices({ dataDir, runtime: 'in-process', logger: createLogger({ level: 'silent' }) });
  return {
    ...services,
    dataDir,
    async dispose() {
      await services.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function tempDir(): { path: string; dispose(): void } {
  const path = mkdtempSync(join(tmpdir(), 'cartella-test-'));
  return { path, dispose: () => rmSync(path, { recursive: true, force: true }) };
}
