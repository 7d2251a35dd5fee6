import { describe, expect, it } from 'vitest';
import { MonitoringPlanInput } from '../../../shared/api/monitoring.ts';
import { emptyParameter, readPlanForm } from '../../../renderer/src/features/monitoring/plan-form.ts';

describe('the telemonitoring plan form', () => {
  it('reads dates as typed (15/03/2024) and numbers with a comma (12,5) into a plan the contract accepts', () => {
    const r = readPlanForm({
      title: ' Glicemia a domicilio ', start: '15/03/2024', end: '13/06/2024',
      parameters: [{ ...emptyParameter('glucose'), everyDays: '2', targetLow: '70', targetHigh: '180', alertLow: '54,5', alertHigh: '250' }],
    });
    expect(r).toEqual({
      ok: true,
      plan: {
        title: 'Glicemia a domicilio', start: '2024-03-15', end: '2024-06-13',
        parameters: [{ code: '2339-0', display: 'Glucosio nel sangue', unit: 'mg/dL', everyDays: 2, target: { low: 70, high: 180 }, alert: { low: 54.5, high: 250 } }],
      },
    });
    expect(MonitoringPlanInput.safeParse(r.ok && r.plan).success).toBe(true);
  });

  it('puts each problem on its field: bad date, end before start, threshold inside the target, no bound, a parameter twice', () => {
    const r = readPlanForm({
      title: '', start: '31/02/2024', end: '01/01/2024',
      parameters: [
        { ...emptyParameter('systolic'), targetHigh: '140', alertHigh: '130' },
        { ...emptyParameter('systolic'), everyDays: '0' },
      ],
    });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toEqual({
      title: 'required',
      start: 'date',
      'parameters.0.alertHigh': 'alertHigh',
      'parameters.1.everyDays': 'every',
      'parameters.1.targetLow': 'someBound',
      'parameters.1.kind': 'duplicate',
    });
    const order = readPlanForm({ title: 'x', start: '10/03/2024', end: '01/03/2024', parameters: [{ ...emptyParameter(), targetLow: 'dieci' }] });
    expect(!order.ok && order.errors).toEqual({ end: 'endBeforeStart', 'parameters.0.targetLow': 'number' });
  });
});
