/**
 * The outbox's view of the database: the DbClient procedures (worker thread, production), or
 * the same queries run synchronously on an open Db (CLI, tests) — each call one transaction.
 */
import type { DbClient } from '../db/client.ts';
import type { Db } from '../db/open.ts';
import {
  dueEntries,
  enqueueDeletion,
  enqueueDocument,
  getEntry,
  listEntries,
  nextDueAt,
  outboxStats,
  startSend,
  transitionEntry,
  wakeWaiting,
  type EnqueueArgs,
  type OutboxStats,
  type TransitionArgs,
  type WorkItem,
} from '../db/queries/outbox.ts';
import type { OutboxEntry } from '../../../shared/outbox/job.ts';
import type { OutboxState } from '../../../shared/outbox/state-machine.ts';

export interface OutboxStore {
  enqueue(args: EnqueueArgs): Promise<OutboxEntry>;
  /** Annulla: a deletion entry for a published document (queries/outbox.ts enqueueDeletion). */
  enqueueDeletion(args: { actor: string; documentId: string; patientId?: string }): Promise<OutboxEntry>;
  transition(args: TransitionArgs): Promise<OutboxEntry>;
  startSend(args: { actor: string; entryId: string; now: number }): Promise<WorkItem | null>;
  get(entryId: string): Promise<OutboxEntry>;
  list(states?: OutboxState[]): Promise<OutboxEntry[]>;
  due(now: number, limit: number): Promise<{ id: string; state: OutboxState }[]>;
  nextDueAt(): Promise<number | undefined>;
  stats(): Promise<OutboxStats>;
  /** Makes entries waiting after these errors (default: network, timeout, reset) due now. */
  wake(actor: string, now: number, lastErrors?: string[]): Promise<number>;
}

export function dbClientStore(db: DbClient): OutboxStore {
  return {
    enqueue: (a) => db.call('outbox.enqueue', a),
    enqueueDeletion: (a) => db.call('outbox.enqueueDeletion', a),
    transition: (a) => db.call('outbox.transition', a),
    startSend: (a) => db.call('outbox.startSend', a),
    get: (entryId) => db.call('outbox.get', { entryId }),
    list: (states) => db.call('outbox.list', states ? { states } : {}),
    due: (now, limit) => db.call('outbox.due', { now, limit }),
    nextDueAt: () => db.call('outbox.nextDueAt', undefined as never),
    stats: () => db.call('outbox.stats', undefined as never),
    wake: (actor, now, lastErrors) => db.call('outbox.wake', { actor, now, ...(lastErrors ? { lastErrors } : {}) }),
  };
}

export function syncDbStore(db: Db): OutboxStore {
  const tx = <A, R>(f: (db: Db, a: A) => R) => async (a: A): Promise<R> => db.transaction(() => f(db, a))();
  return {
    enqueue: tx(enqueueDocument),
    enqueueDeletion: tx(enqueueDeletion),
    transition: tx(transitionEntry),
    startSend: tx(startSend),
    get: (entryId) => tx(getEntry)({ entryId }),
    list: (states) => tx(listEntries)(states ? { states } : {}),
    due: (now, limit) => tx(dueEntries)({ now, limit }),
    nextDueAt: async () => nextDueAt(db),
    stats: async () => outboxStats(db),
    wake: (actor, now, lastErrors) => tx(wakeWaiting)({ actor, now, ...(lastErrors ? { lastErrors } : {}) }),
  };
}
