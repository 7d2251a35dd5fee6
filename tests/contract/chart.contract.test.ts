/**
 * The Scheda paziente's reads over both transports: the Riepilogo (allergies first, the most
 * critical first; active problems, chronic first; current therapies with their last
 * prescription; the last values with their trend and abnormal mark; what is due) and the
 * timeline (newest first, paged by cursor to the end without gaps or repeats, filtered by kind
 * and by text), on a patient with nothing recorded, a small hand-written one and a synthetic
 * six-year history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyParts } from '../../electron/services/record/seed-history.ts';
import type { TimelineItem } from '../../shared/api/chart.ts';
import { seededRandom } from '../../shared/random.ts';
import { syntheticHistory } from '../../shared/synthetic/history/index.ts';
import { syntheticPatients } from '../../shared/synthetic/patients.ts';
import { rejection } from '../helpers/rejection.ts';
import { transports, type ContractFixture } from './transports.ts';

const TODAY = '2026-11-01';
const METFORMINA = { aic: { code: '017758018', display: 'GLUCOPHAGE' }, atc: { code: 'A10BA02', display: 'METFORMINA' } };

/** Every page of the timeline, following nextCursor to the end. */
async function allPages(f: ContractFixture, input: { patientId: string; limit: number; kinds?: TimelineItem['kind'][]; text?: string }) {
  const items: TimelineItem[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await f.client.call('timeline.list', { ...input, ...(cursor ? { cursor } : {}) });
    expect(page.items.length).toBeLessThanOrEqual(input.limit);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
    pages++;
  } while (cursor && pages < 1000);
  return { items, pages };
}

const key = (i: TimelineItem) => `${i.at}|${i.kind}|${i.id}`;
function expectNewestFirst(items: TimelineItem[]) {
  for (let i = 1; i < items.length; i++) {
    const a = items[i - 1]!;
    const b = items[i]!;
    expect(a.at > b.at || (a.at === b.at && (a.kind > b.kind || (a.kind === b.kind && a.id > b.id))), `${key(a)} before ${key(b)}`).toBe(true);
  }
}

describe.each(transports)('scheda paziente over %s', (_name, make) => {
  let f: ContractFixture;
  let seq = 0;
  beforeAll(async () => { f = await make(); }, 60_000);
  afterAll(() => f.dispose());
  const patient = async () => f.client.call('patients.create', syntheticPatients({ count: 1, seed: 9300 + ++seq, today: new Date(TODAY) })[0]!);

  it('a patient with nothing recorded: an empty Riepilogo but "PSS never published", an empty timeline; unknown patient and foreign cursor refused', async () => {
    const p = await patient();
    expect(await f.client.call('summary.get', { patientId: p.id, today: TODAY })).toEqual({
      patientId: p.id, today: TODAY, allergies: [], noAllergies: null, problems: [], therapies: [], measures: [], due: [{ kind: 'pss-never-published' }],
    });
    expect(await f.client.call('timeline.list', { patientId: p.id })).toEqual({ items: [], nextCursor: null });
    expect(await f.client.call('documents.authored', { patientId: p.id })).toEqual({ items: [] });
    expect((await rejection(f.client.call('summary.get', { patientId: 'nobody' }))).code).toBe('NOT_FOUND');
    expect((await rejection(f.client.call('timeline.list', { patientId: 'nobody' }))).code).toBe('NOT_FOUND');
    expect((await rejection(f.client.call('timeline.list', { patientId: p.id, cursor: 'bm90IGEgY3Vyc29y' }))).code).toBe('INVALID_INPUT');
  });

  it('Riepilogo: allergies most critical first (resolved ones left out), active problems chronic first, therapies with days since the last prescription, last values with trend and mark', async () => {
    const p = await patient();
    const allergy = (id: string, criticality: 'L' | 'M' | 'H', status: 'active' | 'resolved') => ({
      id, source: 'doctor' as const, type: 'DALG' as const, agent: { kind: 'atc' as const, code: 'J01CA04', display: 'AMOXICILLINA' }, reaction: { code: '708.9', display: 'Orticaria' }, criticality, status,
      ...(status === 'resolved' ? { resolution: '2020-01-01' } : {}),
    });
    for (const a of [allergy('A-LOW', 'L', 'active'), allergy('A-OLD', 'H', 'resolved'), allergy('A-HIGH', 'H', 'active')]) await f.client.call('record.upsertEntry', { patientId: p.id, section: 'allergies', entry: a });
    const problem = (id: string, code: string, chronic: boolean, onset: string, status: 'active' | 'resolved' = 'active') => ({
      id, source: 'doctor' as const, diagnosis: { code, display: code }, chronic, onset, status, ...(status === 'resolved' ? { resolution: '2025-01-01' } : {}),
    });
    for (const pr of [problem('P-ACUTE', '462', false, '2026-10-01'), problem('P-HT', '401.9', true, '2010-05-01'), problem('P-DM', '250.00', true, '2015-03-01'), problem('P-GONE', '465.9', false, '2024-01-01', 'resolved')]) {
      await f.client.call('record.upsertEntry', { patientId: p.id, section: 'problems', entry: pr });
    }
    await f.client.call('therapy.upsertPlan', { patientId: p.id, plan: { id: 'PLN1', source: 'doctor', ...METFORMINA, dosageText: '1 cp x 2', route: 'PO', status: 'active', start: '2024-01-15', chronic: true } });
    await f.client.call('therapy.upsertPlan', { patientId: p.id, plan: { id: 'PLN2', source: 'doctor', ...METFORMINA, dosageText: '1 cp', route: 'PO', status: 'completed', start: '2020-01-15', end: '2020-02-15', chronic: false } });
    await f.client.call('prescriptions.repeatPlan', { patientId: p.id, planId: 'PLN1', date: '2026-09-01' });
    await f.client.call('prescriptions.repeatPlan', { patientId: p.id, planId: 'PLN1', date: '2026-10-22' });
    for (const [i, at] of ['2026-06-01T09:00:00+02:00', '2026-08-01T09:00:00+02:00', '2026-10-02T09:00:00+02:00'].entries()) {
      await f.client.call('observations.recordVitals', { patientId: p.id, text: `PA ${140 + i * 5}/90, peso ${80 + i}`, at });
    }
    for (const [i, date] of ['2025-10-01', '2026-04-01'].entries()) {
      await f.client.call('record.upsertEntry', { patientId: p.id, section: 'labResults', entry: { id: `HBA${i}`, source: 'doctor', loinc: { code: '4548-4', display: 'HbA1c' }, value: 6.5 + i, unit: '%', referenceLow: 4, referenceHigh: 6, date } });
    }

    const s = await f.client.call('summary.get', { patientId: p.id, today: TODAY });
    expect(s.allergies.map((a) => a.id)).toEqual(['A-HIGH', 'A-LOW']);
    expect(s.allergies[0]).toMatchObject({ reaction: { display: 'Orticaria' }, criticality: 'H' });
    expect(s.problems.map((x) => x.id)).toEqual(['P-DM', 'P-HT', 'P-ACUTE']);
    expect(s.therapies).toEqual([expect.objectContaining({ plan: expect.objectContaining({ id: 'PLN1' }), lastPrescribed: '2026-10-22', daysSincePrescribed: 10 })]);
    const byCode = new Map(s.measures.map((m) => [m.code, m]));
    // Vital signs first in their fixed order, then the laboratory values.
    expect(s.measures.map((m) => m.code)).toEqual(['29463-7', '8480-6', '8462-4', '4548-4']);
    expect(byCode.get('8480-6')).toMatchObject({ group: 'vital', value: 150, unit: 'mm[Hg]', at: '2026-10-02T07:00:00', ageDays: 30, trend: [140, 145, 150] });
    expect(byCode.get('4548-4')).toMatchObject({ group: 'lab', value: 7.5, high: 6, abnormal: 'high', ageDays: 214, trend: [6.5, 7.5] });
    expect(s.due).toEqual([{ kind: 'pss-never-published' }]);
  });

  it('timeline: newest first across kinds, every page of 2 joined is the whole list, filtered by kind and by words', async () => {
    const p = await patient();
    await f.client.call('visits.upsert', { patientId: p.id, visit: { id: 'V1', at: '2026-03-05T10:30:00+01:00', kind: 'ambulatoriale', reason: 'Controllo pressorio', note: 'Bene.' } });
    await f.client.call('visits.upsert', { patientId: p.id, visit: { id: 'V2', at: '2026-06-20T17:15:00+02:00', kind: 'telefonica', reason: 'Febbre e tosse' } });
    await f.client.call('therapy.upsertPlan', { patientId: p.id, plan: { id: 'PLN1', source: 'doctor', ...METFORMINA, dosageText: '1 cp x 2', route: 'PO', status: 'active', start: '2024-01-15', chronic: true } });
    await f.client.call('prescriptions.repeatPlan', { patientId: p.id, planId: 'PLN1', date: '2026-06-20' });
    await f.client.call('observations.recordVitals', { patientId: p.id, text: 'PA 135/85', at: '2026-04-01T09:00:00+02:00' });

    const whole = await f.client.call('timeline.list', { patientId: p.id });
    expect(whole.nextCursor).toBeNull();
    expect(whole.items.map((i) => [i.kind, i.ref])).toEqual([
      ['visit', 'V2'], ['prescription', expect.any(String)], ['results', '2026-04-01'], ['visit', 'V1'],
    ]);
    expect(whole.items[0]).toMatchObject({ at: '2026-06-20T15:15:00', title: 'telefonica', detail: 'Febbre e tosse' });
    expect(whole.items[1]).toMatchObject({ title: 'GLUCOPHAGE', tag: 'medicine' });
    expect(whole.items[2]).toMatchObject({ detail: expect.stringContaining('8480-6'), tag: '2' });
    const paged = await allPages(f, { patientId: p.id, limit: 2 });
    expect(paged.pages).toBe(2);
    expect(paged.items).toEqual(whole.items);

    expect((await f.client.call('timeline.list', { patientId: p.id, kinds: ['visit'] })).items.map((i) => i.ref)).toEqual(['V2', 'V1']);
    expect((await f.client.call('timeline.list', { patientId: p.id, text: 'PRESSORIO' })).items.map((i) => i.ref)).toEqual(['V1']);
    expect((await f.client.call('timeline.list', { patientId: p.id, text: 'glucophage' })).items.map((i) => i.kind)).toEqual(['prescription']);
    expect((await f.client.call('timeline.list', { patientId: p.id, text: 'nessuna parola così' })).items).toEqual([]);
  });

  it('timeline of a six-year synthetic history: pages of 37 to the end, no gap, no repeat, strictly newest first; a kind filter pages the same way', async () => {
    const p = await patient();
    const input = syntheticPatients({ count: 60, seed: 31, today: new Date(TODAY) }).find((x) => x.birthDate < '1950')!;
    const h = syntheticHistory({ ...input, identifier: p.identifier }, seededRandom(8), { today: TODAY, years: 6, intensive: { documents: 120, observations: 1500 } });
    for (const part of historyParts(h)) await f.db.call('record.writeHistory', { actor: 'test', patientId: p.id, part });

    const { items } = await allPages(f, { patientId: p.id, limit: 37 });
    expect(new Set(items.map(key)).size).toBe(items.length);
    expectNewestFirst(items);
    const count = (k: TimelineItem['kind']) => items.filter((i) => i.kind === k).length;
    expect(count('visit')).toBe(h.visits.length);
    expect(count('prescription')).toBe(h.prescriptions.length);
    expect(count('received')).toBe(h.documents.length);
    const ownDays = new Set(h.observations.filter((o) => !o.documentId).map((o) => new Date(Date.parse(o.effective.length > 10 ? o.effective : `${o.effective}T00:00:00Z`)).toISOString().slice(0, 10)));
    expect(count('results')).toBe(ownDays.size);
    const received = await allPages(f, { patientId: p.id, limit: 25, kinds: ['received'] });
    expect(received.items).toEqual(items.filter((i) => i.kind === 'received'));
  }, 60_000);

  it('authored documents: a PSS draft is "bozza", confirmed "validato", in the list and the timeline; still never published', async () => {
    const p = await patient();
    await f.client.call('record.setStatement', { patientId: p.id, key: 'noAllergies', value: 'no-known-allergies' });
    await f.client.call('record.setStatement', { patientId: p.id, key: 'noProblems', value: 'no-known-problems' });
    await f.client.call('record.setStatement', { patientId: p.id, key: 'noMedications', value: 'no-known-medications' });
    const saved = await f.client.call('pss.saveDraft', { patientId: p.id });
    expect((await f.client.call('documents.authored', { patientId: p.id })).items).toEqual([
      expect.objectContaining({ id: saved.draft.documentId, kind: 'PSS', versionNumber: 1, state: 'bozza', outboxState: null, documentId: null, reason: null }),
    ]);
    const confirmed = await f.client.call('pss.confirm', { patientId: p.id });
    expect(confirmed.state).toBe('confirmed');
    expect((await f.client.call('documents.authored', { patientId: p.id })).items.map((d) => d.state)).toEqual(['validato']);
    expect((await f.client.call('timeline.list', { patientId: p.id, kinds: ['authored'] })).items).toEqual([
      expect.objectContaining({ kind: 'authored', ref: saved.draft.documentId, title: 'PSS', detail: 'v1', tag: 'validato' }),
    ]);
    expect((await f.client.call('summary.get', { patientId: p.id })).due).toEqual([{ kind: 'pss-never-published' }]);
    expect((await rejection(f.client.call('documents.pdf', { patientId: p.id, documentId: 'nothing' }))).code).toBe('NOT_FOUND');
  }, 60_000);
});
