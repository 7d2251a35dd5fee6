/**
 * "Closing with unsent documents asks once" (UX.md, "Nothing lost, nothing silent"): which
 * queue states count as not yet sent, shared by the renderer's beforeunload guard (node host)
 * and the Electron window's close prompt. Pure.
 *
 * Unsent: the scheduler still has to send them (queued, sending, waiting_retry) or to find
 * out whether the last send arrived (reconciling). Not counted: accepted (the gateway has it;
 * only the final status is polled), published/rejected/cancelled (final), draft and parked
 * (they wait for the doctor, not for the network: closing does not delay them).
 */
import type { OutboxState } from './state-machine.ts';

export const UNSENT_STATES: readonly OutboxState[] = ['queued', 'sending', 'waiting_retry', 'reconciling'];

/** Unsent documents in an `outbox.summary` byState count (absent states: none). */
export function unsentCount(byState: Partial<Record<OutboxState, number>> | undefined): number {
  if (!byState) return 0;
  let n = 0;
  for (const s of UNSENT_STATES) {
    const v = byState[s];
    if (typeof v === 'number' && Number.isFinite(v) && v > 0) n += Math.floor(v);
  }
  return n;
}
