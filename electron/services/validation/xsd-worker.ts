/**
 * XSD worker thread: one xmllint (libxml2-wasm) for one schema set, whose schema is compiled
 * once and kept for many documents (CDA-VALIDATION.md §7; compiling the CDA schema is ~100 ms
 * in wasm, validating a PSS against it ~2 ms).
 *
 * xmllint reads its files synchronously, so the documents are fed through gates: character
 * devices of its in-memory file system (`/in/g`, then `/in/s<k>` after each document
 * `/in/d<k>`) whose first read blocks until the next job (Atomics.wait on a shared counter,
 * then receiveMessageOnPort: this thread's event loop is blocked inside main()) and writes
 * that job's bytes as the plain in-memory file `/in/d<k+1>`, which xmllint opens next. The
 * first read of s<k> also means xmllint is done with d<k>, so what it printed since the gate
 * is d<k>'s answer (the gates' own "Document is empty" lines carry the gate's name and are
 * left out by the runner, which keeps the lines naming d<k>). A plain file, not a device, for
 * the document: a device read calls back into JS once per byte, a quarter of a PSS's time
 * here. After DOCS_PER_RUN documents main() ends and a fresh xmllint starts (memory comes back).
 * Messages: XsdJob in, XsdReply out; xsd-runner.ts is the other side.
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { runXmllint, xmllintMemory, type XmllintFile, type XmllintModule } from './xmllint-inprocess.ts';

export interface XsdWorkerData {
  /** Path of CDA.xsd among `files`. */
  schemaPath: string;
  files: XmllintFile[];
  /** Int32Array[1] the runner increments (and notifies) after posting a job. */
  wake: SharedArrayBuffer;
}

export interface XsdJob {
  id: number;
  /** UTF-8 XML (ParsedCda.utf8). */
  bytes: Uint8Array;
}

/** `name` is how xmllint calls the document in `stderr` (`name:line: message`). */
export type XsdReply = { id: number; name: string; stderr: string } | { id: number; error: string };

const DOCS_PER_RUN = 200;

const port = parentPort!;
const { schemaPath, files, wake } = workerData as XsdWorkerData;
const signal = new Int32Array(wake);
/** One memory for every run of this thread (runXmllint zeroes it). */
const memory = xmllintMemory();

function nextJob(): XsdJob {
  for (;;) {
    const seen = Atomics.load(signal, 0);
    const m = receiveMessageOnPort(port);
    if (m) return m.message as XsdJob;
    Atomics.wait(signal, 0, seen);
  }
}

/** One xmllint main(): up to DOCS_PER_RUN documents against the compiled schema; how many it took. */
async function serveOneRun(): Promise<number> {
  let taken = 0;
  let current: XsdJob | undefined;
  let stderr = '';
  let aborted: string | undefined;
  const names: string[] = ['/in/g'];
  for (let k = 0; k < DOCS_PER_RUN; k++) names.push(`/in/d${k}`, `/in/s${k}`);
  const module: Omit<XmllintModule, 'wasmMemory' | 'instantiateWasm'> = {
    inputFiles: files,
    arguments: ['--schema', schemaPath, '--noout', ...names],
    print: () => undefined,
    printErr: (text) => {
      stderr += `${text}\n`;
    },
    onExit: () => undefined,
    onAbort: (reason) => {
      aborted = String(reason);
    },
    onRuntimeInitialized: () => {
      module.FS_createPath!('/', 'in', true, true);
      /** Waits for the next job and writes it as /in/d<k> (the file xmllint opens next). */
      const gate = (k: number): void => {
        const job = nextJob();
        current = job;
        taken++;
        stderr = ''; // what the previous document's gate printed (left out by name)
        module.FS_createDataFile!('/in', `d${k}`, job.bytes, true, false, true);
      };
      let opened = false;
      module.FS_createDevice!('/in', 'g', () => {
        if (!opened) {
          opened = true;
          gate(0);
        }
        return null;
      }, null);
      for (let k = 0; k < DOCS_PER_RUN; k++) {
        let answered = false;
        module.FS_createDevice!('/in', `s${k}`, () => {
          if (!answered && current) {
            answered = true;
            port.postMessage({ id: current.id, name: `/in/d${k}`, stderr } satisfies XsdReply);
            current = undefined;
            module.FS_unlink!(`/in/d${k}`);
            if (k + 1 < DOCS_PER_RUN) gate(k + 1);
          }
          return null;
        }, null);
      }
    },
  };
  try {
    await runXmllint(module, memory);
  } catch (e) {
    aborted ??= e instanceof Error ? e.message : String(e);
  }
  if (current) port.postMessage({ id: current.id, error: `xmllint ended: ${aborted ?? 'no answer'}` } satisfies XsdReply);
  // A run that failed before its first document would fail again: end the thread instead
  // (the runner rejects what is pending and starts a new thread at the next request).
  if (taken === 0) throw new Error(`xmllint did not start: ${aborted ?? 'no reason given'}`);
  return taken;
}

for (;;) await serveOneRun();
