import { describe, expect, it } from 'vitest';
import {
  OUTBOX_EVENTS,
  OUTBOX_STATES,
  STATE_LABELS,
  TERMINAL_STATES,
  TRANSITIONS,
  allowedEvents,
  isOutboxEvent,
  isOutboxState,
  stepFor,
  transition,
  type OutboxEvent,
  type OutboxState,
} from '../../../shared/outbox/state-machine.ts';

/** The expected table, written out independently of the implementation. */
const EXPECTED: Record<OutboxState, Partial<Record<OutboxEvent, OutboxState>>> = {
  draft: { enqueue: 'queued', cancel: 'cancelled' },
  queued: { send_started: 'sending', edit: 'draft', cancel: 'cancelled' },
  sending: { validated: 'queued', accepted: 'accepted', failed_transient: 'waiting_retry', failed_permanent: 'parked', crash_detected: 'reconciling' },
  waiting_retry: { due: 'queued', retry_now: 'queued', edit: 'draft', cancel: 'cancelled', reconciled_accepted: 'accepted', reconciled_rejected: 'parked', reconcile_failed: 'waiting_retry' },
  reconciling: { reconciled_accepted: 'accepted', reconciled_published: 'published', reconciled_absent: 'queued', reconciled_rejected: 'parked', reconcile_failed: 'reconciling' },
  accepted: { final_success: 'published', final_error: 'rejected', status_pending: 'accepted', failed_transient: 'accepted' },
  published: {},
  rejected: { edit: 'draft' },
  parked: { retry_now: 'queued', edit: 'draft', cancel: 'cancelled' },
  cancelled: {},
};

describe('outbox state machine', () => {
  it('every (state, event) pair: allowed exactly as the table says, refused otherwise', () => {
    let allowed = 0;
    let refused = 0;
    for (const s of OUTBOX_STATES) {
      for (const e of OUTBOX_EVENTS) {
        const r = transition(s, e);
        const want = EXPECTED[s][e];
        if (want === undefined) {
          expect(r.ok, `${s} --${e}--> should be refused`).toBe(false);
          if (!r.ok) expect(r.reason).toContain(s);
          refused++;
        } else {
          expect(r, `${s} --${e}-->`).toEqual({ ok: true, from: s, to: want, event: e });
          allowed++;
        }
      }
    }
    expect(allowed + refused).toBe(OUTBOX_STATES.length * OUTBOX_EVENTS.length);
    expect(allowed).toBe(30);
    expect(TRANSITIONS).toEqual(EXPECTED);
  });

  it('terminal states have no exit except editing a rejected document', () => {
    expect(allowedEvents('published')).toEqual([]);
    expect(allowedEvents('cancelled')).toEqual([]);
    expect(allowedEvents('rejected')).toEqual(['edit']);
    for (const t of TERMINAL_STATES) expect(allowedEvents(t).every((e) => e === 'edit')).toBe(true);
  });

  it('a published document can never be cancelled, edited or sent again', () => {
    for (const e of ['cancel', 'edit', 'send_started', 'enqueue', 'retry_now'] as const) expect(transition('published', e).ok).toBe(false);
  });

  it('an entry found sending can only be resolved through reconciliation or a call outcome, never resent directly', () => {
    expect(transition('sending', 'send_started').ok).toBe(false);
    expect(transition('sending', 'retry_now').ok).toBe(false);
    expect(transition('reconciling', 'send_started').ok).toBe(false);
    expect(transition('reconciling', 'cancel').ok).toBe(false);
  });

  it('every state is reachable from draft', () => {
    const seen = new Set<OutboxState>(['draft']);
    const todo: OutboxState[] = ['draft'];
    while (todo.length > 0) {
      const s = todo.pop() as OutboxState;
      for (const to of Object.values(TRANSITIONS[s])) if (!seen.has(to)) (seen.add(to), todo.push(to));
    }
    expect([...seen].sort()).toEqual([...OUTBOX_STATES].sort());
  });

  it('guards, steps and labels', () => {
    expect(isOutboxState('queued')).toBe(true);
    expect(isOutboxState('sent')).toBe(false);
    expect(isOutboxEvent('due')).toBe(true);
    expect(isOutboxEvent('explode')).toBe(false);
    expect(stepFor({ workflowInstanceId: null })).toBe('validate');
    expect(stepFor({ workflowInstanceId: 'w' })).toBe('publish');
    expect(stepFor({ workflowInstanceId: undefined, skipValidation: true })).toBe('publish');
    for (const s of OUTBOX_STATES) expect(STATE_LABELS[s].length).toBeGreaterThan(3);
  });
});
