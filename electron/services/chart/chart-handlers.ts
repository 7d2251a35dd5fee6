/**
 * The Scheda paziente's reads: the Riepilogo, the timeline and the authored documents, each one
 * procedure of the db worker (queries/chart-*.ts); here only the gateway's reason put in words.
 */
import type { AppContract } from '../../../shared/api/index.ts';
import type { Handlers } from '../../../shared/rpc/index.ts';
import type { DbClient } from '../db/client.ts';
import { lastErrorText } from '../outbox/outbox-handlers.ts';
import { collectDue, type DueSource } from './due-sources.ts';
import { localToday } from '../db/queries/clinical-record.ts';

type ChartHandlers = Pick<Handlers<AppContract>, 'summary.get' | 'timeline.list' | 'documents.authored' | 'documents.pdf'>;

export function chartHandlers(db: DbClient, dueSources: readonly DueSource[] = []): ChartHandlers {
  return {
    async 'summary.get'(input) {
      if (dueSources.length === 0) return db.call('summary.get', input);
      // The sources start beside the summary, not after it: their reads queue in the db worker
      // right behind it rather than behind whatever the Scheda asked next (the timeline).
      const today = input.today ?? localToday();
      const [summary, more] = await Promise.all([db.call('summary.get', { ...input, today }), collectDue(dueSources, { patientId: input.patientId, today })]);
      return { ...summary, due: [...summary.due, ...more] };
    },
    async 'timeline.list'(input) {
      return db.call('timeline.list', input);
    },
    async 'documents.authored'(input) {
      const { items } = await db.call('documents.authored', input);
      return {
        items: items.map(({ lastError, parkedReason, ...d }) => ({
          ...d, reason: d.outboxState ? lastErrorText({ state: d.outboxState, lastError, parkedReason }) : null,
        })),
      };
    },
    async 'documents.pdf'(input) {
      return { pdfBase64: Buffer.from(await db.call('documents.pdf', input)).toString('base64') };
    },
  };
}
