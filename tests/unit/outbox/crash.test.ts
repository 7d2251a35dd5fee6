/**
 * Crash test: the draining process (`cartella outbox drain`, a real
 * child process with the SQLite worker) is killed with SIGKILL at random moments while it
 * drains a queue through the simulator with faults injected, restarted, again and again; at
 * the end every document is published exactly once (simulator ledger) and none is lost.
 *
 * Every other document was validated before signing (outbox.prevalidate through the same
 * simulator, faults and all): it is enqueued with its workflowInstanceId and goes straight to
 * publication, and its reconciliation after a kill asks by that id.
 *
 * Default size keeps the suite fast (CARTELLA_CRASH_RUNS=3, CARTELLA_CRASH_DOCS=12); the
 * issue's full run is CARTELLA_CRASH_RUNS=20 CARTELLA_CRASH_DOCS=200.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCliServices } from '../../../electron/cli/open-db.ts';
import { GatewayClient, factsFromPdf } from '../../../electron/services/gateway/client/client.ts';
import { SANDBOX_IDENTITY, ephemeralSignatureCredential } from '../../../electron/services/gateway/dev-credentials.ts';
import { prevalidate } from '../../../electron/services/outbox/prevalidate.ts';
import { startGatewaySimulator } from '../../../electron/services/gateway/simulator/simulator.ts';
import { seededRandom } from '../../../shared/random.ts';
import { tempDir } from '../../helpers/temp-services.ts';
import { PSS_PDF, pssBody } from '../gateway/helpers.ts';

const RUNS = Number(process.env.CARTELLA_CRASH_RUNS ?? 3);
const DOCS = Number(process.env.CARTELLA_CRASH_DOCS ?? 12);
const ROOT = join(import.meta.dirname, '../../..');

/**
 * The kill moment is counted in the drain's own progress (after its k-th state change, then a
 * few random milliseconds), not in wall time: a fast drain on an idle machine finishes before a
 * timer of a second or two and would never be crashed at all.
 */
function drainProcess(dbFile: string, url: string, kill: { afterChanges: number; delayMs: number } | undefined): Promise<{ code: number | null; signal: NodeJS.Signals | null; changes: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/cartella.js'), 'outbox', 'drain', '--db', dbFile, '--gateway', url, '--max-seconds', '180', '--retry-base-ms', '100'], {
      cwd: ROOT,
      env: { ...process.env, CARTELLA_LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let changes = 0;
    let timer: NodeJS.Timeout | undefined;
    const hardStop = setTimeout(() => child.kill('SIGKILL'), 200_000);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      changes += (chunk.match(/"event":"change"/g) ?? []).length;
      if (kill !== undefined && timer === undefined && changes >= kill.afterChanges) timer = setTimeout(() => child.kill('SIGKILL'), kill.delayMs);
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(hardStop);
      if (timer) clearTimeout(timer);
      resolve({ code, signal, changes });
    });
  });
}

describe('outbox crash safety', () => {
  const dir = tempDir();
  afterAll(() => dir.dispose());

  it(`SIGKILL ${RUNS} times while draining ${DOCS} documents with faults: each published exactly once, none lost`, async () => {
    const sim = await startGatewaySimulator({
      seed: 11,
      latencyMs: 5,
      checkTokenTimes: true,
      faults: { errorRate: 0.05, throttleRate: 0.02, resetRate: 0.03, lostResponseRate: 0.03, timeoutRate: 0.02, hangMs: 200 },
    });
    try {
      const dbFile = join(dir.path, 'cartella.db');
      const facts = await factsFromPdf(PSS_PDF, 'ATTACHMENT');
      const services = await openCliServices(dbFile);
      const client = new GatewayClient({ environment: 'simulator', baseUrl: sim.url, signature: ephemeralSignatureCredential(), identity: SANDBOX_IDENTITY, timeoutMs: 5_000 });
      const ids: string[] = [];
      let prevalidated = 0;
      for (let i = 0; i < DOCS; i++) {
        const idDoc = `2.16.840.1.113883.2.9.2.120.4.4^CRASH${i}`;
        ids.push(idDoc);
        const pre = i % 2 === 0 ? await prevalidate({ gateway: client, connection: { mode: 'simulator', url: sim.url }, paused: false, now: Date.now }, { pdf: PSS_PDF, mode: 'ATTACHMENT' }) : undefined;
        if (pre?.status === 'validated') prevalidated++;
        await services.db.call('outbox.enqueue', {
          actor: 'test',
          document: { kind: 'PSS', identificativoDoc: idDoc, pdf: PSS_PDF },
          entry: {
            operation: 'create',
            payload: { v: 1, requestBody: pssBody('x'), patient: facts.patient, documentCode: facts.documentCode },
            ...(pre?.status === 'validated' ? { workflowInstanceId: pre.workflowInstanceId, validatedAt: Date.parse(pre.validatedAt) } : {}),
          },
        });
      }
      await client.close();
      await services.close();
      expect(prevalidated).toBeGreaterThan(0);

      const rnd = seededRandom(2026);
      let killed = 0;
      for (let run = 0; run < RUNS; run++) {
        const r = await drainProcess(dbFile, sim.url, { afterChanges: 1 + Math.floor(rnd() * 4), delayMs: Math.floor(rnd() * 60) });
        if (r.signal === 'SIGKILL') killed++;
        else break; // finished before the kill: nothing left to crash
      }
      const last = await drainProcess(dbFile, sim.url, undefined);
      process.stderr.write(`crash test: ${killed} SIGKILLs, ${sim.ledger.entries.length} ledger lines, ${DOCS} documents (${prevalidated} validated before signing)\n`);
      expect(last.code).toBe(0);
      expect(killed).toBeGreaterThan(0);

      for (const id of ids) expect(sim.ledger.publications(id), id).toBe(1);
      expect(sim.ledger.entries.filter((e) => e.outcome === 'refused-duplicate')).toEqual([]);
      const after = await openCliServices(dbFile);
      try {
        const entries = await after.db.call('outbox.list', {});
        expect(entries).toHaveLength(DOCS);
        expect(entries.every((e) => e.state === 'published')).toBe(true);
        expect((await after.db.call('audit.verify', undefined as never)).valid).toBe(true);
      } finally {
        await after.close();
      }
    } finally {
      await sim.close();
    }
  }, 600_000);
});
