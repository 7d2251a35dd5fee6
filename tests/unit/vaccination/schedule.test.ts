/**
 * A child's calendar: on time, behind schedule, a refusal, an exemption, a postponement, doses
 * given too early that do not count, product and age variants, the seasonal influenza rule, and a
 * region's additions file.
 */
import { join, resolve } from 'node:path';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { loadVaccinationCalendar } from '../../../electron/services/paediatrics/vaccination-resources.ts';
import { evaluate, given, status } from './calendar.ts';

const HEXA = { atc: 'J07CA09' };
const PCV = { atc: 'J07AL02' };
const BIRTH = '2025-01-10';
const tmp = mkdtempSync(join(tmpdir(), 'vacc-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('a child vaccinated on time', () => {
  const administrations = [
    given('2025-03-12', HEXA), given('2025-03-12', PCV), given('2025-03-12', { name: 'Rotarix' }), given('2025-03-12', { name: 'Bexsero' }),
    given('2025-05-12', HEXA), given('2025-05-12', PCV), given('2025-04-20', { name: 'Rotarix' }), given('2025-05-20', { name: 'MenB' }),
    given('2025-11-12', { name: 'Infanrix hexa' }), given('2025-11-12', { name: 'Prevenar 13' }),
  ];

  it('at 14 months: infant doses done, MPRV, MenACWY and the MenB booster due, nothing overdue', () => {
    const r = evaluate({ birthDate: BIRTH, today: '2026-03-10', administrations });
    for (const [s, n] of [['hexavalent', 1], ['hexavalent', 2], ['hexavalent', 3], ['pcv', 3], ['rotavirus-2', 2], ['menb', 2]] as const) {
      expect(status(r, s, n).status, `${s} ${n}`).toBe('done');
    }
    expect(status(r, 'hexavalent', 3)).toMatchObject({ date: '2025-11-12', administrations: [8] });
    expect(status(r, 'mprv', 1)).toMatchObject({ status: 'due', window: { from: '2026-01-10', overdueFrom: '2026-04-10' } });
    expect(status(r, 'menacwy', 1).status).toBe('due');
    expect(status(r, 'menb', 3)).toMatchObject({ status: 'due', window: { from: '2026-01-10' } });
    expect(r.counts.overdue).toBe(0);
    expect(r.notCounted).toEqual([]);
    expect(r.unrecognised).toEqual([]);
  });

  it('before the first dose: everything is next, with the first appointment at day 61', () => {
    const r = evaluate({ birthDate: BIRTH, today: '2025-02-01' });
    expect(status(r, 'hexavalent', 1)).toMatchObject({ status: 'next', window: { earliest: '2025-02-21', from: '2025-03-12', overdueFrom: '2025-04-11' } });
    expect(r.next?.date).toBe('2025-02-21'); // rotavirus from week 6
    expect(r.next?.doses).toEqual([{ seriesId: 'rotavirus-2', dose: 1 }]);
    expect(r.counts.due + r.counts.overdue + r.counts.done).toBe(0);
  });
});

describe('a child behind schedule', () => {
  it('no vaccination at 7 months: first infant doses overdue, later doses wait for them, rotavirus missed', () => {
    const r = evaluate({ birthDate: BIRTH, today: '2025-08-10' });
    expect(status(r, 'hexavalent', 1).status).toBe('overdue');
    expect(status(r, 'pcv', 1).status).toBe('overdue');
    expect(status(r, 'hexavalent', 2)).toMatchObject({ status: 'next', waitingFor: [{ seriesId: 'hexavalent', dose: 1 }] });
    // From dose 1 given today: dose 2 eight weeks later.
    expect(status(r, 'hexavalent', 2).window?.from).toBe('2025-10-05');
    expect(status(r, 'rotavirus-2', 1).status).toBe('missed'); // past 20 weeks
  });

  it('a late dose 1 moves dose 2: due from dose 1 + 8 weeks, overdue 30 days later', () => {
    const r = evaluate({ birthDate: BIRTH, today: '2025-08-20', administrations: [given('2025-06-01', HEXA)] });
    expect(status(r, 'hexavalent', 1)).toMatchObject({ status: 'done', date: '2025-06-01' });
    expect(status(r, 'hexavalent', 2)).toMatchObject({ status: 'due', window: { earliest: '2025-06-29', from: '2025-07-27', overdueFrom: '2025-08-26' } });
  });

  it('Hib is no longer required from 5 years: a 6-year-old without vaccines needs the other five antigens', () => {
    const r = evaluate({ birthDate: '2019-01-10', today: '2025-03-01' });
    expect(status(r, 'hexavalent', 1)).toMatchObject({ status: 'overdue', antigens: ['diphtheria', 'tetanus', 'pertussis', 'polio', 'hepatitis-b'] });
    expect(status(r, 'pcv', 1).status).toBe('missed'); // not given to healthy children from 5 years
  });

  it('pentavalent + hepatitis B on the same day count as the hexavalent dose', () => {
    const r = evaluate({ birthDate: BIRTH, today: '2025-04-01', administrations: [given('2025-03-12', { atc: 'J07CA06' }), given('2025-03-12', { name: 'epatite B' })] });
    expect(status(r, 'hexavalent', 1)).toMatchObject({ status: 'done', administrations: [0, 1] });
  });

  it('MPR without varicella: the MPRV dose stays open for varicella only', () => {
    const r = evaluate({ birthDate: BIRTH, today: '2026-02-01', administrations: [given('2026-01-15', { name: 'MPR' })] });
    expect(status(r, 'mprv', 1)).toMatchObject({ status: 'due', missingAntigens: ['varicella'] });
  });
});

describe('doses given too early do not count', () => {
  it('a hexavalent at 5 weeks is under the minimum age of 6 weeks', () => {
    const r = evaluate({ birthDate: BIRTH, today: '2025-03-20', administrations: [given('2025-02-14', HEXA)] });
    expect(status(r, 'hexavalent', 1).status).toBe('due');
    expect(r.notCounted).toContainEqual(expect.objectContaining({ administration: 0, antigen: 'diphtheria', reason: 'too-young', countsFrom: '2025-02-21' }));
  });

  it('a second dose 3 weeks after the first is under the minimum interval, and the next valid one counts as dose 2', () => {
    const administrations = [given('2025-03-12', HEXA), given('2025-04-02', HEXA), given('2025-05-12', HEXA)];
    const r = evaluate({ birthDate: BIRTH, today: '2025-05-20', administrations });
    expect(r.notCounted.filter((n) => n.administration === 1).map((n) => n.reason)).toEqual(Array(6).fill('too-soon'));
    expect(r.notCounted[0]!.countsFrom).toBe('2025-04-09');
    expect(status(r, 'hexavalent', 2)).toMatchObject({ status: 'done', date: '2025-05-12' });
  });

  it('an MPRV before 12 months does not count as dose 1; a MenACWY before 12 months neither', () => {
    const r = evaluate({ birthDate: BIRTH, today: '2026-01-20', administrations: [given('2025-12-20', { name: 'MPRV' }), given('2025-12-20', { name: 'Nimenrix' })] });
    expect(status(r, 'mprv', 1).status).toBe('due');
    expect(status(r, 'menacwy', 1).status).toBe('due');
    expect(r.notCounted.every((n) => n.reason === 'too-young')).toBe(true);
  });

  it('doses dated after today or before birth are reported, not counted', () => {
    const r = evaluate({ birthDate: BIRTH, today: '2025-04-01', administrations: [given('2025-05-12', HEXA), given('2024-12-01', PCV)] });
    expect(new Set(r.notCounted.map((n) => n.reason))).toEqual(new Set(['after-today', 'before-birth']));
    expect(status(r, 'hexavalent', 1).status).toBe('due');
  });

  it('a recorded dose number counts the earlier doses as given elsewhere', () => {
    const r = evaluate({ birthDate: BIRTH, today: '2025-12-01', administrations: [given('2025-11-12', HEXA, 3)] });
    expect(status(r, 'hexavalent', 1)).toMatchObject({ status: 'done', administrations: [] });
    expect(status(r, 'hexavalent', 1).date).toBeUndefined();
    expect(status(r, 'hexavalent', 3)).toMatchObject({ status: 'done', date: '2025-11-12' });
  });

  it('names the vaccines it could not recognise', () => {
    const r = evaluate({ birthDate: BIRTH, today: '2025-04-01', administrations: [given('2025-03-12', { name: 'vaccino X' })] });
    expect(r.unrecognised).toEqual([0]);
  });
});

describe('refusals, exemptions and postponements', () => {
  it('a refusal of MPRV marks its doses refused; a later vaccination overrides it', () => {
    const decisions = [{ kind: 'refusal' as const, vaccine: { name: 'MPRV' }, date: '2026-01-15', id: 'd1' }];
    const r = evaluate({ birthDate: BIRTH, today: '2026-03-01', decisions });
    expect(status(r, 'mprv', 1)).toMatchObject({ status: 'refused', decision: { kind: 'refusal', id: 'd1' } });
    expect(status(r, 'menacwy', 1).status).toBe('due');
    const later = evaluate({ birthDate: BIRTH, today: '2026-06-01', decisions, administrations: [given('2026-05-20', { name: 'MPRV' })] });
    expect(status(later, 'mprv', 1).status).toBe('done');
  });

  it('an exemption for varicella (presumed immunity) leaves measles, mumps and rubella required', () => {
    const decisions = [{ kind: 'exemption' as const, vaccine: { antigens: ['varicella'] }, date: '2025-12-01' }];
    const r = evaluate({ birthDate: BIRTH, today: '2026-02-01', decisions, administrations: [given('2026-01-15', { name: 'MPR' })] });
    expect(status(r, 'mprv', 1)).toMatchObject({ status: 'done', antigens: ['measles', 'mumps', 'rubella'] });
    const all = evaluate({ birthDate: BIRTH, today: '2026-02-01', decisions: [{ kind: 'exemption', vaccine: { name: 'MenB' }, date: '2025-03-01' }] });
    expect(status(all, 'menb', 1).status).toBe('exempt');
  });

  it('a postponement holds the dose until its end date, then the dose is due from that date', () => {
    const decisions = [{ kind: 'postponement' as const, vaccine: HEXA, date: '2025-03-10', until: '2025-04-20' }];
    const during = evaluate({ birthDate: BIRTH, today: '2025-04-01', decisions });
    expect(status(during, 'hexavalent', 1)).toMatchObject({ status: 'postponed', window: { from: '2025-04-20' }, decision: { until: '2025-04-20' } });
    expect(status(during, 'pcv', 1).status).toBe('due');
    const after = evaluate({ birthDate: BIRTH, today: '2025-05-05', decisions });
    expect(status(after, 'hexavalent', 1)).toMatchObject({ status: 'due', window: { from: '2025-04-20', overdueFrom: '2025-05-20' } });
  });
});

describe('variants', () => {
  it('rotavirus: 3 doses with the pentavalent product, 2 with the monovalent', () => {
    const r = evaluate({ birthDate: BIRTH, today: '2025-04-01', administrations: [given('2025-03-01', { name: 'RotaTeq' })] });
    expect(r.doses.filter((d) => d.seriesId.startsWith('rotavirus')).map((d) => `${d.seriesId}#${d.dose}`)).toEqual(['rotavirus-3#1', 'rotavirus-3#2', 'rotavirus-3#3']);
    const mono = evaluate({ birthDate: BIRTH, today: '2025-04-01' });
    expect(mono.doses.filter((d) => d.seriesId.startsWith('rotavirus')).map((d) => d.seriesId)).toEqual(['rotavirus-2', 'rotavirus-2']);
  });

  it('HPV: 2 doses when started before 15 years, 3 from 15', () => {
    const young = evaluate({ birthDate: '2012-05-01', today: '2025-06-01', administrations: [given('2025-05-01', { name: 'Gardasil 9' })] });
    expect(young.doses.filter((d) => d.seriesId.startsWith('hpv')).map((d) => d.seriesId)).toEqual(['hpv-2', 'hpv-2']);
    expect(status(young, 'hpv-2', 2)).toMatchObject({ status: 'next', window: { earliest: '2025-10-01', from: '2025-11-01', overdueFrom: '2026-06-01' } });
    const older = evaluate({ birthDate: '2009-05-01', today: '2025-06-01' });
    expect(older.doses.filter((d) => d.seriesId.startsWith('hpv')).map((d) => d.seriesId)).toEqual(['hpv-3', 'hpv-3', 'hpv-3']);
    expect(status(older, 'hpv-3', 1).status).toBe('overdue');
  });
});

describe('seasonal influenza', () => {
  it('first season: 2 doses 4 weeks apart; later seasons one dose; none from 7 years', () => {
    const first = evaluate({ birthDate: '2024-01-10', today: '2025-11-01', administrations: [given('2025-10-15', { atc: 'J07BB02' })] });
    const rows = first.doses.filter((d) => d.seriesId === 'influenza');
    expect(rows.map((d) => [d.dose, d.status, d.season])).toEqual([[1, 'done', '2025/2026'], [2, 'next', '2025/2026']]);
    expect(rows[1]!.window?.from).toBe('2025-11-12');
    const second = evaluate({ birthDate: '2024-01-10', today: '2026-10-05', administrations: [given('2025-10-15', { atc: 'J07BB02' })] });
    expect(second.doses.filter((d) => d.seriesId === 'influenza').map((d) => [d.dose, d.status, d.season])).toEqual([[1, 'due', '2026/2027']]);
    expect(evaluate({ birthDate: '2018-01-10', today: '2025-11-01' }).doses.some((d) => d.seriesId === 'influenza')).toBe(false);
  });

  it('out of season: the coming season is next; under 6 months: the first season after 6 months', () => {
    const summer = evaluate({ birthDate: '2023-01-10', today: '2025-06-01' });
    expect(status(summer, 'influenza', 1)).toMatchObject({ status: 'next', season: '2025/2026', window: { from: '2025-10-01' } });
    const baby = evaluate({ birthDate: '2025-09-01', today: '2025-10-15' });
    expect(status(baby, 'influenza', 1)).toMatchObject({ status: 'next', season: '2026/2027', window: { from: '2026-10-01' } });
  });
});

describe('regional additions', () => {
  const region = loadVaccinationCalendar({ additions: [resolve(import.meta.dirname, '../../fixtures/vaccination/region-example.json')] });

  it('adds, replaces and removes series and says so', () => {
    expect(region.calendar.regions).toEqual(['Regione di prova']);
    const ids = region.calendar.series.map((s) => s.id);
    expect(ids).toContain('menb-adolescent');
    expect(ids).not.toContain('influenza');
    const r = evaluate({ birthDate: '2020-01-10', today: '2024-02-01', administrations: [given('2021-01-20', { name: 'MPRV' })] }, region);
    expect(status(r, 'mprv', 2)).toMatchObject({ status: 'due', confirmedBy: 'regional' });
    expect(r.regions).toEqual(['Regione di prova']);
    expect(status(evaluate({ birthDate: '2020-01-10', today: '2024-02-01', administrations: [given('2021-01-20', { name: 'MPRV' })] }), 'mprv', 2).status).toBe('next');
  });

  it('refuses an additions file for another calendar or with a wrong shape, naming the file', () => {
    const wrong = join(tmp, 'wrong.json');
    writeFileSync(wrong, JSON.stringify({ format: 'cartella-vaccination-calendar-additions/1', extends: 'other', region: { name: 'X' }, source: {} }));
    expect(() => loadVaccinationCalendar({ additions: [wrong] })).toThrow(/extend other/);
    const broken = join(tmp, 'broken.json');
    writeFileSync(broken, JSON.stringify({ format: 'cartella-vaccination-calendar-additions/1', extends: 'it-pnpv-2023-2025', region: { name: 'X' }, source: {}, series: [{ id: 'x', doses: [] }] }));
    expect(() => loadVaccinationCalendar({ additions: [broken] })).toThrow(/broken\.json/);
  });
});
