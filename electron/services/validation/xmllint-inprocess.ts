/**
 * libxml2's xmllint (xmllint-wasm 5.3.0, MIT) loaded into the calling thread instead of the
 * package's fresh worker per call: the emscripten factory is loaded once and the compiled
 * WebAssembly.Module is reused (CDA-VALIDATION.md §7: 631 ms per single-document call with the
 * package's worker API). xsd-worker.ts runs it.
 * xmllint-node.js is the package's worker script: it exports the factory and registers a
 * worker message handler, which gets an inert `worker_threads` stub here.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { compileFunction } from 'node:vm';

export interface XmllintFile {
  fileName: string;
  contents: Uint8Array;
}

/** The emscripten Module object xmllint-node.js's factory is called with (the parts we use). */
export interface XmllintModule {
  inputFiles: readonly XmllintFile[];
  arguments: string[];
  print: (text: string) => void;
  printErr: (text: string) => void;
  onExit: (code: number) => void;
  onAbort: (reason: unknown) => void;
  /** Called after the file system is set up, before main(): devices are created here. */
  onRuntimeInitialized?: () => void;
  wasmMemory: WebAssembly.Memory;
  instantiateWasm: (imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) => object;
  /** Set by the runtime: a character device whose reads call `input` once per byte (null = end). */
  FS_createDevice?: (parent: string, name: string, input: (() => number | null) | null, output: ((c: number) => void) | null) => unknown;
  FS_createPath?: (parent: string, path: string, canRead: boolean, canWrite: boolean) => unknown;
  /** Set by the runtime: a regular in-memory file with these contents (`canOwn`: kept, not copied). */
  FS_createDataFile?: (parent: string, name: string, data: Uint8Array, canRead: boolean, canWrite: boolean, canOwn: boolean) => unknown;
  FS_unlink?: (path: string) => unknown;
}

type Factory = (module: XmllintModule) => Promise<unknown>;

let loaded: { factory: Factory; wasm: WebAssembly.Module } | null = null;

function load(): { factory: Factory; wasm: WebAssembly.Module } {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('xmllint-wasm/package.json'));
  const file = join(dir, 'xmllint-node.js');
  const fn = compileFunction(readFileSync(file, 'utf8'), ['exports', 'require', 'module', '__filename', '__dirname'], { filename: file });
  const mod: { exports: unknown } = { exports: {} };
  const stubRequire = (id: string): unknown => (id === 'worker_threads' ? { parentPort: { on: () => undefined } } : require(id));
  fn(mod.exports, stubRequire, mod, file, dir);
  loaded = { factory: mod.exports as Factory, wasm: new WebAssembly.Module(readFileSync(join(dir, 'xmllint.wasm'))) };
  return loaded;
}

/** A memory for runXmllint: limits as xmllint-wasm's worker, with room for large CDAs. */
export function xmllintMemory(): WebAssembly.Memory {
  return new WebAssembly.Memory({ initial: 256, maximum: 16384 });
}

/**
 * Runs xmllint's main() with the given module settings (arguments, input files, devices); the
 * promise settles when main() has returned. The runtime adds its FS functions to `module`
 * itself, so `onRuntimeInitialized` can use them. `memory` may be one an earlier run used,
 * zeroed first (C expects its static data zero, and a fresh memory is): a new one per run
 * would leave the old ones to a garbage collector that a thread with a small JS heap runs
 * rarely, and the thread's memory would grow run after run.
 */
export async function runXmllint(module: Omit<XmllintModule, 'wasmMemory' | 'instantiateWasm'>, memory?: WebAssembly.Memory): Promise<void> {
  const { factory, wasm } = load();
  if (memory) new Uint8Array(memory.buffer).fill(0);
  const full = Object.assign(module, {
    wasmMemory: memory ?? xmllintMemory(),
    instantiateWasm: (imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) => {
      void WebAssembly.instantiate(wasm, imports).then((instance) => done(instance, wasm));
      return {};
    },
  });
  await factory(full);
}
