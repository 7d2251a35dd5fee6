/**
 * Retry policy of the outbox: exponential backoff with full jitter (AWS
 * Architecture Blog, "Exponential Backoff And Jitter") for transient failures — network down,
 * timeout, connection reset, 5xx, 429 (honouring Retry-After) — and parking for permanent
 * 4xx rejections, with the gateway's reason in Italian. Pure: the random source and the
 * clock are arguments.
 */

export interface RetryPolicy {
  /** First backoff ceiling, ms. */
  baseMs: number;
  /** Largest backoff ceiling, ms. */
  capMs: number;
  /** Largest Retry-After honoured, ms (a longer one is cut to this). */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 2_000, capMs: 15 * 60_000, maxRetryAfterMs: 60 * 60_000 };

/** Ceiling of the backoff before the `attempt`-th retry (attempt 1 = first retry): min(cap, base·2^(attempt−1)). */
export function backoffCeiling(attempt: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  const n = Math.max(1, Math.floor(attempt));
  // 2^(n-1) overflows to Infinity for large n; min() then yields the cap.
  return Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(n - 1, 1023));
}

/**
 * Full jitter: a uniform delay in [0, ceiling). With Retry-After the delay is at least that
 * (cut to maxRetryAfterMs), so the server's request is never undercut.
 */
export function retryDelay(attempt: number, random: () => number, policy: RetryPolicy = DEFAULT_RETRY_POLICY, retryAfterMs?: number): number {
  const r = Math.min(Math.max(random(), 0), 1 - Number.EPSILON);
  const jittered = Math.floor(r * backoffCeiling(attempt, policy));
  if (retryAfterMs === undefined || !Number.isFinite(retryAfterMs) || retryAfterMs < 0) return jittered;
  return Math.max(Math.min(retryAfterMs, policy.maxRetryAfterMs), jittered);
}

/**
 * Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. Returns ms from `nowMs`, or
 * undefined when absent or unparseable.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  if (Number.isNaN(t)) return undefined;
  return Math.max(0, t - nowMs);
}

/** What went wrong with one call, as the client reports it. */
export type SendFailure =
  | { kind: 'network'; code?: string }
  | { kind: 'timeout' }
  | { kind: 'reset' }
  /**
   * The TLS handshake failed over a certificate (ours expired or refused, the gateway's not
   * trusted): nothing was sent and the network is fine, but only the doctor can fix it
   * (Impostazioni → Gateway FSE). Retried with backoff, and at once when the certificates change.
   */
  | { kind: 'certificate'; code?: string }
  | { kind: 'http'; status: number; type?: string; retryAfterMs?: number; reason?: string };

export type Disposition = { action: 'retry'; delayMs: number; reason: string } | { action: 'park'; reason: string };

const TRANSIENT_TYPES = new Set(['/msg/generic-timeout', '/msg/generic-error', '/msg/ini-error', '/msg/eds-error']);

export function isTransient(f: SendFailure): boolean {
  if (f.kind !== 'http') return true;
  if (f.status >= 500 || f.status === 429 || f.status === 408) return true;
  return f.type !== undefined && TRANSIENT_TYPES.has(f.type) && f.status >= 500;
}

const TRANSIENT_REASON: Record<Exclude<SendFailure['kind'], 'http'>, string> = {
  network: 'Rete non disponibile: nuovo tentativo automatico.',
  timeout: 'Il gateway non ha risposto in tempo: nuovo tentativo automatico.',
  reset: 'Connessione interrotta: nuovo tentativo automatico.',
  certificate: 'Il gateway non accetta la connessione per un problema di certificato: verificare in Impostazioni → Gateway FSE. Nuovo tentativo automatico.',
};

/** Decide what the outbox does after a failure on the `attempt`-th try (1-based). */
export function decide(f: SendFailure, attempt: number, random: () => number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): Disposition {
  if (isTransient(f)) {
    const reason =
      f.kind === 'http'
        ? f.status === 429
          ? 'Troppe richieste al gateway: nuovo tentativo più tardi.'
          : (f.reason ?? `Gateway non disponibile (HTTP ${f.status}): nuovo tentativo automatico.`)
        : TRANSIENT_REASON[f.kind];
    return { action: 'retry', delayMs: retryDelay(attempt, random, policy, f.kind === 'http' ? f.retryAfterMs : undefined), reason };
  }
  const status = f.kind === 'http' ? f.status : 0;
  return { action: 'park', reason: (f.kind === 'http' ? f.reason : undefined) ?? `Rifiutato dal gateway (HTTP ${status}).` };
}
