/**
 * Vaccinations over both transports: a vaccination recorded for a child moves its calendar
 * (done, then the next dose), target diseases filled from the vaccine, a refusal and a
 * postponement read by the calendar, the Riepilogo's "what is due", the panel's overdue
 * worklist, the guardian round trip, dates off the calendar refused, regional additions applied
 * and wrong ones refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCodiceFiscale } from '../../shared/domain/codice-fiscale.ts';
import { rejection } from '../helpers/rejection.ts';
import { transports, type ContractFixture } from './transports.ts';

const TODAY = '2026-11-01';
const HEXA = { code: 'J07CA09', display: 'DIFTERITE-HAEMOPHILUS INFLUENZAE B-PERTOSSE-POLIOMIELITE-TETANO-EPATITE B' };
const MPRV = { code: 'J07BD54', display: 'MORBILLO, COMBINAZIONI CON PAROTITE, ROSOLIA E VARICELLA, VIVO ATTENUATO' };

describe.each(transports)('vaccinations over %s', (_name, make) => {
  let f: ContractFixture;
  let seq = 0;
  beforeAll(async () => { f = await make(); }, 60_000);
  afterAll(() => f.dispose());
  const SURNAMES = ['Rossi', 'Bianchi', 'Verdi', 'Russo', 'Ferrari', 'Esposito', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco', 'Bruno'];
  const child = (birthDate: string, extra: Record<string, unknown> = {}) => {
    const surname = SURNAMES[seq++ % SURNAMES.length]!;
    const identifier = encodeCodiceFiscale({ surname, givenName: 'Giulia', birthDate, sex: 'F', belfiore: 'H501' });
    return f.client.call('patients.create', { surname, givenName: 'Giulia', sex: 'F', birthDate, identifierKind: 'CF', identifier, ...extra });
  };
  const status = (patientId: string) => f.client.call('vaccinations.status', { patientId, today: TODAY });
  const row = (s: Awaited<ReturnType<typeof status>>, seriesId: string, dose: number) => s.doses.find((d) => d.seriesId === seriesId && d.dose === dose);

  it('records a vaccination: the dose is done with its entry, target diseases come from the vaccine, the next dose follows', async () => {
    const p = await child('2026-07-01'); // 4 months on TODAY
    const before = await status(p.id);
    expect(row(before, 'hexavalent', 1)).toMatchObject({ status: 'overdue', window: { from: '2026-08-31' } });
    await f.client.call('record.upsertEntry', {
      patientId: p.id, section: 'vaccinations',
      entry: { id: 'V1', source: 'doctor', atc: HEXA, date: '2026-09-01', doseNumber: 1, lot: 'AB123', route: 'IM', site: 'LVL', place: 'Ambulatorio', performer: 'Dott.ssa Bianchi' },
    });
    const rec = await f.client.call('record.get', { patientId: p.id });
    expect(rec.record.vaccinations[0]).toMatchObject({ site: 'LVL', place: 'Ambulatorio', performer: 'Dott.ssa Bianchi', lot: 'AB123' });
    // Diphtheria, hepatitis B, Hib, pertussis, polio, tetanus in the FSE antigen list.
    expect(rec.record.vaccinations[0]!.targetDiseases?.map((t) => t.code).sort()).toEqual(['02', '06', '10', '29', '33', '37']);
    expect(rec.record.vaccinations[0]!.targetDiseases?.find((t) => t.code === '02')?.display).toBe('Difterite');
    const after = await status(p.id);
    expect(row(after, 'hexavalent', 1)).toMatchObject({ status: 'done', date: '2026-09-01', entryIds: ['V1'] });
    expect(row(after, 'hexavalent', 2)!.window!.from).toBe('2026-10-30'); // day 121 (later than 8 weeks after dose 1)
    expect(after.counts.done).toBeGreaterThan(before.counts.done);
    expect(after.given[0]).toMatchObject({ entryId: 'V1', recognised: true, notCounted: [] });
    const due = (await f.client.call('summary.get', { patientId: p.id, today: TODAY })).due;
    expect(due.some((d) => d.kind === 'vaccination-due' || d.kind === 'vaccination-overdue')).toBe(true);
    expect(due.find((d) => d.kind.startsWith('vaccination'))).toMatchObject({ href: `#/assistiti/${encodeURIComponent(p.id)}/vaccinazioni` });
  });

  it('decisions: a refusal and a postponement are read by the calendar; a postponement without its end is refused', async () => {
    const p = await child('2025-01-15');
    await f.client.call('record.upsertEntry', { patientId: p.id, section: 'vaccinationDecisions', entry: { id: 'D1', source: 'doctor', kind: 'refusal', atc: MPRV, date: '2026-02-01', reason: 'Dissenso dei genitori' } });
    await f.client.call('record.upsertEntry', { patientId: p.id, section: 'vaccinationDecisions', entry: { id: 'D2', source: 'doctor', kind: 'postponement', atc: HEXA, date: '2026-10-01', until: '2026-12-01', reason: 'Febbre' } });
    const s = await status(p.id);
    expect(row(s, 'mprv', 1)).toMatchObject({ status: 'refused', decision: { kind: 'refusal', id: 'D1' } });
    expect(s.doses.filter((d) => d.seriesId === 'hexavalent').every((d) => d.status === 'postponed')).toBe(true);
    const bad = await rejection(f.client.call('record.upsertEntry', { patientId: p.id, section: 'vaccinationDecisions', entry: { id: 'D3', source: 'doctor', kind: 'postponement', atc: HEXA, date: '2026-10-01', reason: 'x' } }));
    expect(bad.code).toBe('INVALID_INPUT');
    const notVaccine = await rejection(f.client.call('record.upsertEntry', { patientId: p.id, section: 'vaccinationDecisions', entry: { id: 'D4', source: 'doctor', kind: 'refusal', atc: { code: 'A10BA02', display: 'METFORMINA' }, date: '2026-10-01', reason: 'x' } }));
    expect(notVaccine.code).toBe('INVALID_INPUT');
  });

  it('the overdue worklist lists children behind schedule, the longest overdue first, and not an adult', async () => {
    const late = await child('2024-03-01');
    const later = await child('2022-03-01');
    await f.client.call('patients.create', { surname: 'Adulto', givenName: 'Mario', sex: 'M', birthDate: '1970-01-01', identifierKind: 'CF', identifier: encodeCodiceFiscale({ surname: 'Adulto', givenName: 'Mario', birthDate: '1970-01-01', sex: 'M', belfiore: 'H501' }) });
    const { items, children } = await f.client.call('vaccinations.overdue', { today: TODAY });
    const ids = items.map((i) => i.patientId);
    expect(ids).toEqual(expect.arrayContaining([late.id, later.id]));
    expect(ids.indexOf(later.id)).toBeLessThan(ids.indexOf(late.id));
    expect(items.every((i) => i.birthDate > '2008-11-01')).toBe(true);
    expect(children).toBeGreaterThanOrEqual(2);
    const l = items.find((i) => i.patientId === late.id)!;
    expect(l.overdue.some((d) => d.seriesId === 'hexavalent' && d.dose === 1)).toBe(true);
    for (let i = 1; i < items.length; i++) expect(items[i - 1]!.since <= items[i]!.since).toBe(true);
  });

  it('guardian round trip; a wrong codice fiscale of the guardian refused', async () => {
    const g = { name: 'Anna Bianchi', relation: 'MTH', codiceFiscale: 'BNCNNA80A41H501X', phone: '06 123456' } as const;
    const p = await child('2024-05-05', { guardian: g });
    expect((await f.client.call('patients.get', { id: p.id })).guardian).toEqual(g);
    const { createdAt: _c, updatedAt: _u, ...input } = p;
    const u = await f.client.call('patients.update', { ...input, guardian: { name: g.name, relation: 'GUARD', codiceFiscale: g.codiceFiscale } });
    expect(u.guardian).toEqual({ name: 'Anna Bianchi', relation: 'GUARD', codiceFiscale: 'BNCNNA80A41H501X' });
    expect((await rejection(child('2024-05-06', { guardian: { ...g, codiceFiscale: 'SHORT' } }))).code).toBe('INVALID_INPUT');
  });

  it('dates off the calendar are refused: a 30 February vaccination, a 31 April "today"', async () => {
    const p = await child('2025-01-01');
    const bad = await rejection(f.client.call('record.upsertEntry', { patientId: p.id, section: 'vaccinations', entry: { id: 'VX', source: 'doctor', atc: HEXA, date: '2025-02-30' } }));
    expect(bad.code).toBe('INVALID_INPUT');
    expect((await rejection(f.client.call('vaccinations.status', { patientId: p.id, today: '2026-04-31' }))).code).toBe('INVALID_INPUT');
    expect((await rejection(f.client.call('vaccinations.status', { patientId: 'nobody', today: TODAY }))).code).toBe('NOT_FOUND');
  });

  it('regional additions: a region adds a series, shown in the calendar as regional; additions that do not apply are refused', async () => {
    const p = await child('2025-06-01');
    const base = await f.client.call('vaccinations.getSettings', {});
    expect(base.additions).toEqual([]);
    const additions = {
      format: 'cartella-vaccination-calendar-additions/1' as const, extends: 'it-pnpv-2023-2025',
      region: { code: '030', name: 'Lombardia' }, source: { it: 'DGR di prova' },
      series: [{ id: 'hepa', label: { it: 'Epatite A', en: 'Hepatitis A' }, antigens: ['hepatitis-a'], confirmedBy: 'regional' as const, doses: [{ dose: 1, at: { months: 12 }, grace: { months: 3 } }] }],
      remove: [] as string[],
    };
    const saved = await f.client.call('vaccinations.setSettings', { additions: [additions] });
    expect(saved.regions).toEqual(['Lombardia']);
    const s = await status(p.id);
    expect(s.calendar.regions).toEqual(['Lombardia']);
    expect(row(s, 'hepa', 1)).toMatchObject({ confirmedBy: 'regional' });
    const wrong = await rejection(f.client.call('vaccinations.setSettings', { additions: [{ ...additions, remove: ['nonexistent'] }] }));
    expect(wrong.code).toBe('INVALID_INPUT');
    expect((await f.client.call('vaccinations.getSettings', {})).regions).toEqual(['Lombardia']);
    await f.client.call('vaccinations.setSettings', { additions: [] });
  });
});
