/**
 * `cartella adherence cma|durations`: the exact flags and output columns that checks outside
 * the suite read (PATIENT_ID,CMA in full double precision with NA; compute_event_durations'
 * columns in AdhereR's order).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../../electron/cli/command.ts';
import { command } from '../../../electron/cli/commands/adherence.ts';
import { computeCma } from '../../../shared/analytics/adherence/cma/index.ts';
import { fixture, medEvents, windows } from './fixtures.ts';

const ROOT = join(import.meta.dirname, '../../..');
const EVENTS = fixture('med.events.csv');
const tmp = mkdtempSync(join(tmpdir(), 'cartella-adherence-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c: unknown) => ((out += String(c)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c: unknown) => ((err += String(c)), true));
  try {
    return { code: await command.run(argv), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

const rows = (csv: string) => csv.trimEnd().split('\n').map((l) => l.split(','));
const VIGNETTE = ['--events', EVENTS, '--followup-window', '0,730', '--observation-window', '182,365'];

describe('cartella adherence cma', () => {
  it('prints PATIENT_ID,CMA for the 100 patients with the vignette values in full precision', async () => {
    const r = await run(['cma', ...VIGNETTE, '--cma', '1']);
    expect(r.code).toBe(0);
    const t = rows(r.out);
    expect(t[0]).toEqual(['PATIENT_ID', 'CMA']);
    expect(t).toHaveLength(101);
    const byId = new Map(t.slice(1).map(([id, v]) => [id, v]));
    expect(Number(byId.get('37'))).toBeCloseTo(0.4035874, 7);
    expect(byId.get('37')).toBe('0.40358744394618834'); // 90 / 223 to 17 significant digits
    expect(byId.get('76')).toBe('1.4');
    expect([...byId.values()]).toContain('NA');
    expect(t.slice(1).map(([id]) => Number(id))).toEqual([...Array(100).keys()].map((i) => i + 1));
  });

  it('passes the carry-over options and window dates through to the engine', async () => {
    const med = medEvents();
    for (const [flags, carry] of [
      [['--carry-only-same-medication'], { carryOnlyForSameMedication: true }],
      [['--consider-dosage-change'], { considerDosageChange: true }],
    ] as const) {
      const r = await run(['cma', ...VIGNETTE, '--cma', '7', ...flags]);
      const expected = computeCma(med, { cma: 7, ...windows(0, 730, 182, 365), ...carry });
      expect(rows(r.out).slice(1)).toEqual(expected.map((x) => [String(x.patientId), x.cma === null ? 'NA' : String(x.cma)]));
    }
    // A follow-up window starting on a date (the same day for every patient), in --date-format.
    const dated = await run(['cma', '--events', EVENTS, '--cma', '9', '--followup-window', '01/01/2036,1500', '--observation-window', '200,700', '--date-format', 'mm/dd/yyyy']);
    expect(dated.code).toBe(0);
    const expected = computeCma(med, { cma: 9, followUp: { start: { date: Date.UTC(2036, 0, 1) / 86_400_000 }, duration: 1500 }, observation: { start: { offset: 200 }, duration: 700 } });
    expect(rows(dated.out).slice(1).map((x) => x[1])).toEqual(expected.map((x) => (x.cma === null || Number.isNaN(x.cma) ? 'NA' : String(x.cma))));
  });

  it('refuses bad flags as usage errors', async () => {
    await expect(run(['cma', ...VIGNETTE])).rejects.toThrow(/--cma is required/);
    await expect(run(['cma', ...VIGNETTE, '--cma', '10'])).rejects.toThrow(/1 to 9/);
    await expect(run(['cma', '--events', EVENTS, '--cma', '1', '--followup-window', '0-730', '--observation-window', '182,365'])).rejects.toThrow(/START,DURATION/);
    await expect(run(['cma', '--events', EVENTS, '--cma', '1', '--followup-window', 'yesterday,730', '--observation-window', '182,365'])).rejects.toThrow(UsageError);
    await expect(run(['cma', ...VIGNETTE, '--cma', '1', '--bogus'])).rejects.toThrow(UsageError);
    await expect(run(['explain'])).rejects.toThrow(/cma or durations/);
  });

  it('fails with a message naming the problem when the data cannot be computed', async () => {
    const outside = await run(['cma', '--events', EVENTS, '--cma', '1', '--followup-window', '0,300', '--observation-window', '182,365']);
    expect(outside.code).toBe(1);
    expect(outside.err).toMatch(/OBSERVATION_WINDOW_OUTSIDE_FOLLOW_UP/);
    const broken = join(tmp, 'broken.csv');
    writeFileSync(broken, 'PATIENT_ID,DATE,DURATION\n1,"02/30/2030",30\n');
    const bad = await run(['cma', '--events', broken, '--cma', '1', '--followup-window', '0,730', '--observation-window', '0,365']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/row 2, DATE: '02\/30\/2030' is not a date/);
    const noColumn = join(tmp, 'nocol.csv');
    writeFileSync(noColumn, 'PATIENT_ID,DATE\n1,"01/30/2030"\n');
    expect((await run(['cma', '--events', noColumn, '--cma', '1', '--followup-window', '0,730', '--observation-window', '0,365'])).err).toMatch(/column DURATION is missing/);
  });

  it('runs as a process: exit 0 with the CSV on stdout, exit 2 on a usage error', () => {
    const ok = spawnSync(process.execPath, ['bin/cartella.js', 'adherence', 'cma', ...VIGNETTE, '--cma', '3'], { cwd: ROOT, encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout.split('\n')[0]).toBe('PATIENT_ID,CMA');
    expect(ok.stdout).toMatch(/^76,1$/m); // CMA3 caps patient 76's 1.4
    const usage = spawnSync(process.execPath, ['bin/cartella.js', 'adherence', 'cma', '--cma', '3'], { cwd: ROOT, encoding: 'utf8' });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/--events is required/);
  });
});

describe('cartella adherence durations', () => {
  const HEADER = 'ID,ATC.CODE,UNIT,FORM,DATE.DISP,TOTAL.DOSE,DAILY.DOSE,EVENT.ID,DISP.START,DURATION,episode.start,episode.end,SPECIAL.DURATION,tot.presc.interruptions,tot.dosage.changes,CARRYOVER.DURATION';
  const DURCOMP = ['--dispensing', fixture('durcomp.dispensing.csv'), '--prescribing', fixture('durcomp.prescribing.csv'), '--hospitalisation', fixture('durcomp.hospitalisation.csv')];

  it.each(['continue', 'discard', 'carryover'])('prints the event_durations table in AdhereR’s columns (%s)', async (policy) => {
    const r = await run(['durations', ...DURCOMP, '--special-periods', policy]);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines.length).toBeGreaterThan(1794);
    for (const l of lines.slice(1)) {
      const f = l.split(',');
      expect(f).toHaveLength(16);
      for (const i of [4, 8, 10, 11]) expect(f[i]).toMatch(/^(\d{4}-\d{2}-\d{2}|NA)$/);
    }
  });

  it('applies each hospital-stay policy (28 x 20 mg dispensed, a stay from day 10 to day 15)', async () => {
    const d = join(tmp, 'd.csv');
    const p = join(tmp, 'p.csv');
    const h = join(tmp, 'h.csv');
    writeFileSync(d, 'ID,DATE.DISP,ATC.CODE,UNIT,FORM,TOTAL.DOSE\n1,2030-01-01,C10AA05,MG,ORAL FORM,560\n');
    writeFileSync(p, 'ID,DATE.PRESC,VISIT,ATC.CODE,FORM,UNIT,PRESC.DURATION,DAILY.DOSE\n1,2030-01-01,0,C10AA05,ORAL FORM,MG,NA,20\n');
    writeFileSync(h, 'ID,DATE.IN,DATE.OUT\n1,2030-01-11,2030-01-16\n');
    const out = async (policy: string) => (await run(['durations', '--dispensing', d, '--prescribing', p, '--hospitalisation', h, '--special-periods', policy])).out.trimEnd().split('\n').slice(1);
    const row = '1,C10AA05,MG,ORAL FORM,2030-01-01,560,20';
    expect(await out('continue')).toEqual([`${row},1,2030-01-01,28,2030-01-01,NA,5,0,0,0`]);
    expect(await out('discard')).toEqual([`${row},1,2030-01-01,10,2030-01-01,NA,0,0,0,0`]);
    expect(await out('carryover')).toEqual([`${row},1,2030-01-01,10,2030-01-01,NA,0,0,0,5`, `${row},2,2030-01-16,18,2030-01-01,NA,0,0,0,0`]);
  });

  it('refuses an unknown policy and unreadable files', async () => {
    await expect(run(['durations', ...DURCOMP, '--special-periods', 'ignore'])).rejects.toThrow(/continue, discard or carryover/);
    await expect(run(['durations', '--dispensing', join(tmp, 'none.csv'), '--prescribing', fixture('durcomp.prescribing.csv'), '--special-periods', 'continue'])).rejects.toThrow(/cannot read/);
  });
});
