/**
 * XSD validation with libxml2 compiled to wasm (xmllint-wasm 5.3.0; CDA-VALIDATION.md §7):
 * same engine and messages as the referee's `xmllint --schema`. Each xmllint-wasm call starts a
 * worker and re-parses the schema (~250 ms), so requests made while a call is running are
 * queued and sent together in the next call (micro-batching), per schema set.
 */
import { validateXML, type XMLFileInfo } from 'xmllint-wasm';
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
const MAX_MEMORY_PAGES = 16384; // 1 GiB ceiling; grows only as needed

export class XsdRunner {
  private readonly queue: Pending[] = [];
  private running = false;
  private seq = 0;
  private readonly schema: XMLFileInfo;
  private readonly preload: XMLFileInfo[];

  constructor(readonly set: string, files: readonly SchemaFile[]) {
    const root = files.find((f) => f.name === 'CDA.xsd');
    if (!root) throw new Error(`XSD set ${set}: CDA.xsd missing`);
    this.schema = { fileName: `${set}/CDA.xsd`, contents: root.bytes };
    this.preload = files.filter((f) => f !== root).map((f) => ({ fileName: `${set}/${f.name}`, contents: f.bytes }));
  }

  /** libxml2 messages for one document (empty = valid). */
  validate(bytes: Uint8Array): Promise<XsdError[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ name: `doc/d${++this.seq}.xml`, bytes, resolve, reject });
      void this.pump();
    });
  }

  /** stderr of one xmllint call. */
  private async run(batch: readonly Pending[]): Promise<string> {
    try {
      const result = await validateXML({
        xml: batch.map((p) => ({ fileName: p.name, contents: p.bytes })),
        schema: this.schema,
        preload: this.preload,
        maxMemoryPages: MAX_MEMORY_PAGES,
      });
      return result.rawOutput;
    } catch (e) {
      // xmllint exits 1 on a not-well-formed document; xmllint-wasm then rejects with the
      // stderr as message and the exit code as `code`. That output is still per-file data.
      const err = e as { code?: unknown; message?: unknown };
      if (typeof err.code === 'number' && err.code > 0 && typeof err.message === 'string') return err.message;
      throw e;
    }
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
