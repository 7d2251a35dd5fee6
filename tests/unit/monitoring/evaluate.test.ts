import { describe, expect, it } from 'vitest';
import type { MonitoringPlan } from '../../../shared/api/monitoring.ts';
import { MAX_MISSING_PERIODS, alertLabel, localDay, planAlerts, type MonitoringReading } from '../../../shared/analytics/monitoring/evaluate.ts';

const plan = (over: Partial<MonitoringPlan> = {}): MonitoringPlan => ({
  id: 'MON.1', patientId: 'P1', title: 'Glicemia', start: '2024-03-01', end: '2024-03-31',
  parameters: [{ code: '2339-0', display: 'Glucosio nel sangue', unit: 'mg/dL', everyDays: 3, target: { low: 70, high: 180 }, alert: { low: 54, high: 250 } }],
  meta: { version: 1, createdAt: 't', updatedAt: 't' },
  ...over,
});
const reading = (id: string, effective: string, value: number): MonitoringReading => ({ id, code: '2339-0', effective, value, unit: 'mg/dL' });

describe('telemonitoring alerts', () => {
  it('days are the clinical zone’s: 23:30 UTC on 31/03 is 1/04 in Rome, and a date stays itself', () => {
    expect(localDay('2024-03-31T23:30:00Z', 'Europe/Rome')).toBe('2024-04-01');
    expect(localDay('2024-03-31T23:30:00Z', 'UTC')).toBe('2024-03-31');
    expect(localDay('2024-03-05', 'Europe/Rome')).toBe('2024-03-05');
  });

  it('periods of everyDays from the start: a reading anywhere in a period covers it; only ended periods count', () => {
    // Periods 1–3, 4–6, 7–9 have ended by the 10th; the 10th–12th has not.
    const r = planAlerts(plan(), [reading('a', '2024-03-02T08:00:00+01:00', 100), reading('b', '2024-03-09T08:00:00+01:00', 120)], '2024-03-10', 'Europe/Rome');
    expect(r.map((a) => [a.kind, a.periodStart, a.date])).toEqual([['missing', '2024-03-04', '2024-03-06']]);
  });

  it('beyond a threshold is critical, outside the target a warning, with the bound crossed', () => {
    const r = planAlerts(plan(), [reading('lo', '2024-03-01T07:00:00+01:00', 50), reading('hi', '2024-03-02T07:00:00+01:00', 200), reading('ok', '2024-03-03T07:00:00+01:00', 99)], '2024-03-03', 'Europe/Rome');
    expect(r.map((a) => [a.observationId, a.severity, a.bound])).toEqual([
      ['hi', 'warning', { low: 70, high: 180 }],
      ['lo', 'critical', { low: 54, high: 250 }],
    ]);
    expect(alertLabel(r[1]!)).toBe('Glucosio nel sangue 50 mg/dL: oltre la soglia di allarme (54–250)');
    expect(alertLabel({ ...r[0]!, value: 200.5 })).toBe('Glucosio nel sangue 200,5 mg/dL: fuori obiettivo (70–180)');
  });

  it('readings outside the plan or after today give nothing; a forgotten plan reports only its last periods', () => {
    expect(planAlerts(plan(), [reading('x', '2024-02-28T07:00:00+01:00', 400)], '2024-03-01', 'Europe/Rome')).toEqual([]);
    const long = plan({ start: '2023-01-01', end: '2024-12-31', parameters: [{ ...plan().parameters[0]!, everyDays: 1 }] });
    const r = planAlerts(long, [], '2024-06-01', 'Europe/Rome');
    expect(r).toHaveLength(MAX_MISSING_PERIODS);
    expect(r[0]!.date).toBe('2024-05-31');
    expect(alertLabel(r[0]!)).toBe('Glucosio nel sangue: nessuna rilevazione il 31/05/2024');
  });
});
