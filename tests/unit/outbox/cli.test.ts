/** `cartella gateway-sim` and `cartella outbox status|drain` end to end on 127.0.0.1 (plain HTTP). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { command as outboxCommand } from '../../../electron/cli/commands/outbox.ts';
import { command as simCommand, startFromArgs } from '../../../electron/cli/commands/gateway-sim.ts';
import { UsageError } from '../../../electron/cli/command.ts';
import { openCliServices } from '../../../electron/cli/open-db.ts';
import { factsFromPdf } from '../../../electron/services/gateway/client/client.ts';
import { tempDir } from '../../helpers/temp-services.ts';
import { PSS_PDF, pssBody } from '../gateway/helpers.ts';

function capture() {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
    lines.push(...String(chunk).split('\n').filter((l) => l !== ''));
    return true;
  });
  return { lines, json: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>), restore: () => spy.mockRestore() };
}

describe('CLI: gateway-sim and outbox', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('usage errors', async () => {
    await expect(startFromArgs([])).rejects.toThrow(UsageError);
    await expect(startFromArgs(['--port', '0', '--fault-rate', '2'])).rejects.toThrow(/between 0 and 1/);
    await expect(startFromArgs(['--port', '0', '--tls-cert', 'x'])).rejects.toThrow(/go together/);
    await expect(outboxCommand.run(['explode'])).rejects.toThrow(/status or drain/);
    expect(simCommand.usage).toMatch(/--latency MS/);
  });

  it('drains a queue through the simulator, then reports it published; the ledger file has one line per document', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.dispose());
    const ledger = join(dir.path, 'ledger.jsonl');
    const sim = await startFromArgs(['--port', '0', '--latency', '5', '--ledger', ledger, '--no-validate', '--no-signature-check', '--seed', '3']);
    cleanups.push(() => sim.close());
    const dbFile = join(dir.path, 'cartella.db');
    const facts = await factsFromPdf(PSS_PDF, 'ATTACHMENT');
    const services = await openCliServices(dbFile);
    for (const n of ['1', '2']) {
      await services.db.call('outbox.enqueue', {
        actor: 'test',
        document: { kind: 'PSS', identificativoDoc: `2.16.840.1.113883.2.9.2.120.4.4^CLI${n}`, pdf: PSS_PDF },
        entry: { operation: 'create', payload: { v: 1, requestBody: pssBody('x'), patient: facts.patient, documentCode: facts.documentCode } },
      });
    }
    await services.close();

    let out = capture();
    try {
      expect(await outboxCommand.run(['drain', '--db', dbFile, '--gateway', sim.url, '--max-seconds', '30'])).toBe(0);
    } finally {
      out.restore();
    }
    const drained = out.json();
    expect(drained.filter((l) => l.event === 'change' && l.state === 'published')).toHaveLength(2);
    expect(drained.at(-1)).toMatchObject({ summary: { pending: 0, byState: { published: 2 } } });
    expect(JSON.stringify(drained)).not.toContain('GTWGWY'); // no patient data on stdout

    out = capture();
    try {
      expect(await outboxCommand.run(['status', '--db', dbFile])).toBe(0);
    } finally {
      out.restore();
    }
    const status = out.json();
    expect(status.slice(0, 2).map((l) => l.state)).toEqual(['published', 'published']);
    expect(status.at(-1)).toMatchObject({ summary: { pending: 0, needsAttention: 0 } });
    const ledgerLines = readFileSync(ledger, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { outcome: string });
    expect(ledgerLines.map((l) => l.outcome)).toEqual(['published', 'published']);
  }, 60_000);
});
