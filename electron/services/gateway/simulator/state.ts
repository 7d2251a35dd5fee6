/**
 * What the simulated gateway remembers (FSE-GATEWAY.md §2): validations usable once within the
 * publication window, the live publications by identificativoDoc, the status events by
 * workflowInstanceId and by traceId, and the ledger of publications (ledger.ts). Given a
 * request that passed every check, it applies the operation: a validation, a publication (the
 * same CDA as validated, only legalAuthenticator may differ; one per identificativoDoc), a
 * replace, a metadata update or a delete.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { SignedOperation } from '../../../../shared/gateway/jwt-claims.ts';
import type { StatusEvent } from '../../../../shared/gateway/schemas.ts';
import type { Ledger } from './ledger.ts';
import { Problem } from './problem.ts';
import { decodeXml } from '../../../../shared/xml/decode.ts';

interface ValidationRecord {
  workflowInstanceId: string;
  cdaHash: string;
  at: number;
  consumed: boolean;
}

interface Transaction {
  workflowInstanceId: string;
  traceId: string;
  events: StatusEvent[];
}

type CdaId = { id?: { root: string; extension: string } | undefined };

function hex(n: number): string {
  return randomBytes(n).toString('hex');
}

/** `legalAuthenticator` may differ between validation and publication (DSP cdaWithoutLegalAuthenticator). */
export function cdaMatchHash(cdaXml: Uint8Array): string {
  let decoded: string;
  try {
    decoded = decodeXml(cdaXml); // the same text whatever the encoding (shared/xml/decode.ts)
  } catch {
    decoded = Buffer.from(cdaXml).toString('latin1');
  }
  const text = decoded.replace(/<([A-Za-z0-9_]+:)?legalAuthenticator\b[\s\S]*?<\/([A-Za-z0-9_]+:)?legalAuthenticator>/, '<legalAuthenticator/>');
  return createHash('sha256').update(text).digest('hex');
}

/** DSP CdaUtility.getWorkflowInstanceId: `<id root>.<sha256(extension)>.<10 hex>^^^^urn:…` (or from idDoc). */
export function workflowInstanceIdFor(facts: CdaId, idDoc?: string): string {
  const prefix = facts.id ? `${facts.id.root}.${createHash('sha256').update(facts.id.extension).digest('hex')}` : createHash('sha256').update(idDoc ?? '').digest('hex');
  return `${prefix}.${hex(5)}^^^^urn:ihe:iti:xdw:2013:workflowInstanceId`;
}

/** Who sent it (from the integrity token), as status events carry it. */
export interface Sender {
  issuer: string;
  subjectRole: string;
}

export type PublishingOperation = Exclude<SignedOperation, 'validation'>;

const EVENT_TYPE = { create: 'PUBLICATION', validateAndCreate: 'PUBLICATION', replace: 'REPLACE', validateAndReplace: 'REPLACE', delete: 'DELETE', updateMetadata: 'UPDATE' } as const;
const OUTCOME = { create: 'published', validateAndCreate: 'published', replace: 'replaced', validateAndReplace: 'replaced', delete: 'deleted', updateMetadata: 'metadata-updated' } as const;

export class GatewayState {
  private readonly validations = new Map<string, ValidationRecord>(); // by workflowInstanceId
  private readonly transactions = new Map<string, Transaction>(); // by workflowInstanceId
  private readonly byTrace = new Map<string, Transaction>();
  private readonly published = new Map<string, { workflowInstanceId: string }>(); // identificativoDoc → live publication

  constructor(
    private readonly ledger: Ledger,
    private readonly now: () => number,
    private readonly publishWindowDays = 5,
  ) {}

  private record(wii: string, traceId: string, event: StatusEvent): void {
    let t = this.transactions.get(wii);
    if (!t) {
      t = { workflowInstanceId: wii, traceId, events: [] };
      this.transactions.set(wii, t);
    }
    t.events.push({ ...event, workflowInstanceId: wii, traceId, eventDate: new Date(this.now()).toISOString() });
    let tt = this.byTrace.get(traceId);
    if (!tt) {
      tt = { workflowInstanceId: wii, traceId, events: [] };
      this.byTrace.set(traceId, tt);
    }
    tt.events.push(t.events[t.events.length - 1] as StatusEvent);
  }

  /** GET /status/{workflowInstanceId} and /status/search/{traceId}. */
  events(op: 'statusByWorkflowInstanceId' | 'statusByTraceId', id: string): StatusEvent[] {
    const t = op === 'statusByWorkflowInstanceId' ? this.transactions.get(id) : this.byTrace.get(id);
    if (!t) throw new Problem('/msg/record-not-found', 'Nessun evento trovato', 404);
    return t.events;
  }

  /** Replace, delete and metadata update need the document published (on INI). */
  requirePublished(identificativoDoc: string): void {
    if (!this.published.has(identificativoDoc)) throw new Problem('/msg/record-not-found', 'Documento non presente su INI', 404);
  }

  /** A successful validation: its event, and with activity=VALIDATION a record usable once for publication. Returns the workflowInstanceId. */
  validated(a: { cda: Uint8Array; facts: CdaId; activity: unknown; traceId: string; sender: Sender }): string {
    const wii = workflowInstanceIdFor(a.facts);
    this.record(wii, a.traceId, { eventType: 'VALIDATION', eventStatus: 'SUCCESS', identificativoDocumento: null, issuer: a.sender.issuer, subjectRole: a.sender.subjectRole });
    if (a.activity === 'VALIDATION') this.validations.set(wii, { workflowInstanceId: wii, cdaHash: cdaMatchHash(a.cda), at: this.now(), consumed: false });
    return wii;
  }

  /** A publication without workflowInstanceId: the gateway finds the validation by the CDA's hash (no copy of the whole table per request). */
  private unconsumedValidationOf(cdaHash: string): ValidationRecord | undefined {
    for (const v of this.validations.values()) if (v.cdaHash === cdaHash && !v.consumed) return v;
    return undefined;
  }

  private refuseDuplicate(op: PublishingOperation, idDoc: string, wii: string, traceId: string): void {
    if (!this.published.has(idDoc)) return;
    this.ledger.append({ at: new Date(this.now()).toISOString(), op, identificativoDoc: idDoc, workflowInstanceId: wii, traceId, outcome: 'refused-duplicate' });
    throw new Problem('/msg/id-doc', 'Identificativo documento già presente', 409);
  }

  /**
   * Applies a checked publication, replace, metadata update or delete: the live publications,
   * the status events, the ledger. Returns the workflowInstanceId.
   */
  apply(a: { op: PublishingOperation; identificativoDoc: string; idParam: string | undefined; cda: Uint8Array | undefined; facts: CdaId | undefined; givenWorkflowInstanceId: string | undefined; fileSha256: string | undefined; traceId: string; sender: Sender }): string {
    const { op, traceId } = a;
    const idDoc = a.identificativoDoc;
    let wii: string;
    if (op === 'create') {
      const hash = cdaMatchHash(a.cda as Uint8Array);
      const given = a.givenWorkflowInstanceId;
      const v = given ? this.validations.get(given) : this.unconsumedValidationOf(hash);
      if (!v) throw new Problem(given ? '/msg/workflow-id-error-extraction' : '/msg/cda-match', given ? 'workflowInstanceId non trovato' : 'Il CDA non risulta validato', 400);
      if (v.cdaHash !== hash) throw new Problem('/msg/cda-match', 'Il CDA non risulta validato', 400);
      if (v.consumed) throw new Problem('/msg/cda-match', 'La validazione di questo CDA è già stata usata per una pubblicazione', 400);
      if (this.now() - v.at > this.publishWindowDays * 86_400_000) throw new Problem('/msg/max-day-limit-exceed', 'Sono passati più di 5 giorni dalla validazione', 400);
      wii = v.workflowInstanceId;
      this.refuseDuplicate(op, idDoc, wii, traceId);
      v.consumed = true;
    } else if (op === 'validateAndCreate') {
      wii = workflowInstanceIdFor(a.facts ?? {});
      this.refuseDuplicate(op, idDoc, wii, traceId);
    } else {
      wii = workflowInstanceIdFor({}, a.idParam);
    }

    const target = op === 'create' || op === 'validateAndCreate' ? idDoc : (a.idParam as string);
    if (op === 'delete') this.published.delete(target);
    else this.published.set(target, { workflowInstanceId: wii });
    const common = { identificativoDocumento: target, issuer: a.sender.issuer, subjectRole: a.sender.subjectRole };
    this.record(wii, traceId, { eventType: EVENT_TYPE[op], eventStatus: 'SUCCESS', ...common });
    if (op !== 'delete' && op !== 'updateMetadata') this.record(wii, traceId, { eventType: 'RIFERIMENTI_INI', eventStatus: 'SUCCESS', ...common });
    this.record(wii, traceId, { eventType: op === 'delete' ? 'INI_DELETE' : op === 'updateMetadata' ? 'INI_UPDATE' : 'SEND_TO_INI', eventStatus: 'SUCCESS', ...common });
    const entry = { at: new Date(this.now()).toISOString(), op, identificativoDoc: target, workflowInstanceId: wii, traceId, outcome: OUTCOME[op] } as const;
    this.ledger.append(a.fileSha256 ? { ...entry, attachmentHash: a.fileSha256 } : entry);
    return wii;
  }
}
