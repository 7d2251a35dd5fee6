/**
 * Growth and bilanci di salute over both transports (PAEDIATRICS.md §3-4): a bilancio's
 * measurements become observations and points with z-score and percentile per indicator; the
 * length/height switch at 731 days (WHO's ±0.7 cm); WHO 2006 below 60 months, WHO 2007 from 60;
 * the reference curves; the region's schedule as a setting; the bilanci due in the Riepilogo.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGrowthTables } from '../../electron/services/growth/who-tables.ts';
import { lmsAt } from '../../shared/analytics/growth/tables.ts';
import { loadBilanciSchedule } from '../../electron/services/paediatrics/bilanci-resources.ts';
import { encodeCodiceFiscale } from '../../shared/domain/codice-fiscale.ts';
import { addDays, addMonths } from '../../shared/domain/iso-date.ts';
import { VITAL_KINDS } from '../../shared/domain/record/index.ts';
import { rejection } from '../helpers/rejection.ts';
import { transports, type ContractFixture } from './transports.ts';

const tables = loadGrowthTables();
const today = new Date().toISOString().slice(0, 10);
const NAMES = ['Luca', 'Giulia', 'Marco', 'Sofia', 'Matteo', 'Aurora', 'Leonardo', 'Alice', 'Tommaso', 'Ginevra', 'Edoardo', 'Emma'];

describe.each(transports)('growth and bilanci over %s', (_name, make) => {
  let f: ContractFixture;
  let seq = 0;
  beforeAll(async () => { f = await make(); }, 60_000);
  afterAll(() => f.dispose());

  /** A synthetic child born `ageDays` days before today. */
  const child = async (ageDays: number, sex: 'M' | 'F') => {
    const birthDate = addDays(today, -ageDays);
    const givenName = NAMES[seq++ % NAMES.length]!;
    const surname = `Crescita${'abcdefghijklmnop'[seq] ?? 'z'}`;
    const p = await f.client.call('patients.create', {
      surname, givenName, sex, birthDate, identifierKind: 'CF', identifier: encodeCodiceFiscale({ surname, givenName, birthDate, sex, belfiore: 'H501' }), birthPlace: 'Roma',
    });
    return { id: p.id, birthDate };
  };

  it('a bilancio saves its measurements as observations and the child gets points with z and percentile per indicator', async () => {
    const c = await child(400, 'M');
    const date = addDays(c.birthDate, 183);
    const median = lmsAt(tables.who2006.wfa, 'M', 183)!.m;
    const live = await f.client.call('growth.evaluate', { patientId: c.id, date, weightKg: median, lengthCm: 67.6, measure: 'recumbent', headCm: 43.3 });
    expect(live.ageDays).toBe(183);
    expect(live.scores.wfa).toMatchObject({ z: 0, reference: 'who2006', flagged: false, restricted: false });
    expect(live.scores.wfa!.percentile).toBeCloseTo(50, 5);
    expect(Object.keys(live.scores).sort()).toEqual(['bfa', 'hcfa', 'lhfa', 'wfa', 'wflh']);

    const saved = await f.client.call('bilanci.save', { patientId: c.id, date, visitId: '6m', measures: { weightKg: median, lengthCm: 67.6, measure: 'recumbent', headCm: 43.3 }, notes: { examination: ' Nella norma ' } });
    expect(saved).toMatchObject({ date, visitId: '6m', notes: { examination: 'Nella norma' } });
    const length = await f.client.call('observations.series', { patientId: c.id, code: VITAL_KINDS.length.loinc });
    expect(length.points.map((p) => p.value)).toEqual([67.6]);
    expect((await f.client.call('observations.series', { patientId: c.id, code: VITAL_KINDS.height.loinc })).points).toEqual([]);
    expect((await f.client.call('observations.series', { patientId: c.id, code: VITAL_KINDS.bmi.loinc })).points.map((p) => p.value)).toEqual([Math.round((median / 0.676 ** 2) * 10) / 10]);

    const { sex, birthDate, points } = await f.client.call('growth.points', { patientId: c.id });
    expect({ sex, birthDate }).toEqual({ sex: 'M', birthDate: c.birthDate });
    expect(points).toHaveLength(1);
    const { observationIds, ...point } = points[0]!;
    expect(point).toEqual(live);
    expect(observationIds.sort()).toEqual([`${saved.id}.head-circumference`, `${saved.id}.length`, `${saved.id}.weight`]);

    // The same id again updates it: a standing height now, the recumbent length goes.
    await f.client.call('bilanci.save', { patientId: c.id, id: saved.id, date, visitId: '6m', measures: { weightKg: median, lengthCm: 67, measure: 'standing' } });
    expect((await f.client.call('observations.series', { patientId: c.id, code: VITAL_KINDS.length.loinc })).points).toEqual([]);
    const again = (await f.client.call('growth.points', { patientId: c.id })).points;
    expect(again).toHaveLength(1);
    // A standing height under 9 months: WHO ignores the position (no +0.7 cm).
    expect(again[0]).toMatchObject({ standingUnder9Months: true, lengthCm: 67, measure: 'standing' });
    expect(again[0]!.scores.hcfa).toBeUndefined();
    expect((await f.client.call('bilanci.list', { patientId: c.id })).items).toHaveLength(1);
  });

  it('the restricted rule beyond ±3 SD for weight-based indicators and the implausibility flags, in the scores', async () => {
    const c = await child(500, 'F');
    const date = addDays(c.birthDate, 365);
    const row = lmsAt(tables.who2006.wfa, 'F', 365)!;
    const at = (z: number) => row.m * (1 + row.l * row.s * z) ** (1 / row.l);
    const heavy = await f.client.call('growth.evaluate', { patientId: c.id, date, weightKg: at(3.5), lengthCm: 74, measure: 'recumbent' });
    expect(heavy.scores.wfa).toMatchObject({ restricted: true, flagged: false });
    // Past +3 SD the restricted rule stretches the distance of the 2-3 SD band: not the plain LMS z.
    expect(heavy.scores.wfa!.z).not.toBeCloseTo(3.5, 1);
    expect(heavy.scores.lhfa!.restricted).toBe(false);
    const absurd = await f.client.call('growth.evaluate', { patientId: c.id, date, weightKg: 40, lengthCm: 74, measure: 'recumbent' });
    expect(absurd.scores.wfa).toMatchObject({ flagged: true, restricted: true });
    expect(absurd.scores.wfa!.z).toBeGreaterThan(5);
    const tall = await f.client.call('growth.evaluate', { patientId: c.id, date, lengthCm: 110, measure: 'recumbent' });
    expect(tall.scores.lhfa).toMatchObject({ flagged: true, restricted: false });
    // Oedema: no weight-based score at all.
    const oedema = await f.client.call('growth.evaluate', { patientId: c.id, date, weightKg: 9, lengthCm: 74, measure: 'recumbent', oedema: true });
    expect(Object.keys(oedema.scores)).toEqual(['lhfa']);
  });

  it('the length/height switch at 2 years: recumbent length used as it is under 731 days, less 0.7 cm from 731; standing height plus 0.7 cm under', async () => {
    const c = await child(900, 'F');
    const at = (days: number) => addDays(c.birthDate, days);
    const m730 = lmsAt(tables.who2006.lhfa, 'F', 730)!.m;
    const m731 = lmsAt(tables.who2006.lhfa, 'F', 731)!.m;
    const lying730 = await f.client.call('growth.evaluate', { patientId: c.id, date: at(730), lengthCm: m730, measure: 'recumbent' });
    const lying731 = await f.client.call('growth.evaluate', { patientId: c.id, date: at(731), lengthCm: m731 + 0.7, measure: 'recumbent' });
    const standing730 = await f.client.call('growth.evaluate', { patientId: c.id, date: at(730), lengthCm: m730 - 0.7, measure: 'standing' });
    const standing731 = await f.client.call('growth.evaluate', { patientId: c.id, date: at(731), lengthCm: m731, measure: 'standing' });
    expect(lying730.scores.lhfa).toMatchObject({ z: 0, table: 'length' });
    expect(lying731.scores.lhfa).toMatchObject({ z: 0, table: 'height' });
    expect(standing730.scores.lhfa).toMatchObject({ z: 0, table: 'length' });
    expect(standing731.scores.lhfa).toMatchObject({ z: 0, table: 'height' });

    // The record keeps the position by its code: saved at 730 and 731 days, read back the same way.
    await f.client.call('bilanci.save', { patientId: c.id, date: at(730), visitId: null, measures: { lengthCm: m730, measure: 'recumbent' } });
    await f.client.call('bilanci.save', { patientId: c.id, date: at(731), visitId: null, measures: { lengthCm: m731 + 0.7, measure: 'recumbent' } });
    const points = (await f.client.call('growth.points', { patientId: c.id })).points;
    expect(points.map((p) => [p.ageDays, p.measure, p.scores.lhfa?.table, p.scores.lhfa?.z])).toEqual([[730, 'recumbent', 'length', 0], [731, 'recumbent', 'height', 0]]);
  });

  it('WHO 2006 below 60 months, WHO 2007 from 60: no head circumference or weight-for-height after, the curves break there', async () => {
    const c = await child(2000, 'M');
    const before = await f.client.call('growth.evaluate', { patientId: c.id, date: addDays(c.birthDate, 1826), weightKg: 18.3, lengthCm: 110, measure: 'standing', headCm: 51 });
    const after = await f.client.call('growth.evaluate', { patientId: c.id, date: addDays(c.birthDate, 1827), weightKg: 18.3, lengthCm: 110, measure: 'standing', headCm: 51 });
    expect(before.ageMonths).toBeLessThan(60);
    expect(after.ageMonths).toBeGreaterThanOrEqual(60);
    expect(Object.values(before.scores).map((s) => s.reference)).toEqual(Array(5).fill('who2006'));
    expect(Object.keys(after.scores).sort()).toEqual(['bfa', 'lhfa', 'wfa']);
    expect(Object.values(after.scores).map((s) => s.reference)).toEqual(Array(3).fill('who2007'));
    expect((await rejection(f.client.call('growth.evaluate', { patientId: c.id, date: addDays(c.birthDate, -1), weightKg: 3 }))).code).toBe('INVALID_INPUT');

    const wfa = await f.client.call('growth.curves', { chart: 'wfa', sex: 'M' });
    expect(wfa.segments.map((s) => s.reference)).toEqual(['who2006', 'who2007']);
    expect(wfa.segments[0]!.lines.map((l) => l.percentile)).toEqual([3, 15, 50, 85, 97]);
    expect(wfa.segments[0]!.lines[2]!.values[0]).toBeCloseTo(lmsAt(tables.who2006.wfa, 'M', 0)!.m, 6);
    expect(wfa.segments[0]!.xs.at(-1)).toBeCloseTo(1826 / 30.4375, 6);
    expect(wfa.segments[1]!.xs[0]).toBe(60);
    const lhfa = await f.client.call('growth.curves', { chart: 'lhfa', sex: 'F', everyDays: 1 });
    expect(lhfa.segments.map((s) => [s.reference, s.basis])).toEqual([['who2006', 'length'], ['who2006', 'height'], ['who2007', 'height']]);
    expect(lhfa.segments[0]!.xs).toHaveLength(731);
  });

  it('bilanci due: the visit whose window is open is in the Riepilogo until done; the region\'s schedule replaces the default and back', async () => {
    const c = await child(80, 'F');
    const dueOf = async (day: string) => (await f.client.call('summary.get', { patientId: c.id, today: day })).due.filter((d) => d.kind === 'bilancio-due');
    expect(await dueOf(today)).toEqual([{ kind: 'bilancio-due', label: 'Bilancio di 3 mesi', date: addDays(addMonths(c.birthDate, 2), 15), href: `#/assistiti/${c.id}/parametri` }]);
    const list = await f.client.call('bilanci.list', { patientId: c.id });
    expect(list.schedule).toBe('marche-asl3');
    expect(list.visits.slice(0, 3).map((v) => v.status)).toEqual(['missed', 'due', 'next']);
    await f.client.call('bilanci.save', { patientId: c.id, date: today, visitId: '3m', measures: { weightKg: 5.6 } });
    expect(await dueOf(today)).toEqual([]);

    // A region's own schedule: one visit at 10 weeks; the bilancio done counts for it by its date (its visit is not in this schedule).
    const def = loadBilanciSchedule();
    const custom = { ...def, id: 'test-region', region: 'Regione di prova', visits: [{ ...def.visits[1]!, id: '10w', label: { it: 'Bilancio di 10 settimane', en: '10-week check' }, at: { weeks: 10 }, from: { weeks: 9 }, until: { weeks: 13 } }] };
    expect(await f.client.call('bilanci.setSchedule', { schedule: custom })).toMatchObject({ custom: true, schedule: { id: 'test-region' } });
    expect((await f.client.call('bilanci.list', { patientId: c.id })).visits.map((v) => [v.visitId, v.status])).toEqual([['10w', 'done']]);
    expect((await rejection(f.client.call('bilanci.save', { patientId: c.id, date: today, visitId: '6m' }))).code).toBe('INVALID_INPUT');
    const broken = { ...custom, visits: [{ ...custom.visits[0]!, records: ['no-such-item'] }] };
    expect((await rejection(f.client.call('bilanci.setSchedule', { schedule: broken as typeof custom }))).code).toBe('INVALID_INPUT');
    expect(await f.client.call('bilanci.setSchedule', { schedule: null })).toMatchObject({ custom: false, schedule: { id: 'marche-asl3' } });
    expect((await f.client.call('bilanci.schedule', {})).custom).toBe(false);
    expect((await rejection(f.client.call('bilanci.save', { patientId: c.id, date: addDays(today, 5), visitId: null }))).code).toBe('INVALID_INPUT');
    expect((await rejection(f.client.call('growth.points', { patientId: 'nobody' }))).code).toBe('NOT_FOUND');
  });
});
