/**
 * libxml2's xmllint (xmllint-wasm 5.3.0, MIT) run in the calling thread instead of a fresh
 * worker per call: the emscripten factory is loaded once and the compiled WebAssembly.Module
 * is reused, so a call costs one instantiation plus xmllint's own work (schema parse +
 * validation), not a worker start and a wasm compile (CDA-VALIDATION.md §7: 631 ms per
 * single-document call with the package's worker API).
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

export interface XmllintRun {
  exitCode: number;
  stderr: string;
}

type Factory = (args: Record<string, unknown>) => Promise<unknown>;

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

/** Run xmllint with `args` over an in-memory file system holding `files`. */
export async function runXmllint(files: readonly XmllintFile[], args: readonly string[]): Promise<XmllintRun> {
  const { factory, wasm } = load();
  let stderr = '';
  let exitCode: number | null = null;
  let abort: string | null = null;
  await factory({
    inputFiles: files,
    arguments: [...args],
    print: () => undefined,
    printErr: (text: string) => {
      stderr += `${text}\n`;
    },
    onExit: (code: number) => {
      exitCode = code;
    },
    onAbort: (reason: unknown) => {
      abort = String(reason);
    },
    // Same limits as xmllint-wasm's worker, with room for batches of CDAs.
    wasmMemory: new WebAssembly.Memory({ initial: 256, maximum: 16384 }),
    instantiateWasm: (imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) => {
      void WebAssembly.instantiate(wasm, imports).then((instance) => done(instance, wasm));
      return {};
    },
  });
  if (abort !== null) throw new Error(`xmllint aborted: ${abort}`);
  if (exitCode === null) throw new Error('xmllint did not exit');
  return { exitCode, stderr };
}
