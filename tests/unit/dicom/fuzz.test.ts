/**
 * Every sample, damaged: truncated (inside the header, half way, just short of the end)
 * and with bits flipped (anywhere, and concentrated in the first 2 KiB where the lengths
 * and the image geometry live), from a fixed seed so that a failure reproduces. Each copy
 * must be read, decoded and rendered, or refused with DICOM_INVALID; never another error,
 * a crash, or a hang (each case has CASE_MS, in a worker thread that is terminated then).
 */
import type { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServiceWorker } from '../../../electron/services/workers/spawn-worker.ts';
import { seededRandom } from '../../../shared/random.ts';
import type { FuzzOutcome } from './fuzz-worker.ts';
import { fixtureBytes, samples } from './helpers.ts';

const CASE_MS = 10_000;
const SEED = 20_240_315;

function variants(bytes: Uint8Array, rand: () => number): [string, Uint8Array][] {
  const out: [string, Uint8Array][] = [
    ['truncated in the header', bytes.slice(0, Math.min(bytes.length - 1, 200 + Math.floor(rand() * 400)))],
    ['truncated half way', bytes.slice(0, bytes.length >> 1)],
    ['truncated by 7 bytes', bytes.slice(0, bytes.length - 7)],
  ];
  const flipped = (count: number, span: number) => {
    const c = bytes.slice();
    for (let i = 0; i < count; i++) c[Math.floor(rand() * Math.min(span, c.length))]! ^= 1 << Math.floor(rand() * 8);
    return c;
  };
  out.push(
    ['16 bits flipped anywhere', flipped(16, bytes.length)],
    ['256 bits flipped anywhere', flipped(256, bytes.length)],
    ['8 bits flipped in the first 2 KiB', flipped(8, 2048)],
  );
  return out;
}

describe('DICOM fuzz: damaged copies of every sample give a result or a typed error', () => {
  let worker: Worker;
  const spawn = () =>
    spawnServiceWorker({ built: new URL('./fuzz-worker.js', import.meta.url), source: new URL('./fuzz-worker.ts', import.meta.url) });
  beforeAll(() => {
    worker = spawn();
  });
  afterAll(async () => {
    await worker.terminate();
  });

  let nextId = 0;
  function runCase(bytes: Uint8Array): Promise<FuzzOutcome | { outcome: 'hang' | 'crash'; message: string }> {
    const id = nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        cleanup();
        void worker.terminate();
        worker = spawn();
        resolve({ outcome: 'hang', message: `no answer in ${CASE_MS} ms` });
      }, CASE_MS);
      const onMessage = (m: FuzzOutcome) => {
        if (m.id !== id) return;
        cleanup();
        resolve(m);
      };
      const onError = (e: Error) => {
        cleanup();
        worker = spawn();
        resolve({ outcome: 'crash', message: e.message });
      };
      const cleanup = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage({ id, bytes });
    });
  }

  const rand = seededRandom(SEED);
  const cases = samples().flatMap((s) => variants(fixtureBytes(s.file), rand).map(([how, bytes]) => [s.file, how, bytes] as const));

  it(`${cases.length} cases`, async () => {
    const failures: string[] = [];
    const seen = { ok: 0, typed: 0 };
    for (const [file, how, bytes] of cases) {
      const r = await runCase(bytes);
      if (r.outcome === 'ok' || r.outcome === 'typed') seen[r.outcome]++;
      else failures.push(`${file} (${how}): ${r.outcome} ${'message' in r ? r.message : ''}`);
    }
    expect(failures).toEqual([]);
    // Both paths were exercised: damage is not always fatal, and is often detected.
    expect(seen.ok).toBeGreaterThan(20);
    expect(seen.typed).toBeGreaterThan(100);
  }, 240_000);
});
