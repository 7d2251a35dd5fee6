/** The simulator's ledger of what it published: in memory, and as JSON lines when a file is given. */
import { appendFileSync } from 'node:fs';

export interface LedgerEntry {
  at: string;
  op: 'create' | 'replace' | 'delete' | 'updateMetadata' | 'validateAndCreate' | 'validateAndReplace';
  identificativoDoc: string;
  workflowInstanceId: string;
  traceId: string;
  attachmentHash?: string;
  /** 'refused-duplicate': a second create of an identificativoDoc already published (409). */
  outcome: 'published' | 'replaced' | 'deleted' | 'metadata-updated' | 'refused-duplicate';
}

export class Ledger {
  readonly entries: LedgerEntry[] = [];
  constructor(private readonly file?: string) {}

  append(e: LedgerEntry): void {
    this.entries.push(e);
    if (this.file) appendFileSync(this.file, `${JSON.stringify(e)}\n`);
  }

  /** How many times an identificativoDoc was published (create or validate-and-create). */
  publications(identificativoDoc: string): number {
    return this.entries.filter((e) => e.identificativoDoc === identificativoDoc && e.outcome === 'published').length;
  }

  isPublished(identificativoDoc: string): boolean {
    let live = false;
    for (const e of this.entries) {
      if (e.identificativoDoc !== identificativoDoc) continue;
      if (e.outcome === 'published' || e.outcome === 'replaced') live = true;
      if (e.outcome === 'deleted') live = false;
    }
    return live;
  }
}
