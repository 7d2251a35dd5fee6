/**
 * The import of received documents behind the contract (shared/api/import.ts): read and
 * verify in the validation worker (read-received.ts), plan and write in the database worker
 * (one transaction, one audit entry), the list and the bytes of what was received (the access
 * audited).
 */
import type { AppContract } from '../../../shared/api/index.ts';
import { DeviceCsvMapping } from '../../../shared/documents/csv/mapping.ts';
import type { ReceivedContent } from '../../../shared/import/content.ts';
import { decodeUtf8Text, sniffFormat } from '../../../shared/import/sniff.ts';
import type { EventHub, Handlers } from '../../../shared/rpc/index.ts';
import type { DbClient } from '../db/client.ts';
import type { CdaValidationWorker } from '../validation/worker-client.ts';
import { cachedValidator, readReceived } from './read-received.ts';

export const CSV_MAPPINGS_KEY = 'import.csvMappings';

type ImportHandlers = Pick<Handlers<AppContract>, 'import.preview' | 'import.apply' | 'received.list' | 'received.get' | 'received.open' | 'import.csvMappings' | 'import.saveCsvMapping'>;

export interface ImportDeps {
  db: DbClient;
  events: EventHub;
  /** Reads the files (off this thread, under a time limit) and validates their CDA. */
  validator: () => CdaValidationWorker;
  /** PEM trust anchors for signatures (the signing settings'). */
  trustAnchors: () => Promise<string[]>;
  /** The doctor profile importing, when there is one. */
  author?: () => Promise<string | undefined>;
}

const MEDIA: Record<string, string> = { cda: 'application/xml', pdf: 'application/pdf', 'pdf-signed': 'application/pdf', p7m: 'application/pkcs7-mime', 'fhir-json': 'application/fhir+json', csv: 'text/csv' };
const EXT: Record<string, string> = { cda: 'xml', pdf: 'pdf', 'pdf-signed': 'pdf', p7m: 'p7m', 'fhir-json': 'json', csv: 'csv' };

export function importService(d: ImportDeps) {
  const validate = cachedValidator(d.validator);
  const mappings = async (): Promise<DeviceCsvMapping[]> => {
    const s = await d.db.call('settings.get', { key: CSV_MAPPINGS_KEY });
    const parsed = DeviceCsvMapping.array().safeParse(s?.value ?? []);
    return parsed.success ? parsed.data : [];
  };

  /** The pipeline: read and verify in the validation worker, plan (and with `apply` write) in the db worker. `onRead` may refuse a kind. */
  async function run(input: Parameters<ImportHandlers['import.apply']>[0], actor: string, apply: boolean, onRead?: (content: ReceivedContent) => void) {
    const bytes = new Uint8Array(Buffer.from(input.fileBase64, 'base64'));
    const read = await readReceived(bytes, {
      fileName: input.fileName, csv: input.csv, mappings: await mappings(), trustAnchorsPem: await d.trustAnchors().catch(() => []), worker: d.validator(), validate,
    });
    onRead?.(read.content);
    const plan = await d.db.call('import.received', {
      actor, patientId: input.patientId, createPatient: input.createPatient, content: read.content, identity: read.identity,
      validation: read.validation, signature: read.signature, decisions: input.decisions, apply,
      ...(apply ? { bytes, createdBy: await d.author?.().catch(() => undefined) } : {}),
    });
    if (plan.applied && plan.patient.id) d.events.emit('patients.changed', { id: plan.patient.id });
    return plan;
  }

  const handlers: ImportHandlers = {
    async 'import.preview'(input, ctx) {
      return run(input, ctx.actor, false);
    },
    async 'import.apply'(input, ctx) {
      return run(input, ctx.actor, true);
    },
    async 'received.list'(input) {
      return d.db.call('received.list', input);
    },
    async 'received.get'(input) {
      const r = await d.db.call('received.get', input);
      return { document: r.document, text: await textOf(r.bytes, r.document.title), derived: r.derived };
    },
    async 'received.open'(input, ctx) {
      const r = await d.db.call('received.open', { actor: ctx.actor, ...input });
      const base = r.document.title.replace(/[^\p{L}\p{N} ._-]+/gu, '').trim().slice(0, 80) || r.document.id;
      const name = /\.[a-z0-9]{2,4}$/i.test(base) ? base : `${base}.${EXT[r.document.format]}`;
      return { fileBase64: Buffer.from(r.bytes).toString('base64'), mediaType: MEDIA[r.document.format] ?? 'application/octet-stream', fileName: name };
    },
    async 'import.csvMappings'() {
      return mappings();
    },
    async 'import.saveCsvMapping'(input, ctx) {
      const list = (await mappings()).filter((m) => m.name !== input.name);
      list.push(input);
      await d.db.call('settings.set', { actor: ctx.actor, key: CSV_MAPPINGS_KEY, value: list });
      return list;
    },
  };

  /** The document's text for the timeline, read again from the stored bytes (the one source), in the worker too. */
  async function textOf(bytes: Uint8Array, title: string): Promise<string> {
    try {
      const read = await d.validator().readReceived(bytes, { fileName: title, mappings: await mappings(), trustAnchorsPem: [] });
      return read.content.text ?? '';
    } catch {
      return sniffFormat(bytes) === 'csv' ? decodeUtf8Text(bytes).slice(0, 20_000) : '';
    }
  }

  return { handlers, run };
}
