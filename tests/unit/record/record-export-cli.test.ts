/** `cartella record export --patient ID [--db PATH]`: the whole record as one JSON object, audited as an access. */
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../electron/cli/main.ts';
import { openCliServices } from '../../../electron/cli/open-db.ts';
import { historyParts } from '../../../electron/services/record/seed-history.ts';
import { seededRandom } from '../../../shared/random.ts';
import { syntheticHistory } from '../../../shared/synthetic/history/index.ts';
import { syntheticPatients } from '../../../shared/synthetic/patients.ts';
import { tempDir } from '../../helpers/temp-services.ts';

function capture() {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
    lines.push(...String(chunk).split('\n').filter((l) => l !== ''));
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  return { lines, restore: () => { spy.mockRestore(); err.mockRestore(); } };
}

async function cli(argv: string[]): Promise<{ code: number; lines: string[] }> {
  const out = capture();
  try {
    return { code: await runCli(argv), lines: out.lines };
  } finally {
    out.restore();
  }
}

describe('cartella record export', () => {
  const dir = tempDir();
  afterAll(() => dir.dispose());

  it('prints every part of the record, oldest first, and logs the export as an access', async () => {
    const dbFile = join(dir.path, 'cartella.db');
    const input = syntheticPatients({ count: 40, seed: 5, today: new Date('2026-11-01') }).find((p) => p.birthDate < '1955')!;
    const h = syntheticHistory(input, seededRandom(3), { today: '2026-11-01', years: 5 });
    const s = await openCliServices(dbFile);
    const { id } = await s.db.call('patients.insert', { actor: 'test', patient: input });
    for (const part of historyParts(h)) await s.db.call('record.writeHistory', { actor: 'test', patientId: id, part });
    await s.close();

    const r = await cli(['record', 'export', '--patient', id, '--db', dbFile]);
    expect(r.code).toBe(0);
    expect(r.lines).toHaveLength(1);
    const out = JSON.parse(r.lines[0]!) as Record<string, unknown[]> & { patient: { id: string }; pss: { problems: unknown[] } };
    expect(Object.keys(out)).toEqual(['patient', 'pss', 'visits', 'therapyPlans', 'prescriptions', 'observations', 'dispensations', 'receivedDocuments']);
    expect(out.patient.id).toBe(id);
    expect(out.pss.problems).toHaveLength(h.record.problems.length);
    expect(out.visits).toHaveLength(h.visits.length);
    expect(out.prescriptions).toHaveLength(h.prescriptions.length);
    expect(out.observations).toHaveLength(h.observations.length);
    expect(out.dispensations).toHaveLength(h.dispensations.length);
    expect(out.receivedDocuments).toHaveLength(h.documents.length);
    const times = (out.observations as Array<{ effective: string }>).map((o) => Date.parse(o.effective.length > 10 ? o.effective : `${o.effective}T00:00:00Z`));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // Metadata of the received documents, never their bytes.
    expect(r.lines[0]).not.toContain('<ClinicalDocument');

    const check = await openCliServices(dbFile);
    try {
      const views = await check.db.call('access.list', { patientId: id, only: 'views', limit: 5, offset: 0 });
      expect(views.items.map((a) => [a.action, a.kind, a.actor])).toEqual([['access.export', 'export', 'cli-record']]);
    } finally {
      await check.close();
    }
  });

  it('an unknown patient is NOT_FOUND (exit 1); a missing --patient is a usage error (exit 2)', async () => {
    const dbFile = join(dir.path, 'cartella.db');
    const r = await cli(['record', 'export', '--patient', 'nobody', '--db', dbFile]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.lines[0]!)).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect((await cli(['record', 'export', '--db', dbFile])).code).toBe(2);
    expect((await cli(['record', 'import'])).code).toBe(2);
  });
});
