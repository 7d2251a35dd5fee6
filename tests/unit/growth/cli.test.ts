/**
 * `cartella growth --in FILE.csv --out FILE.csv`, run as the real command (bin/cartella.js) the
 * checks outside the test suite run: exact column names and order, z printed as WHO's R
 * software prints it, empty cells where an indicator does not apply.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSurveyCsv } from '../../../shared/analytics/growth/survey-csv.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'growth-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(csv: string, name = 'in.csv') {
  const input = join(dir, name);
  const output = join(dir, `out-${name}`);
  writeFileSync(input, csv);
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/cartella.js'), 'growth', '--in', input, '--out', output], { encoding: 'utf8' });
  let out: Record<string, string>[] = [];
  let header: string[] = [];
  try {
    const lines = readFileSync(output, 'utf8').trimEnd().split('\n');
    header = lines[0]!.split(',');
    out = lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i]!, v])));
  } catch {
    // no output file: the assertions on status say why
  }
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, header, out };
}

const HEADER = 'id,sex,age_days,age_months,weight_kg,length_cm,measure,oedema,head_cm';

describe('cartella growth', () => {
  it('writes the output columns in the order the issue names them, one row per input row', () => {
    const r = run(`${HEADER}\na1,2,1522,,17,,,n,\nb2,1,44,,,50,l,n,\nc3,2,,60.32,18.7,113.8,h,n,\n`);
    expect(r.status, r.stderr).toBe(0);
    expect(r.header).toEqual(['id', 'z_wfa', 'z_lhfa', 'z_wflh', 'z_bfa', 'z_hcfa', 'flag_wfa', 'flag_lhfa', 'flag_wflh', 'flag_bfa', 'flag_hcfa']);
    expect(r.out.map((o) => o['id'])).toEqual(['a1', 'b2', 'c3']);
    expect(r.out[0]).toEqual({ id: 'a1', z_wfa: '0.24', z_lhfa: '', z_wflh: '', z_bfa: '', z_hcfa: '', flag_wfa: '0', flag_lhfa: '', flag_wflh: '', flag_bfa: '', flag_hcfa: '' });
    expect(r.out[1]).toMatchObject({ z_lhfa: '-3.29', flag_lhfa: '0', z_wfa: '', flag_wfa: '' });
    expect(r.out[2]).toMatchObject({ z_lhfa: '0.96', z_wfa: '0.21', z_bfa: '-0.58', z_wflh: '', z_hcfa: '' });
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 3, computed: 3, problems: [] });
  });

  it('prints z as R prints a rounded number (1.1, not 1.10; 0, not -0.00) and flags 1 for implausible values', () => {
    // Boy at birth with length at the median: z exactly 0; boy 987 days recumbent 72.86 cm: -6.09, flagged.
    const r = run(`${HEADER}\nm,1,0,,,49.8842,l,n,\nf,1,987,,,72.86,l,,\n`);
    expect(r.out[0]).toMatchObject({ z_lhfa: '0', flag_lhfa: '0' });
    expect(r.out[1]).toMatchObject({ z_lhfa: '-6.09', flag_lhfa: '1' });
    for (const row of r.out) for (const [k, v] of Object.entries(row)) if (k.startsWith('z_') && v) expect(v).toMatch(/^-?\d+(\.\d{1,2})?$/);
  });

  it('computes every indicator that applies, and none of the weight-based ones with oedema', () => {
    const r = run(`${HEADER}\nall,2,300,,8.2,68.4,l,n,43.1\noed,2,300,,8.2,68.4,l,y,43.1\n`);
    const all = r.out[0]!;
    for (const k of ['z_wfa', 'z_lhfa', 'z_wflh', 'z_bfa', 'z_hcfa']) expect(all[k], k).not.toBe('');
    expect(r.out[1]).toMatchObject({ z_wfa: '', z_wflh: '', z_bfa: '', flag_wfa: '', z_lhfa: all['z_lhfa'], z_hcfa: all['z_hcfa'] });
  });

  it('takes age in months (× 30.4375) when age in days is empty, and the same child gives the same z', () => {
    const r = run(`${HEADER}\nd,1,913,,13,90,h,n,\nm,1,,30,13,90,h,n,\n`); // 30 months = 913.125 days → 913
    expect(r.out[1]).toEqual({ ...r.out[0], id: 'm' });
  });

  it('reads columns by name in any order, upper-case codes, quoted decimal commas; tolerates empty and bad cells', () => {
    const csv = 'head_cm,oedema,measure,length_cm,weight_kg,age_months,age_days,sex,id\n,N,L,"50",,,44,1,x\n,,,,"12,5",,700,2,y\n,,,,12,,700,9,z\n,,,,abc,,700,2,w\n';
    const r = run(csv, 'reordered.csv');
    expect(r.status).toBe(0);
    expect(r.out[0]).toMatchObject({ id: 'x', z_lhfa: '-3.29' });
    expect(r.out[1]!['z_wfa']).not.toBe('');
    expect(r.out[2]).toMatchObject({ id: 'z', z_wfa: '', flag_wfa: '' });
    const summary = JSON.parse(r.stdout) as { problems: { line: number; column: string }[] };
    expect(summary.problems).toEqual([
      expect.objectContaining({ line: 4, column: 'sex' }),
      expect.objectContaining({ line: 5, column: 'weight_kg' }),
    ]);
  });

  it('exits 1 with a typed error when a column is missing, 2 without --out', () => {
    const r = run('id,sex,age_days\n1,1,10\n', 'bad.csv');
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    const u = spawnSync(process.execPath, [join(ROOT, 'bin/cartella.js'), 'growth', '--in', join(dir, 'bad.csv')], { encoding: 'utf8' });
    expect(u.status).toBe(2);
  });
});

describe('survey CSV parsing', () => {
  it('maps a row onto a measurement (sex, position, oedema) and keeps empty cells undefined', () => {
    const { rows } = parseSurveyCsv(`${HEADER}\r\n7,2,,11.5,9.1,74,h,y,\r\n`);
    expect(rows[0]).toEqual({
      line: 2,
      id: '7',
      measurement: { sex: 'F', ageDays: undefined, ageMonths: 11.5, weightKg: 9.1, lengthCm: 74, measure: 'standing', oedema: true, headCm: undefined },
    });
  });
});
