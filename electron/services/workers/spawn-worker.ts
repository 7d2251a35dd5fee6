import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

export interface ServiceWorkerEntry {
  /**
   * The bundled entry beside the running main bundle (`out/main/<name>.js`, one input of
   * electron.vite.config.ts). Written `new URL('./<name>.js', import.meta.url)` by the caller,
   * so in the bundle it resolves next to out/main/index.js.
   */
  built: URL;
  /** The TypeScript entry, run through tsx in the source checkout (dev, tests, CLI). */
  source: URL;
  workerData?: unknown;
  resourceLimits?: ResourceLimits;
}

/** tsx's ESM API (its CJS build cannot register the loader inside a worker on Node 20). */
function tsxEsmApi(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
}

/**
 * The built entry to run, if any: beside the caller's bundle, else in CARTELLA_SERVICE_WORKERS
 * (a directory of built entries, out/node-host/ of scripts/node-host-bundle.js) when set. That
 * lets a process running the sources (the bench) start its threads as the app does: a thread
 * started from the sources loads tsx too (20–30 MiB each). The variable reaches the threads
 * those threads start, as every worker gets a copy of its parent's environment.
 */
function builtEntry(built: URL): URL | null {
  if (existsSync(fileURLToPath(built))) return built;
  const dir = process.env.CARTELLA_SERVICE_WORKERS;
  if (!dir) return null;
  const file = join(dir, basename(fileURLToPath(built)));
  return existsSync(file) ? pathToFileURL(file) : null;
}

/**
 * Starts a service worker thread (SQLite, PKCS#11 signing, CDA validation): the built entry
 * when present, else the TypeScript source. Passing `--import tsx` in execArgv does not reach
 * a worker's own entry module on Node 20, so the source case registers tsx first, then loads
 * the entry.
 */
export function spawnServiceWorker(entry: ServiceWorkerEntry): Worker {
  const options = { workerData: entry.workerData, resourceLimits: entry.resourceLimits };
  const built = builtEntry(entry.built);
  if (built) return new Worker(built, options);
  const code = `import(${JSON.stringify(tsxEsmApi())}).then((m) => { m.register(); return import(${JSON.stringify(entry.source.href)}); });`;
  return new Worker(code, { ...options, eval: true });
}
