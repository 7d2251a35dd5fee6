/**
 * The outbox service: enqueue a signed document (document + entry in one transaction), the
 * queue for the UI (state, progress, last successful sync), the doctor's actions (retry now,
 * cancel, edit), and the scheduler that drains it.
 */
import type { EnqueueArgs } from '../db/queries/outbox.ts';
import type { OutboxEntry } from '../../../shared/outbox/job.ts';
import { STATE_LABELS, type OutboxEvent } from '../../../shared/outbox/state-machine.ts';
import { OutboxScheduler, type SchedulerOptions } from './scheduler.ts';
import type { OutboxStore } from './store.ts';

export { OutboxScheduler, systemClock, type OutboxGateway, type SchedulerClock, type SchedulerOptions } from './scheduler.ts';
export { dbClientStore, syncDbStore, type OutboxStore } from './store.ts';

export interface OutboxService {
  scheduler: OutboxScheduler;
  enqueue(args: EnqueueArgs): Promise<OutboxEntry>;
  /** Annulla a published document: its deletion queued and sent like a publication. */
  enqueueDeletion(args: { actor: string; documentId: string; patientId?: string }): Promise<OutboxEntry>;
  queue(): Promise<(OutboxEntry & { label: string })[]>;
  summary(): Promise<{ pending: number; needsAttention: number; lastSyncAt: string | null; online: boolean }>;
  /** Doctor actions: retry now (waiting/parked), cancel, edit (back to draft). */
  act(actor: string, entryId: string, action: 'retry' | 'cancel' | 'edit'): Promise<OutboxEntry>;
}

export function createOutboxService(o: SchedulerOptions & { store: OutboxStore }): OutboxService {
  const scheduler = new OutboxScheduler(o);
  return {
    scheduler,
    async enqueue(args) {
      const e = await o.store.enqueue(args);
      scheduler.kick();
      return e;
    },
    async enqueueDeletion(args) {
      const e = await o.store.enqueueDeletion(args);
      scheduler.kick();
      return e;
    },
    async queue() {
      return (await o.store.list()).map((e) => ({ ...e, label: STATE_LABELS[e.state] }));
    },
    async summary() {
      const s = await o.store.stats();
      return { pending: s.pending, needsAttention: s.needsAttention, lastSyncAt: s.lastSyncAt, online: scheduler.status().online };
    },
    async act(actor, entryId, action) {
      const event: OutboxEvent = action === 'retry' ? 'retry_now' : action;
      const current = await o.store.get(entryId);
      // A manual retry of a publication starts again from validation: the old workflowInstanceId
      // may be consumed or expired (5 days), and validating again publishes nothing.
      const revalidate = action === 'retry' && (current.operation === 'create' || current.operation === 'replace');
      const patch = action === 'retry' ? { resetAttempts: true, lastError: null, ...(revalidate ? { step: 'validate' as const, workflowInstanceId: null } : {}) } : {};
      const e = await o.store.transition({ actor, entryId, event, patch });
      if (action === 'retry') scheduler.kick();
      return e;
    },
  };
}
