/**
 * Event durations from dispensing plus prescribing (compute_event_durations; DOMAIN.md
 * §2.4-2.5): the supply is total dose / prescribed daily dose, split at dosage changes,
 * treatment interruptions and hospital stays per policy. Small cases whose rows follow from
 * the definitions (one statin, 20 mg a day, 28 x 20 mg dispensed), then the durcomp example.
 */
import { describe, expect, it } from 'vitest';
import { formatIsoDay } from '../../../shared/analytics/adherence/days.ts';
import { computeEventDurations } from '../../../shared/analytics/adherence/event-durations/compute-event-durations.ts';
import type { DispensingRecord, EventDurationOptions, EventDurationRow, PrescribingRecord, SpecialPeriod } from '../../../shared/analytics/adherence/event-durations/types.ts';
import { eventsFromDurations } from '../../../shared/analytics/adherence/event-durations/to-events.ts';
import { day, durcomp } from './fixtures.ts';

const STATIN = { atc: 'C10AA05', unit: 'MG', form: 'ORAL' };
const disp = (d: number, totalDose = 560, drug = STATIN): DispensingRecord => ({ patientId: 1, date: day(d), drug, totalDose });
const presc = (d: number, visit: number, dailyDose = 20, durationDays: number | null = null, drug = STATIN): PrescribingRecord => ({ patientId: 1, date: day(d), visit, drug, dailyDose, durationDays });
const AS_EXAMPLE: EventDurationOptions = { forceInitialPrescription: true, forcePrescriptionRenewal: true };

/** The columns a reader compares: dispensing day, dose, event, start day, days, special days, carry-over days. */
function brief(rows: EventDurationRow[]) {
  return rows.map((r) => ({
    disp: r.dispensingDate === null ? null : r.dispensingDate - day(0),
    dose: r.dailyDose,
    event: r.eventId,
    start: r.dispStart === null ? null : r.dispStart - day(0),
    days: r.duration,
    special: r.specialDuration,
    carry: r.carryoverDuration,
  }));
}

describe('event durations', () => {
  // A stay from day 10 to day 15 during the first 28-day supply; a second supply on day 59.
  const stay: SpecialPeriod[] = [{ patientId: 1, start: day(10), end: day(15) }];
  const run = (method: 'continue' | 'discard' | 'carryover') =>
    computeEventDurations([disp(0), disp(59)], [presc(0, 0)], stay, { ...AS_EXAMPLE, specialPeriodsMethod: method });

  it('continue: the stay changes nothing but is counted as special days', () => {
    const r = run('continue');
    expect(brief(r.rows)).toEqual([
      { disp: 0, dose: 20, event: 1, start: 0, days: 28, special: 5, carry: 0 },
      { disp: 59, dose: 20, event: 1, start: 59, days: 28, special: 0, carry: null },
    ]);
    expect(r.optionalColumns).toEqual(['SPECIAL.DURATION', 'tot.presc.interruptions', 'tot.dosage.changes', 'CARRYOVER.DURATION']);
    expect(r.durationMethod).toBe('posology');
  });

  it('discard: the supply stops at admission', () => {
    expect(brief(run('discard').rows)[0]).toEqual({ disp: 0, dose: 20, event: 1, start: 0, days: 10, special: 0, carry: 0 });
  });

  it('carryover: the supply stops at admission and the rest resumes at discharge', () => {
    expect(brief(run('carryover').rows).slice(0, 2)).toEqual([
      { disp: 0, dose: 20, event: 1, start: 0, days: 10, special: 0, carry: 5 },
      { disp: 0, dose: 20, event: 2, start: 15, days: 18, special: 0, carry: 0 },
    ]);
  });

  it('splits a supply at a dosage change and spends the rest at the new dose', () => {
    // 10 days at 20 mg use 200 mg; the 360 mg left last 9 days at 40 mg.
    const r = computeEventDurations([disp(0)], [presc(0, 0), presc(10, 1, 40)], null, AS_EXAMPLE);
    expect(brief(r.rows)).toEqual([
      { disp: 0, dose: 20, event: 1, start: 0, days: 10, special: 0, carry: null },
      { disp: 0, dose: 40, event: 2, start: 10, days: 9, special: 0, carry: null },
    ]);
    expect(r.rows[0]!.totDosageChanges).toBe(1);
    expect(r.prescriptionEpisodes.map((e) => [e.dailyDose, formatIsoDay(e.start)])).toEqual([
      [20, '2030-01-01'],
      [40, '2030-01-11'],
    ]);
  });

  it('handles a supply dispensed during a treatment interruption per trt.interruption', () => {
    // A 30-day prescription on day 0, renewed on day 60: days 30-60 are an interruption.
    const rows = (t: 'continue' | 'discard' | 'carryover') =>
      brief(computeEventDurations([disp(0), disp(40)], [presc(0, 0, 20, 30), presc(60, 1)], null, { ...AS_EXAMPLE, treatmentInterruption: t }).rows)[1];
    expect(rows('continue')).toMatchObject({ disp: 40, dose: 20, start: 40, days: 28 });
    expect(rows('discard')).toMatchObject({ disp: 40, dose: null, event: 1, start: 40, days: 0 });
    expect(rows('carryover')).toMatchObject({ disp: 40, dose: 20, event: 2, start: 60, days: 28 });
  });

  it('lists dispensations never prescribed and prescriptions never dispensed without a duration', () => {
    const ppi = { atc: 'A02BC01', unit: 'MG', form: 'ORAL' };
    const acei = { atc: 'C09AA05', unit: 'MG', form: 'ORAL' };
    const r = computeEventDurations([disp(0), disp(5, 280, ppi)], [presc(0, 0), presc(0, 0, 5, null, acei)], null, AS_EXAMPLE);
    expect(r.rows.map((x) => [x.drug.atc, x.dispensingDate === null, x.dailyDose, x.duration])).toEqual([
      ['A02BC01', false, null, null],
      ['C09AA05', true, 5, null],
      ['C10AA05', false, 20, 28],
    ]);
  });

  it('gives the dispensations no prescription covers a duration from the DDD, marked as such', () => {
    const ppi = { atc: 'A02BC01', unit: 'MG', form: 'ORAL' };
    const r = computeEventDurations([disp(0), disp(5, 280, ppi)], [presc(0, 0)], null, AS_EXAMPLE);
    const withoutDdd = eventsFromDurations(r);
    expect(withoutDdd.events.map((e) => e.durationMethod)).toEqual(['posology']);
    expect(withoutDdd.unresolved.map((u) => u.drug.atc)).toEqual(['A02BC01']);
    // Omeprazole's DDD is 20 mg: 280 mg last 14 days.
    const withDdd = eventsFromDurations(r, (d) => (d.atc === 'A02BC01' ? { value: 20, unit: 'mg' } : undefined));
    expect(withDdd.events.map((e) => [e.drug.atc, e.duration, e.durationMethod, e.dailyDose])).toEqual([
      ['A02BC01', 14, 'ddd', 20],
      ['C10AA05', 28, 'posology', 20],
    ]);
    expect(withDdd.unresolved).toEqual([]);
  });
});

describe('event durations on the durcomp example', () => {
  const inputs = durcomp();
  const run = (method: 'continue' | 'discard' | 'carryover') =>
    computeEventDurations(inputs.dispensing, inputs.prescribing, inputs.hospitalisation, { ...AS_EXAMPLE, specialPeriodsMethod: method });

  it('reads all rows of the three tables', () => {
    expect([inputs.dispensing.length, inputs.prescribing.length, inputs.hospitalisation!.length]).toEqual([1794, 1502, 28]);
  });

  it('counts special days only under continue and carry-over days only under carryover', () => {
    const c = run('continue');
    const d = run('discard');
    const k = run('carryover');
    expect(c.rows.some((r) => (r.specialDuration ?? 0) > 0)).toBe(true);
    expect(k.rows.some((r) => (r.carryoverDuration ?? 0) > 0)).toBe(true);
    expect(c.rows.some((r) => (r.carryoverDuration ?? 0) > 0)).toBe(false);
    expect(d.rows.some((r) => (r.specialDuration ?? 0) > 0 || (r.carryoverDuration ?? 0) > 0)).toBe(false);
    // Carry-over splits supplies at stays, so it has more rows; discard cuts them, so the
    // days it gives are fewer.
    expect(k.rows.length).toBeGreaterThan(c.rows.length);
    const total = (rows: EventDurationRow[]) => rows.reduce((s, r) => s + (r.duration ?? 0), 0);
    expect(total(d.rows)).toBeLessThan(total(c.rows));
  });

  it('sorts rows by patient, drug and dispensing date', () => {
    const rows = run('continue').rows;
    for (let i = 1; i < rows.length; i++) {
      const a = rows[i - 1]!;
      const b = rows[i]!;
      const ka = [a.patientId, a.drug.atc, a.drug.unit, a.drug.form].join('|');
      const kb = [b.patientId, b.drug.atc, b.drug.unit, b.drug.form].join('|');
      if (a.patientId === b.patientId && ka === kb && a.dispensingDate !== null && b.dispensingDate !== null) expect(b.dispensingDate).toBeGreaterThanOrEqual(a.dispensingDate);
      expect(Number(b.patientId)).toBeGreaterThanOrEqual(Number(a.patientId));
    }
  });
});
