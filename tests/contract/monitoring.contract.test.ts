/**
 * Telemonitoring plans over both transports: a plan for blood pressure and heart rate, home
 * readings imported as a device CSV through the import pipeline (in range, outside the target,
 * beyond the alert threshold, one day with no reading, one reading just after midnight in Rome),
 * and the alerts they give: in the patient's list, in the Riepilogo's "what is due" and in the
 * panel worklist, until acknowledged. Days are the clinical time zone's (Europe/Rome).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonitoringPlanInput } from '../../shared/api/monitoring.ts';
import { syntheticPatients } from '../../shared/synthetic/patients.ts';
import { rejection } from '../helpers/rejection.ts';
import { transports, type ContractFixture } from './transports.ts';

const SYSTOLIC = '8480-6';
const HEART_RATE = '8867-4';
const TODAY = '2024-03-15';

const PLAN: MonitoringPlanInput = {
  title: 'Ipertensione: controllo domiciliare',
  start: '2024-03-10',
  end: '2024-04-09',
  parameters: [
    { code: SYSTOLIC, display: 'Pressione sistolica', unit: 'mm[Hg]', everyDays: 1, target: { low: 90, high: 140 }, alert: { low: 80, high: 160 } },
    { code: HEART_RATE, display: 'Frequenza cardiaca', unit: '/min', everyDays: 1, target: { low: 50, high: 100 }, alert: { low: 40, high: 120 } },
  ],
};

/**
 * An Omron export (the device preset the import knows): 10/03 in range; 11/03 systolic 145
 * (outside the target); 12/03 systolic 165 (beyond the threshold); 13/03 nothing; 14/03 at 00:30
 * Rome time, which is still 13/03 in UTC: counted on the 14th, so the 13th stays missing.
 */
const CSV = [
  'Data;Ora;Sistolica (mmHg);Diastolica (mmHg);Pulsazioni (bpm);Battito irregolare;Dispositivo',
  '10/03/2024;07:45;138;86;72;No;M7 Intelli IT',
  '11/03/2024;07:40;145;88;75;No;M7 Intelli IT',
  '12/03/2024;08:05;165;95;78;No;M7 Intelli IT',
  '14/03/2024;00:30;132;84;70;No;M7 Intelli IT',
].join('\n');
const csvFile = { fileName: 'omron-marzo.csv', fileBase64: Buffer.from(CSV).toString('base64') };

describe.each(transports)('telemonitoring over %s', (_name, make) => {
  let f: ContractFixture;
  let seq = 0;
  beforeAll(async () => { f = await make(); }, 60_000);
  afterAll(() => f.dispose());
  const patient = async () => f.client.call('patients.create', syntheticPatients({ count: 1, seed: 9700 + ++seq, today: new Date(TODAY) })[0]!);

  it('readings in and out of range and a missing day give the alerts, in the list, the Riepilogo and the worklist, until acknowledged', async () => {
    const p = await patient();
    const plan = await f.client.call('monitoring.savePlan', { patientId: p.id, plan: PLAN });
    expect(plan).toMatchObject({ patientId: p.id, title: PLAN.title, start: '2024-03-10', end: '2024-04-09', meta: { version: 1 } });
    expect((await f.client.call('monitoring.plans', { patientId: p.id })).items.map((x) => x.id)).toEqual([plan.id]);

    // No reading yet: every closed day is missing, for both parameters.
    const before = await f.client.call('monitoring.alerts', { patientId: p.id, today: TODAY });
    expect(before.items.filter((a) => a.kind === 'missing')).toHaveLength(2 * 5);

    const imported = await f.client.call('import.apply', { patientId: p.id, ...csvFile });
    expect(imported.added.observations).toBeGreaterThanOrEqual(8);

    const { today, items } = await f.client.call('monitoring.alerts', { patientId: p.id, today: TODAY });
    expect(today).toBe(TODAY);
    const summary = items.map((a) => [a.code, a.kind, a.severity, a.date, a.value]);
    expect(summary).toEqual([
      [SYSTOLIC, 'missing', 'warning', '2024-03-13', null],
      [HEART_RATE, 'missing', 'warning', '2024-03-13', null],
      [SYSTOLIC, 'out-of-range', 'critical', '2024-03-12', 165],
      [SYSTOLIC, 'out-of-range', 'warning', '2024-03-11', 145],
    ]);
    const critical = items.find((a) => a.severity === 'critical')!;
    expect(critical).toMatchObject({ planId: plan.id, patientId: p.id, bound: { low: 80, high: 160 }, acknowledged: null });
    expect(critical.observationId).toBeTruthy();
    expect(items.find((a) => a.kind === 'missing' && a.code === SYSTOLIC)).toMatchObject({ periodStart: '2024-03-13', observationId: null, bound: null });

    // The Riepilogo's "what is due" carries them, in words.
    const due = (await f.client.call('summary.get', { patientId: p.id, today: TODAY })).due.filter((d) => d.kind === 'monitoring-alert');
    expect(due).toHaveLength(4);
    expect(due.map((d) => 'label' in d && d.label)).toContain('Pressione sistolica 165 mm[Hg]: oltre la soglia di allarme (80–160)');
    expect(due.every((d) => 'href' in d && d.href === '#/monitoraggio')).toBe(true);

    // The worklist: this patient's open alerts, critical first, with the patient's name.
    const worklist = (await f.client.call('monitoring.worklist', { today: TODAY })).items.filter((a) => a.patientId === p.id);
    expect(worklist.map((a) => a.id)).toEqual([critical.id, ...items.filter((a) => a.id !== critical.id).map((a) => a.id)]);
    expect(worklist[0]!.patient).toEqual({ surname: p.surname, givenName: p.givenName, identifier: p.identifier });

    // Acknowledged: out of the worklist, the list and "what is due"; still there when asked for.
    expect(await f.client.call('monitoring.acknowledge', { patientId: p.id, alertId: critical.id, note: 'Telefonato al paziente' })).toEqual({ acknowledged: true });
    expect((await f.client.call('monitoring.worklist', { today: TODAY })).items.map((a) => a.id)).not.toContain(critical.id);
    expect((await f.client.call('monitoring.alerts', { patientId: p.id, today: TODAY })).items.map((a) => a.id)).not.toContain(critical.id);
    const all = await f.client.call('monitoring.alerts', { patientId: p.id, today: TODAY, includeAcknowledged: true });
    expect(all.items.find((a) => a.id === critical.id)!.acknowledged).toMatchObject({ note: 'Telefonato al paziente' });
    expect((await f.client.call('summary.get', { patientId: p.id, today: TODAY })).due.filter((d) => d.kind === 'monitoring-alert')).toHaveLength(3);
  }, 60_000);

  it('a reading on a day after "today" or outside the plan gives nothing; a plan that has not started gives nothing', async () => {
    const p = await patient();
    await f.client.call('monitoring.savePlan', { patientId: p.id, plan: { ...PLAN, start: '2024-03-12', end: '2024-03-12' } });
    await f.client.call('import.apply', { patientId: p.id, ...csvFile });
    const r = await f.client.call('monitoring.alerts', { patientId: p.id, today: TODAY });
    // Only the 12th is in the plan: systolic 165 is critical; heart rate 78 is in range.
    expect(r.items.map((a) => [a.code, a.kind, a.date])).toEqual([[SYSTOLIC, 'out-of-range', '2024-03-12']]);
    expect((await f.client.call('monitoring.alerts', { patientId: p.id, today: '2024-03-11' })).items).toEqual([]);
  }, 60_000);

  it('edits with the version loaded; refuses a stale version, an inverted period, a threshold inside the target, an unknown patient or alert', async () => {
    const p = await patient();
    const plan = await f.client.call('monitoring.savePlan', { patientId: p.id, plan: PLAN });
    const edited = await f.client.call('monitoring.savePlan', { patientId: p.id, plan: { ...PLAN, id: plan.id, end: '2024-05-09' }, version: 1 });
    expect(edited).toMatchObject({ id: plan.id, end: '2024-05-09', meta: { version: 2 } });
    expect((await rejection(f.client.call('monitoring.savePlan', { patientId: p.id, plan: { ...PLAN, id: plan.id }, version: 1 }))).code).toBe('CONFLICT');
    expect((await rejection(f.client.call('monitoring.savePlan', { patientId: p.id, plan: { ...PLAN, start: '2024-04-10', end: '2024-04-01' } }))).code).toBe('INVALID_INPUT');
    const inside = { ...PLAN.parameters[0]!, alert: { high: 130 } };
    expect((await rejection(f.client.call('monitoring.savePlan', { patientId: p.id, plan: { ...PLAN, parameters: [inside] } }))).code).toBe('INVALID_INPUT');
    expect((await rejection(f.client.call('monitoring.savePlan', { patientId: 'nobody', plan: PLAN }))).code).toBe('NOT_FOUND');
    expect((await rejection(f.client.call('monitoring.acknowledge', { patientId: p.id, alertId: 'MON.x:8480-6:missing:2024-03-10' }))).code).toBe('NOT_FOUND');
  }, 60_000);
});
