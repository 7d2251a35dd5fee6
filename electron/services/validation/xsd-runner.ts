/**
 * XSD validation with libxml2 compiled to wasm (xmllint-wasm 5.3.0; CDA-VALIDATION.md §7):
 * same engine and messages as the referee's `xmllint --schema`. Each xmllint run re-parses the
 * schema, so requests made while a run is going are queued and sent together in the next run
 * (micro-batching), per schema set. Runs in the calling thread (xmllint-inprocess.ts); the app
 * calls it from the validation worker thread.
 */
import { runXmllint, type XmllintFile } from './xmllint-inprocess.ts';
import { splitXmllintOutput, type XsdError } from '../../../shared/validation/cda/xsd.ts';
import type { SchemaFile } from './resources.ts';

interface Pending {
  name: string;
  bytes: Uint8Array;
  resolve: (errors: XsdError[]) => void;
  reject: (e: unknown) => void;
}

/** Documents per xmllint call: bounds wasm memory (each CDA is parsed in turn). */
const MAX_BATCH = 64;

export class XsdRunner {
  private readonly queue: Pending[] = [];
  private running = false;
  private seq = 0;
  private readonly schemaFiles: XmllintFile[];
  private readonly schemaPath: string;

  constructor(readonly set: string, files: readonly SchemaFile[]) {
    const root = files.find((f) => f.name === 'CDA.xsd');
    if (!root) throw new Error(`XSD set ${set}: CDA.xsd missing`);
    this.schemaPath = `${set}/CDA.xsd`;
    this.schemaFiles = files.map((f) => ({ fileName: `${set}/${f.name}`, contents: f.bytes }));
  }

  /** libxml2 messages for one document (empty = valid). */
  validate(bytes: Uint8Array): Promise<XsdError[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ name: `doc/d${++this.seq}.xml`, bytes, resolve, reject });
      void this.pump();
    });
  }

  /** stderr of one xmllint run (exit 0 valid, 3/4 invalid, 1 not well-formed: all data). */
  private async run(batch: readonly Pending[]): Promise<string> {
    const docs = batch.map((p) => ({ fileName: p.name, contents: p.bytes }));
    const result = await runXmllint([...this.schemaFiles, ...docs], ['--schema', this.schemaPath, '--noout', ...batch.map((p) => p.name)]);
    if (result.exitCode > 4) throw new Error(`xmllint exit ${result.exitCode}: ${result.stderr.slice(0, 500)}`);
    return result.stderr;
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          const raw = await this.run(batch);
          const perFile = splitXmllintOutput(raw, batch.map((p) => p.name));
          for (const p of batch) p.resolve(perFile.get(p.name) ?? []);
        } catch (e) {
          for (const p of batch) p.reject(e);
        }
      }
    } finally {
      this.running = false;
    }
  }
}
