/**
 * The longitudinal record over both transports: the diary, therapy plans and prescriptions
 * (refills, "repeat this plan"), observations (series, latest, the vitals line), dispensations,
 * and who saw what. Each list pages; a patient with nothing recorded answers empty lists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TITOLARE_ID } from '../../electron/services/doctors/directory.ts';
import { historyParts } from '../../electron/services/record/seed-history.ts';
import { seededRandom } from '../../shared/random.ts';
import { syntheticHistory } from '../../shared/synthetic/history/index.ts';
import { syntheticPatients } from '../../shared/synthetic/patients.ts';
import { rejection } from '../helpers/rejection.ts';
import { transports, type ContractFixture } from './transports.ts';

/** The author id of what the sandbox's doctor at work writes: the titolare's profile. */
const DOCTOR = TITOLARE_ID;
const METFORMINA = { aic: { code: '017758018', display: 'GLUCOPHAGE' }, atc: { code: 'A10BA02', display: 'METFORMINA' } };

describe.each(transports)('longitudinal record over %s', (_name, make) => {
  let f: ContractFixture;
  let seq = 0;
  beforeAll(async () => { f = await make(); }, 60_000);
  afterAll(() => f.dispose());
  const patient = async () => f.client.call('patients.create', syntheticPatients({ count: 1, seed: 9100 + ++seq, today: new Date('2026-11-01') })[0]!);

  it('a patient with nothing recorded: every list is empty; an unknown patient is NOT_FOUND', async () => {
    const p = await patient();
    const page = { items: [], total: 0, nextOffset: null };
    expect(await f.client.call('visits.list', { patientId: p.id })).toEqual(page);
    expect(await f.client.call('prescriptions.list', { patientId: p.id })).toEqual(page);
    expect(await f.client.call('dispensations.list', { patientId: p.id })).toEqual(page);
    expect(await f.client.call('therapy.listPlans', { patientId: p.id })).toEqual({ items: [] });
    expect(await f.client.call('observations.latest', { patientId: p.id })).toEqual({ items: [] });
    expect(await f.client.call('observations.series', { patientId: p.id, code: '4548-4' })).toEqual({ code: '4548-4', display: null, points: [] });
    expect(await f.client.call('access.list', { patientId: p.id, only: 'views' })).toEqual(page);
    for (const call of [
      f.client.call('visits.list', { patientId: 'nobody' }),
      f.client.call('observations.latest', { patientId: 'nobody' }),
      f.client.call('access.openRecord', { patientId: 'nobody' }),
    ]) expect((await rejection(call)).code).toBe('NOT_FOUND');
  });

  it('visits: newest first, paged, edited under a version, removed; the author is the doctor at work', async () => {
    const p = await patient();
    for (const [i, at] of ['2026-01-10T09:00:00+01:00', '2026-03-05T10:30:00+01:00', '2026-06-20T17:15:00+02:00'].entries()) {
      await f.client.call('visits.upsert', { patientId: p.id, visit: { id: `V${i}`, at, kind: i === 1 ? 'telefonica' : 'ambulatoriale', reason: 'Controllo', note: `Nota ${i}` } });
    }
    const first = await f.client.call('visits.list', { patientId: p.id, limit: 2 });
    expect(first.items.map((v) => v.id)).toEqual(['V2', 'V1']);
    expect(first).toMatchObject({ total: 3, nextOffset: 2 });
    expect(first.items[0]).toMatchObject({ authorId: DOCTOR, problemIds: [], meta: { version: 1 } });
    const second = await f.client.call('visits.list', { patientId: p.id, limit: 2, offset: 2 });
    expect(second).toMatchObject({ items: [{ id: 'V0' }], nextOffset: null });

    const edited = await f.client.call('visits.upsert', { patientId: p.id, visit: { ...second.items[0]!, note: 'Nota corretta' }, version: 1 });
    expect(edited).toMatchObject({ id: 'V0', note: 'Nota corretta', meta: { version: 2 } });
    expect((await rejection(f.client.call('visits.upsert', { patientId: p.id, visit: { id: 'V0', at: '2026-01-10T09:00:00+01:00', kind: 'ambulatoriale' }, version: 1 }))).code).toBe('CONFLICT');
    expect((await rejection(f.client.call('visits.upsert', { patientId: p.id, visit: { at: '10/01/2026', kind: 'ambulatoriale' } as never }))).code).toBe('INVALID_INPUT');
    const created = await f.client.call('visits.upsert', { patientId: p.id, visit: { at: '2026-07-01T08:00:00+02:00', kind: 'domiciliare' } });
    expect(created.id).toMatch(/^VIS\./);
    await f.client.call('visits.remove', { patientId: p.id, id: 'V1' });
    expect((await rejection(f.client.call('visits.remove', { patientId: p.id, id: 'V1' }))).code).toBe('NOT_FOUND');
    expect((await f.client.call('visits.list', { patientId: p.id })).items.map((v) => v.id)).toEqual([created.id, 'V2', 'V0']);
  });

  it('therapy plans and prescriptions: refills, "repeat this plan", stop; tests coded with the outpatient catalogue', async () => {
    const p = await patient();
    const posology = { unitsPerDose: 1, unit: 'compressa', dosesPerDay: 2, asNeeded: false };
    const plan = await f.client.call('therapy.upsertPlan', {
      patientId: p.id,
      plan: { id: 'PLN1', source: 'doctor', ...METFORMINA, dosageText: '1 compressa 2 volte al giorno', route: 'PO', status: 'active', start: '2024-01-15', chronic: true, posology },
    });
    expect(plan).toMatchObject({ id: 'PLN1', authorId: DOCTOR, meta: { version: 1 } });
    const rx1 = await f.client.call('prescriptions.create', { patientId: p.id, prescription: { id: 'RX1', kind: 'medicine', date: '2026-01-10', ...METFORMINA, packs: 2, posology, planId: 'PLN1', exemption: '013' } });
    expect(rx1).toMatchObject({ plan: { id: 'PLN1' }, prescription: { id: 'RX1', packs: 2, authorId: DOCTOR } });
    // The same id again prescribes nothing new.
    await f.client.call('prescriptions.create', { patientId: p.id, prescription: { id: 'RX1', kind: 'medicine', date: '2026-01-10', ...METFORMINA, packs: 2, planId: 'PLN1' } });
    const repeat = await f.client.call('prescriptions.repeatPlan', { patientId: p.id, planId: 'PLN1', date: '2026-03-01' });
    expect(repeat).toMatchObject({ kind: 'medicine', date: '2026-03-01', packs: 2, exemption: '013', posology, dosageText: '1 compressa 2 volte al giorno', planId: 'PLN1', ...METFORMINA });
    const today = await f.client.call('prescriptions.repeatPlan', { patientId: p.id, planId: 'PLN1' });
    expect(today.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const test = await f.client.call('prescriptions.create', { patientId: p.id, prescription: { kind: 'test', date: '2026-03-01', service: { code: '90.28.1', display: 'Emoglobina glicata (HbA1c)' }, loinc: '4548-4' } });
    expect(test.prescription).toMatchObject({ kind: 'test', quantity: 1, service: { code: '90.28.1' } });

    const meds = await f.client.call('prescriptions.list', { patientId: p.id, kind: 'medicine', limit: 2 });
    expect(meds).toMatchObject({ total: 3, nextOffset: 2 });
    expect(meds.items[1]!.id).toBe(repeat.id);
    expect((await f.client.call('prescriptions.list', { patientId: p.id })).total).toBe(4);
    expect((await f.client.call('prescriptions.list', { patientId: p.id, planId: 'PLN1' })).total).toBe(3);

    const started = await f.client.call('prescriptions.create', {
      patientId: p.id, asChronicPlan: true,
      prescription: { kind: 'medicine', date: '2026-04-01', aic: { code: '027161052', display: 'TRIATEC' }, atc: { code: 'C09AA05', display: 'RAMIPRIL' }, packs: 1, posology: { unitsPerDose: 1, unit: 'compressa', dosesPerDay: 1, asNeeded: false } },
    });
    expect(started.plan).toMatchObject({ chronic: true, status: 'active', start: '2026-04-01', dosageText: '1 compressa al giorno', atc: { code: 'C09AA05' } });
    expect(started.prescription).toMatchObject({ planId: started.plan!.id });

    const listed = await f.client.call('therapy.listPlans', { patientId: p.id });
    expect(listed.items.map((x) => [x.plan.id, x.refills.length, x.lastPrescribed])).toEqual([[started.plan!.id, 1, '2026-04-01'], ['PLN1', 3, today.date]]);
    // The plans are the PSS therapies (one source of truth).
    expect((await f.client.call('record.get', { patientId: p.id })).record.medications.map((m) => m.id)).toEqual(['PLN1', started.plan!.id]);

    const stopped = await f.client.call('therapy.setPlanStatus', { patientId: p.id, planId: 'PLN1', status: 'completed', date: '2026-05-01' });
    expect(stopped).toMatchObject({ status: 'completed', end: '2026-05-01', meta: { version: 2 } });
    expect((await rejection(f.client.call('prescriptions.repeatPlan', { patientId: p.id, planId: 'PLN1' }))).code).toBe('CONFLICT');
    expect((await rejection(f.client.call('therapy.setPlanStatus', { patientId: p.id, planId: 'PLN1', status: 'completed', date: '2020-01-01' }))).code).toBe('INVALID_INPUT');
    expect((await rejection(f.client.call('prescriptions.repeatPlan', { patientId: p.id, planId: 'nope' }))).code).toBe('NOT_FOUND');
    expect((await f.client.call('therapy.listPlans', { patientId: p.id, status: ['completed'] })).items.map((x) => x.plan.id)).toEqual(['PLN1']);
  });

  it('observations: a vitals line becomes its series, the BMI computed; an unreadable line writes nothing', async () => {
    const p = await patient();
    const line = 'PA 135/85, peso 82, FC 70, sat 97, glicemia 110, vita 94, h 172';
    const parsed = await f.client.call('observations.parseVitalsLine', { text: line });
    expect(parsed.problems).toEqual([]);
    expect(parsed.items.at(-1)).toMatchObject({ kind: 'bmi', value: 27.7, computed: true });
    const { observations } = await f.client.call('observations.recordVitals', { patientId: p.id, text: line, at: '2026-02-01T09:30:00+01:00', lineId: 'L1' });
    expect(observations.map((o) => [o.code, o.value.type === 'quantity' ? o.value.value : null])).toEqual([
      ['8480-6', 135], ['8462-4', 85], ['29463-7', 82], ['8867-4', 70], ['59408-5', 97], ['2339-0', 110], ['8280-0', 94], ['8302-2', 172], ['39156-5', 27.7],
    ]);
    expect(observations[0]).toMatchObject({ id: 'L1.bp.sys', panelId: 'L1.bp', authorId: DOCTOR, source: 'doctor' });
    // The same line id again writes the same observations.
    await f.client.call('observations.recordVitals', { patientId: p.id, text: line, at: '2026-02-01T09:30:00+01:00', lineId: 'L1' });

    const bad = await rejection(f.client.call('observations.recordVitals', { patientId: p.id, text: 'peso 84, colesterolo 200' }));
    expect(bad.code).toBe('INVALID_INPUT');
    expect(JSON.stringify(bad.data)).toContain('unknown');
    // The BMI of a weight alone uses the adult patient's last height.
    expect((await f.client.call('observations.parseVitalsLine', { text: 'peso 90,5', patientId: p.id })).items).toEqual([
      { kind: 'weight', value: 90.5, unit: 'kg', span: [0, 9] }, { kind: 'bmi', value: 30.6, unit: 'kg/m2', span: [0, 0], computed: true },
    ]);
    await f.client.call('observations.recordVitals', { patientId: p.id, text: 'peso 90,5', at: '2026-05-01T09:00:00+02:00' });

    const weights = await f.client.call('observations.series', { patientId: p.id, code: '29463-7' });
    expect(weights.display).toBe('Peso corporeo');
    expect(weights.points.map((x) => [x.at, x.value, x.unit])).toEqual([['2026-02-01T08:30:00Z', 82, 'kg'], ['2026-05-01T07:00:00Z', 90.5, 'kg']]);
    expect((await f.client.call('observations.series', { patientId: p.id, code: '29463-7', from: '2026-03-01' })).points).toHaveLength(1);
    expect((await f.client.call('observations.series', { patientId: p.id, code: '29463-7', to: '2026-02-01' })).points).toHaveLength(1);

    const latest = await f.client.call('observations.latest', { patientId: p.id });
    expect(latest.items).toHaveLength(9);
    expect(latest.items.find((x) => x.observation.code === '29463-7')).toMatchObject({ count: 2, observation: { value: { value: 90.5 } } });

    // The PSS vital signs are the latest of each kind.
    const { record } = await f.client.call('record.get', { patientId: p.id });
    expect(record.vitalSigns.map((v) => (v.kind === 'blood-pressure' ? `${v.systolic}/${v.diastolic}` : `${v.kind} ${v.value}`))).toEqual(
      expect.arrayContaining(['135/85', 'weight 90.5', 'height 172', 'bmi 30.6', 'heart-rate 70', 'waist 94']),
    );
    const panel = await f.client.call('observations.panelVitals', {});
    expect(panel.items.find((x) => x.patientId === p.id)?.values).toEqual(expect.arrayContaining([{ code: '29463-7', value: 90.5, unit: 'kg', at: '2026-05-01T07:00:00Z' }]));
  });

  it('dispensations of a synthetic history: newest first, by ATC class, paged', async () => {
    const p = await patient();
    const input = syntheticPatients({ count: 60, seed: 31, today: new Date('2026-11-01') }).find((x) => x.birthDate < '1950');
    const h = syntheticHistory({ ...input!, identifier: p.identifier }, seededRandom(8), { today: '2026-11-01', years: 6, intensive: { documents: 120, observations: 1500 } });
    for (const part of historyParts(h)) await f.db.call('record.writeHistory', { actor: 'test', patientId: p.id, part });
    const all = await f.client.call('dispensations.list', { patientId: p.id, limit: 500 });
    expect(all.total).toBe(h.dispensations.length);
    expect(all.items.map((d) => d.date)).toEqual([...all.items.map((d) => d.date)].sort().reverse());
    const ras = await f.client.call('dispensations.list', { patientId: p.id, atc: 'C09', limit: 5 });
    expect(ras.total).toBe(h.dispensations.filter((d) => d.atc.code.startsWith('C09')).length);
    expect(ras.total).toBeGreaterThan(5);
    expect(ras.nextOffset).toBe(5);
    for (const d of ras.items) expect(d.atc.code).toMatch(/^C09/);
    expect((await f.client.call('dispensations.list', { patientId: p.id, from: '2026-01-01', to: '2026-06-30', limit: 500 })).items.every((d) => d.date >= '2026-01-01' && d.date <= '2026-06-30')).toBe(true);
    // The HbA1c series of the history, and the plans with their refills.
    const hba1c = await f.client.call('observations.series', { patientId: p.id, code: '4548-4' });
    expect(hba1c.points.length).toBe(h.observations.filter((o) => o.code === '4548-4').length);
    expect(hba1c.points.some((x) => x.interpretation === 'H')).toBe(true);
    expect((await f.client.call('therapy.listPlans', { patientId: p.id })).items.every((x) => x.refills.length > 0)).toBe(true);
  });

  it('drafts: kept per form and patient, replaced while typing, removed by the save they complete or discarded; never audited', async () => {
    const p = await patient();
    expect(await f.client.call('drafts.get', { patientId: p.id, form: 'visit' })).toBeNull();
    await f.client.call('drafts.save', { patientId: p.id, form: 'visit', value: { reason: 'Contr', note: '' } });
    await f.client.call('drafts.save', { patientId: p.id, form: 'visit', value: { reason: 'Controllo', note: 'Pressione ben controllata' } });
    await f.client.call('drafts.save', { patientId: p.id, form: 'vitals', value: { text: 'PA 130/80' } });
    expect(await f.client.call('drafts.get', { patientId: p.id, form: 'visit' })).toMatchObject({ value: { reason: 'Controllo', note: 'Pressione ben controllata' } });
    // An edit that is not the draft's save leaves the draft alone; the save that completes it removes it.
    await f.client.call('visits.upsert', { patientId: p.id, visit: { id: 'OTHER', at: '2026-01-10T09:00:00+01:00', kind: 'telefonica' } });
    expect(await f.client.call('drafts.get', { patientId: p.id, form: 'visit' })).not.toBeNull();
    await f.client.call('visits.upsert', { patientId: p.id, visit: { at: '2026-01-11T09:00:00+01:00', kind: 'ambulatoriale', reason: 'Controllo' }, completesDraft: true });
    expect(await f.client.call('drafts.get', { patientId: p.id, form: 'visit' })).toBeNull();
    await f.client.call('observations.recordVitals', { patientId: p.id, text: 'PA 130/80', completesDraft: true });
    expect(await f.client.call('drafts.get', { patientId: p.id, form: 'vitals' })).toBeNull();
    // A line that cannot be read writes nothing and keeps the draft.
    await f.client.call('drafts.save', { patientId: p.id, form: 'vitals', value: { text: 'PA 130/' } });
    await rejection(f.client.call('observations.recordVitals', { patientId: p.id, text: 'PA 130/', completesDraft: true }));
    expect(await f.client.call('drafts.get', { patientId: p.id, form: 'vitals' })).toMatchObject({ value: { text: 'PA 130/' } });
    expect(await f.client.call('drafts.discard', { patientId: p.id, form: 'vitals' })).toEqual({ discarded: true });
    expect(await f.client.call('drafts.discard', { patientId: p.id, form: 'vitals' })).toEqual({ discarded: false });
    await f.client.call('drafts.save', { patientId: p.id, form: 'prescription', value: { packs: 2 } });
    await f.client.call('prescriptions.create', { patientId: p.id, completesDraft: true, prescription: { kind: 'test', date: '2026-03-01', service: { code: '90.28.1', display: 'Emoglobina glicata (HbA1c)' } } });
    expect(await f.client.call('drafts.get', { patientId: p.id, form: 'prescription' })).toBeNull();
    expect((await rejection(f.client.call('drafts.save', { patientId: p.id, form: 'visit', value: { note: 'x'.repeat(70_000) } }))).code).toBe('INVALID_INPUT');
    expect((await rejection(f.client.call('drafts.save', { patientId: 'nobody', form: 'visit', value: {} }))).code).toBe('NOT_FOUND');
    const actions = (await f.client.call('access.list', { patientId: p.id, limit: 50 })).items.map((a) => a.action);
    expect(actions.filter((a) => a.startsWith('draft'))).toEqual([]);
  });

  it('who saw what: opening the record and a document are logged with the doctor; the list pages and carries no names', async () => {
    const p = await patient();
    await f.client.call('access.openRecord', { patientId: p.id });
    await f.client.call('visits.upsert', { patientId: p.id, visit: { at: '2026-06-20T17:15:00+02:00', kind: 'ambulatoriale', note: `Visita di ${p.surname}` } });
    await f.client.call('access.openDocument', { patientId: p.id, documentId: 'lab-1' });
    await f.client.call('access.openRecord', { patientId: p.id });
    const views = await f.client.call('access.list', { patientId: p.id, only: 'views', limit: 2 });
    expect(views).toMatchObject({ total: 3, nextOffset: 2 });
    expect(views.items.map((a) => [a.action, a.kind, a.documentId, a.authorId])).toEqual([['access.record', 'view', null, DOCTOR], ['access.document', 'view', 'lab-1', DOCTOR]]);
    const all = await f.client.call('access.list', { patientId: p.id });
    expect(all.items.map((a) => a.action)).toEqual(['access.record', 'access.document', 'visit.create', 'access.record', 'patient.create']);
    expect(all.items[2]!.kind).toBe('change');
    expect(JSON.stringify(all)).not.toContain(p.surname);
  });
});
