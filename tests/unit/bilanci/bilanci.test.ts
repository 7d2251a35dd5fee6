/** Bilanci di salute: the default schedule file and which visits are done, due, overdue or missed. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBilanciSchedule } from '../../../electron/services/paediatrics/bilanci-resources.ts';
import { evaluateBilanci, type BilancioDone } from '../../../shared/analytics/bilanci-salute/index.ts';

const schedule = loadBilanciSchedule();
const BIRTH = '2025-01-10';
const run = (today: string, done: BilancioDone[] = []) => evaluateBilanci(schedule, { birthDate: BIRTH, today, done });
const statusOf = (r: ReturnType<typeof run>) => Object.fromEntries(r.visits.map((v) => [v.visitId, v.status]));
const tmp = mkdtempSync(join(tmpdir(), 'bilanci-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('default schedule', () => {
  it('is Marche ASL 3 with its ages, and marks the puberty ages as unconfirmed', () => {
    expect(schedule.region).toBe('Marche (ASL 3)');
    expect(schedule.visits.map((v) => v.id)).toEqual(['1m', '3m', '6m', '12m', '18m', '24m', '3y', '6y', 'puberty-1', 'puberty-2']);
    expect(schedule.visits.filter((v) => !v.confirmed).map((v) => v.id)).toEqual(['puberty-1', 'puberty-2']);
    expect(schedule.visits.find((v) => v.id === '1m')!.records).toContain('hip-ortolani-barlow');
  });

  it('rejects a schedule file that records an unknown item, naming the file', () => {
    const file = join(tmp, 'bad.json');
    writeFileSync(file, JSON.stringify({ ...schedule, visits: [{ ...schedule.visits[0]!, records: ['nonsense'] }] }));
    expect(() => loadBilanciSchedule(file)).toThrow(/bad\.json: visits\.0\.records: unknown item nonsense/);
  });
});

describe('evaluateBilanci', () => {
  it('the 1-month visit is due in its window, with the items to record', () => {
    const r = run('2025-02-12');
    expect(r.visits[0]).toMatchObject({ visitId: '1m', status: 'due', window: { from: '2025-01-25', until: '2025-02-25' } });
    expect(statusOf(r)['3m']).toBe('next');
  });

  it('past its window and not done: overdue until the next visit opens, then missed', () => {
    expect(statusOf(run('2025-03-10'))['1m']).toBe('overdue');
    expect(statusOf(run('2025-03-30'))['1m']).toBe('missed'); // the 3-month window opened on 25/03
    expect(statusOf(run('2025-03-30'))['3m']).toBe('due');
  });

  it('counts a bilancio for its window, a late one for the visit it was late for, a named one for its visit', () => {
    const r = run('2025-08-01', [{ date: '2025-02-10' }, { date: '2025-05-05', id: 'b2' }, { date: '2025-07-20', visitId: '6m' }]);
    expect(r.visits.slice(0, 3).map((v) => [v.visitId, v.status, v.done?.date])).toEqual([
      ['1m', 'done', '2025-02-10'],
      ['3m', 'done', '2025-05-05'], // inside its window (25/03 - 10/05)
      ['6m', 'done', '2025-07-20'],
    ]);
    const late = run('2025-05-20', [{ date: '2025-05-15' }]); // after the 3-month window, before the 6-month one
    expect(late.visits.find((v) => v.visitId === '3m')).toMatchObject({ status: 'done', done: { date: '2025-05-15' } });
    expect(statusOf(late)['1m']).toBe('missed');
  });

  it('ignores bilanci dated after today', () => {
    expect(statusOf(run('2025-02-12', [{ date: '2025-02-20' }]))['1m']).toBe('due');
  });
});
