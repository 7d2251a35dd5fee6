import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, backoffCeiling, decide, isTransient, parseRetryAfter, retryDelay, type SendFailure } from '../../../shared/outbox/retry.ts';
import { seededRandom } from '../../../shared/random.ts';

const policy = { baseMs: 100, capMs: 10_000, maxRetryAfterMs: 60_000 };

describe('retry policy', () => {
  it('backoff ceiling doubles from base and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((a) => backoffCeiling(a, policy))).toEqual([100, 200, 400, 800, 1600, 3200, 6400, 10_000]);
    expect(backoffCeiling(0, policy)).toBe(100);
    expect(backoffCeiling(5000, policy)).toBe(10_000);
    expect(backoffCeiling(1)).toBe(DEFAULT_RETRY_POLICY.baseMs);
  });

  it('full jitter spans [0, ceiling) and is driven by the random source', () => {
    expect(retryDelay(3, () => 0, policy)).toBe(0);
    expect(retryDelay(3, () => 0.5, policy)).toBe(200);
    expect(retryDelay(3, () => 0.999999, policy)).toBe(399);
    expect(retryDelay(3, () => 1, policy)).toBeLessThan(400);
    const rnd = seededRandom(42);
    const samples = Array.from({ length: 2000 }, () => retryDelay(4, rnd, policy));
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...samples)).toBeLessThan(800);
    const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
    expect(mean).toBeGreaterThan(350);
    expect(mean).toBeLessThan(450);
  });

  it('Retry-After is never undercut, and is cut to the maximum', () => {
    expect(retryDelay(1, () => 0, policy, 5_000)).toBe(5_000);
    expect(retryDelay(8, () => 0.99, policy, 50)).toBe(9_900);
    expect(retryDelay(1, () => 0, policy, 10 * 60_000)).toBe(60_000);
    expect(retryDelay(1, () => 0, policy, Number.NaN)).toBe(0);
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-11-26T10:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Thu, 26 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Thu, 26 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it.each<[SendFailure, boolean]>([
    [{ kind: 'network', code: 'ECONNREFUSED' }, true],
    [{ kind: 'timeout' }, true],
    [{ kind: 'reset' }, true],
    [{ kind: 'http', status: 500 }, true],
    [{ kind: 'http', status: 502 }, true],
    [{ kind: 'http', status: 503 }, true],
    [{ kind: 'http', status: 504, type: '/msg/generic-timeout' }, true],
    [{ kind: 'http', status: 429 }, true],
    [{ kind: 'http', status: 408 }, true],
    [{ kind: 'http', status: 400, type: '/msg/syntax' }, false],
    [{ kind: 'http', status: 401 }, false],
    [{ kind: 'http', status: 403, type: '/msg/jwt-validation' }, false],
    [{ kind: 'http', status: 404 }, false],
    [{ kind: 'http', status: 409 }, false],
    [{ kind: 'http', status: 413 }, false],
    [{ kind: 'http', status: 415, type: '/msg/document-type' }, false],
    [{ kind: 'http', status: 422, type: '/msg/semantic' }, false],
  ])('%j transient=%s', (f, transient) => {
    expect(isTransient(f)).toBe(transient);
    const d = decide(f, 2, () => 0.5, policy);
    expect(d.action).toBe(transient ? 'retry' : 'park');
    if (d.action === 'retry') expect(d.delayMs).toBe(100);
    expect(d.reason.length).toBeGreaterThan(5);
  });

  it('429 honours Retry-After; parked reasons carry the gateway text', () => {
    const d = decide({ kind: 'http', status: 429, retryAfterMs: 7_000 }, 1, () => 0, policy);
    expect(d).toEqual({ action: 'retry', delayMs: 7_000, reason: expect.stringContaining('Troppe richieste') });
    const p = decide({ kind: 'http', status: 422, type: '/msg/semantic', reason: 'Il CDA non rispetta lo schematron' }, 1, () => 0, policy);
    expect(p).toEqual({ action: 'park', reason: 'Il CDA non rispetta lo schematron' });
  });

  it('seeded random is reproducible and in [0,1)', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const xs = Array.from({ length: 100 }, () => a());
    expect(xs).toEqual(Array.from({ length: 100 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(seededRandom(8)()).not.toBe(xs[0]);
  });
});
