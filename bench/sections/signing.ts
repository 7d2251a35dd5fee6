/**
 * Signing on the SoftHSM2 test token: the token's own C_Sign, CAdES-BES (100 KB, enveloping),
 * PAdES-BES on a ~16 KB PDF with embedded CDA (medians over 20), the overhead per document beyond
 * the token call, and a batch of 100 PDFs with one PIN. A real card adds ~0.2–1.5 s per signature.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCades } from '../../electron/services/signing/cades.ts';
import { signPades } from '../../electron/services/signing/pades.ts';
import { createSigningService } from '../../electron/services/signing/service.ts';
import { createTestToken, defaultTestTokenDir, testTokenSelector, testTokenUnavailableReason, type TestTokenProfile } from '../../electron/services/signing/test-token.ts';
import { loadModule, TokenSession, unloadAllModules } from '../../electron/services/signing/token.ts';
import { fmt, percentile, report } from './stats.ts';

const N = 20;

async function median(fn: () => Promise<unknown>, n = N): Promise<number> {
  await fn(); // warm-up (JIT)
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return percentile(times, 50);
}

export async function run(): Promise<void> {
  const unavailable = testTokenUnavailableReason();
  if (unavailable) throw new Error(unavailable);
  const info = createTestToken(defaultTestTokenDir());
  const pdf = readFileSync(join(import.meta.dirname, '../../tests/fixtures/signing/LAB_OK.pdf'));
  const content = randomBytes(100 * 1024);
  try {
    for (const profile of ['rsa', 'ec', 'always-auth'] as TestTokenProfile[]) {
      const sel = testTokenSelector(info, profile);
      const session = await TokenSession.open(loadModule(sel.module), sel.module.path, sel, { pin: info.pin });
      try {
        const tbs = randomBytes(120);
        const token = await median(() => session.sign(tbs));
        const cades = await median(() => buildCades({ content, detached: false, signingTime: new Date(), signer: session }));
        const pades = await median(() => signPades(pdf, session));
        const tag = `${profile}, ${session.mechanism}`;
        report(`token C_Sign (${tag})`, `${fmt(token)} ms`, `median of ${N}`);
        report(`CAdES-BES 100 KB enveloping (${profile})`, `${fmt(cades)} ms`, `median of ${N}`);
        report(`PAdES-BES ${Math.round(pdf.length / 1024)} KB PDF (${profile})`, `${fmt(pades)} ms`, `median of ${N}`);
        report(`PAdES overhead beyond the token call (${profile})`, `${fmt(pades - token)} ms`);
      } finally {
        session.close();
      }
    }
    const svc = createSigningService();
    const documents = Array.from({ length: 100 }, (_, i) => ({ id: `doc-${i}`, kind: 'pades' as const, data: pdf }));
    for (const selfCheck of [true, false]) {
      const s = selfCheck ? svc : createSigningService({ selfCheck: false });
      const t = performance.now();
      const res = await s.signBatch({ token: testTokenSelector(info, 'rsa'), pin: info.pin, documents });
      const ms = performance.now() - t;
      if (!res.results.every((r) => r.ok)) throw new Error('batch had failures');
      report(`batch: 100 PDFs, one PIN (rsa, self-check ${selfCheck ? 'on' : 'off'})`, `${fmt(ms)} ms`, `${fmt(ms / 100)} ms/doc`);
    }
  } finally {
    unloadAllModules();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
