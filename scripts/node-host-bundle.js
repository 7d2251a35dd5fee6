// The node host as a built bundle (out/node-host/): tsx compiling some 500 TypeScript files at
// every start cost seconds before the host listened. esbuild bundles our sources only; every
// npm package (native modules, wasm codecs, xmllint-wasm) stays external and is loaded from
// node_modules as before. The service worker threads are entries of their own, emitted beside
// index.js where electron/services/workers/spawn-worker.ts looks for them (the same names as
// out/main/, electron.vite.config.ts).
//
// ensureNodeHostBundle() rebuilds only when the bundle is missing or one of its inputs (listed
// in out/node-host/meta.json by the last build) is newer than it, so `npm start`, the e2e host
// and the bench need no separate build step. `npm run node-host` still runs the sources (tsx).
//
// `node scripts/node-host-bundle.js` builds it (if stale) and prints its entry.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const NODE_HOST_BUNDLE_DIR = join(root, 'out', 'node-host');
export const NODE_HOST_ENTRY = join(NODE_HOST_BUNDLE_DIR, 'index.js');
const META = join(NODE_HOST_BUNDLE_DIR, 'meta.json');

/** Entry name → source; the worker names are those spawn-worker.ts callers write. */
const ENTRIES = {
  index: 'electron/node-host/index.ts',
  'db-worker': 'electron/services/db/worker.ts',
  'signing-worker': 'electron/services/signing/worker-host.ts',
  'validation-worker': 'electron/services/validation/worker.ts',
  'xsd-worker': 'electron/services/validation/xsd-worker.ts',
  'imaging-worker': 'electron/services/imaging/import-worker.ts',
  'test-token': 'electron/services/signing/test-token.ts',
};

/** Files whose change alters the output without being an input of it. */
const BUILD_INPUTS = [fileURLToPath(import.meta.url), join(root, 'package.json')];

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return Infinity;
  }
}

/** Why the bundle must be (re)built, or null when it is up to date. */
export function nodeHostBundleStaleReason() {
  if (!existsSync(NODE_HOST_ENTRY) || !existsSync(META)) return 'missing';
  const builtAt = mtime(META);
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(META, 'utf8')).inputs;
  } catch {
    return 'unreadable meta.json';
  }
  for (const rel of [...inputs, ...BUILD_INPUTS.map((f) => relative(root, f))]) {
    if (mtime(join(root, rel)) > builtAt) return `${rel} changed`;
  }
  for (const name of Object.keys(ENTRIES)) if (!existsSync(join(NODE_HOST_BUNDLE_DIR, `${name}.js`))) return `${name}.js missing`;
  return null;
}

/**
 * esbuild with the node host's settings, nothing written (outputFiles and metafile returned):
 * shared with the bench (bench/drain/), whose child process must run our code as the app does.
 * `entries` maps output name → source path relative to the repository root.
 */
export async function buildNodeBundle(entries, outdir) {
  // esbuild comes with tsx (a dependency); imported here so that a fresh bundle costs nothing.
  const { build, stop } = await import('esbuild');
  try {
    return await build({
      absWorkingDir: root,
      entryPoints: Object.fromEntries(Object.entries(entries).map(([name, src]) => [name, join(root, src)])),
      outdir,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20.19',
      packages: 'external',
      // Chunks beside the entries: `new URL('./x-worker.js', import.meta.url)` in any of them
      // then names the sibling entry.
      chunkNames: 'chunk-[hash]',
      sourcemap: 'linked',
      metafile: true,
      write: false,
      logLevel: 'warning',
    });
  } finally {
    // esbuild's service process would otherwise live as long as the caller (npm start).
    await stop();
  }
}

/**
 * Builds out/node-host/ (synchronously, well under a second with esbuild). Each file is written
 * under a temporary name and renamed, chunks before entries: hosts started in parallel (e2e
 * workers) that build at the same moment write identical files and never read a half-written one.
 */
export async function buildNodeHostBundle() {
  const result = await buildNodeBundle(ENTRIES, NODE_HOST_BUNDLE_DIR);
  mkdirSync(NODE_HOST_BUNDLE_DIR, { recursive: true });
  const entries = new Set(Object.keys(ENTRIES).flatMap((n) => [`${n}.js`, `${n}.js.map`]));
  const files = [...result.outputFiles].sort((a, b) => Number(entries.has(basename(a.path))) - Number(entries.has(basename(b.path))));
  const written = new Set(['meta.json']);
  for (const f of files) {
    mkdirSync(dirname(f.path), { recursive: true });
    const tmp = `${f.path}.${process.pid}.tmp`;
    writeFileSync(tmp, f.contents);
    renameSync(tmp, f.path);
    written.add(relative(NODE_HOST_BUNDLE_DIR, f.path));
  }
  // Chunks of earlier builds (their hashes differ) go; temporary files of a parallel build stay.
  for (const name of readdirSync(NODE_HOST_BUNDLE_DIR)) {
    if (!written.has(name) && !name.endsWith('.tmp')) rmSync(join(NODE_HOST_BUNDLE_DIR, name), { force: true, recursive: true });
  }
  const inputs = Object.keys(result.metafile.inputs).filter((p) => !p.startsWith('node_modules/'));
  const tmp = `${META}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ inputs }, null, 1));
  renameSync(tmp, META);
  return NODE_HOST_ENTRY;
}

/** The bundle's entry, built first when missing or older than its sources. */
export async function ensureNodeHostBundle() {
  if (nodeHostBundleStaleReason() === null) return NODE_HOST_ENTRY;
  return buildNodeHostBundle();
}

/**
 * The node arguments that start the node host: the bundle (built first when stale), or the
 * sources through tsx when CARTELLA_NODE_HOST_SOURCE=1 (debugging with the original files).
 */
export async function nodeHostArgs() {
  if (process.env.CARTELLA_NODE_HOST_SOURCE === '1') return ['--import', 'tsx', join(root, 'electron', 'node-host', 'index.ts')];
  return [await ensureNodeHostBundle()];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const reason = nodeHostBundleStaleReason();
  const t = performance.now();
  await ensureNodeHostBundle();
  process.stdout.write(reason ? `node host bundle built (${reason}) in ${Math.round(performance.now() - t)} ms: ${NODE_HOST_ENTRY}\n` : `node host bundle up to date: ${NODE_HOST_ENTRY}\n`);
}
