/**
 * Fault injection of the simulator: latency, 5xx, 429, timeouts, connection resets, slow and
 * lost responses, decided per request from a seeded RNG (the same seed and the same requests
 * give the same faults), as a network or a front end would produce them.
 */
import type { Socket } from 'node:net';

export interface FaultOptions {
  /** Share of requests answered 500/502/503 (RFC 7807 /msg/generic-error). */
  errorRate?: number;
  /** Share answered 429 with Retry-After: 1. */
  throttleRate?: number;
  /** Share never answered (the socket is closed after `hangMs`). */
  timeoutRate?: number;
  /** Share whose connection is reset before any answer. */
  resetRate?: number;
  /** Share processed fully (published!) whose answer is then lost (connection reset) — a crash-like outcome. */
  lostResponseRate?: number;
  /**
   * How a lost answer is lost: the connection reset (default), or a 500 /msg/generic-error after
   * the request took effect — a front end failing behind a gateway that did publish.
   */
  lostResponseAs?: 'reset' | 'error';
  /** Share delayed by `slowMs` more. */
  slowRate?: number;
  slowMs?: number;
  /** How long a "timeout" request is held before its socket is closed (default 30 s). */
  hangMs?: number;
}

/** What happens to one request, decided before it is read. */
export type FaultDecision =
  | { action: 'reset' }
  | { action: 'hang'; ms: number }
  | { action: 'throttle' }
  /** Answered 500, 502 or 503: draw the status with `errorStatus()` once the body was read. */
  | { action: 'error' }
  /** Processed normally after `delayMs`; with `loseResponse` the answer is then dropped. */
  | { action: 'proceed'; delayMs: number; loseResponse: false | 'reset' | 'error' };

const ERROR_STATUSES = [500, 502, 503];

export class FaultInjector {
  private faults: FaultOptions;
  private readonly hanging = new Set<NodeJS.Timeout>();

  constructor(
    private readonly rng: () => number,
    faults: FaultOptions = {},
    private readonly latencyMs = 0,
  ) {
    this.faults = { ...faults };
  }

  set(f: FaultOptions): void {
    this.faults = { ...f };
  }

  /**
   * One roll shared by reset, timeout, throttle and error (their rates add up along one line);
   * the lost response and the slow response have their own draws, in that order (and the
   * error status, see errorStatus) — the order of the draws is part of the seeded behaviour.
   */
  decide(): FaultDecision {
    const faults = this.faults;
    const roll = this.rng();
    let edge = 0;
    const hit = (rate: number | undefined) => {
      if (!rate) return false;
      edge += rate;
      return roll < edge;
    };
    if (hit(faults.resetRate)) return { action: 'reset' };
    if (hit(faults.timeoutRate)) return { action: 'hang', ms: faults.hangMs ?? 30_000 };
    // Independent of the faults above: decided now, applied after the request was processed.
    const loseResponse = (faults.lostResponseRate ?? 0) > 0 && this.rng() < (faults.lostResponseRate ?? 0);
    if (hit(faults.throttleRate)) return { action: 'throttle' };
    if (hit(faults.errorRate)) return { action: 'error' };
    let delayMs = this.latencyMs;
    if (this.rng() < (faults.slowRate ?? 0)) delayMs += faults.slowMs ?? 2_000;
    return { action: 'proceed', delayMs, loseResponse: loseResponse ? (faults.lostResponseAs ?? 'reset') : false };
  }

  /** The status of an injected error (its own draw, taken after the request body was read). */
  errorStatus(): number {
    return ERROR_STATUSES[Math.floor(this.rng() * ERROR_STATUSES.length)] as number;
  }

  /** A "timeout": the request is never answered; its socket is closed after `ms`. */
  hang(socket: Socket, ms: number): void {
    const t = setTimeout(() => (this.hanging.delete(t), socket.destroy()), ms);
    this.hanging.add(t);
  }

  /** Forgets the hanging requests (their sockets are destroyed by the server's close). */
  clear(): void {
    for (const t of this.hanging) clearTimeout(t);
    this.hanging.clear();
  }
}
