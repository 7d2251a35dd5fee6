/**
 * A CMA per sliding window, as AdhereR 0.8.1's `CMA_sliding_window` (R/adherer.R). Windows
 * of a fixed length start at the observation window's start (plus an offset) and step
 * through it; each is the observation window of one CMA computed on all the patient's
 * events, with the patient's follow-up window. The number of windows is
 * floor((observation days left after the offset - window length) / step) + 1, each start
 * rounded to a day. A patient whose observation window is shorter than one window, or whose
 * windows cannot be computed, has no rows, as in AdhereR.
 */
import { cmaForUnits } from './cma/compute.ts';
import { addInterval, roundHalfEven, type Day, type TimeUnit } from './days.ts';
import type { CarryOptions, CmaKind, MedicationEvent, PatientId, WindowSpec } from './types.ts';
import { AdherenceComputationError, checkedWindows, groupByPatient, type CmaUnit } from './units.ts';
import { validateEvents } from './validate-events.ts';
import { fixedWindow, validateWindowSpec } from './windows.ts';

export interface SlidingWindowParams extends CarryOptions {
  cma: CmaKind;
  followUp: WindowSpec;
  observation: WindowSpec;
  /** Offset of the first window from the observation window's start; default 0 days. */
  start?: { offset: number; unit?: TimeUnit };
  /** Window length; AdhereR's default is 90 days. Months count 30 days, years 365. */
  duration?: number;
  durationUnit?: TimeUnit;
  /** Step between window starts; default 30 days. */
  step?: number;
  stepUnit?: TimeUnit;
  /** A number of windows instead of a step (AdhereR's sliding.window.no.steps). */
  steps?: number;
}

export interface WindowCma {
  patientId: PatientId;
  windowId: number;
  start: Day;
  end: Day;
  cma: number | null;
}

const UNIT_DAYS: Record<TimeUnit, number> = { days: 1, weeks: 7, months: 30, years: 365 };

export function computeCmaSlidingWindows(events: readonly MedicationEvent[], params: SlidingWindowParams): WindowCma[] {
  validateEvents(events);
  validateWindowSpec(params.followUp, params.observation);
  const offset = params.start ?? { offset: 0, unit: 'days' };
  if (!(offset.offset >= 0)) throw new RangeError('the sliding window start must be a non-negative number of units');
  const length = (params.duration ?? 90) * UNIT_DAYS[params.durationUnit ?? 'days'];
  const stepGiven = (params.step ?? 30) * UNIT_DAYS[params.stepUnit ?? 'days'];
  if (!(length > 0)) throw new RangeError('the sliding window duration must be a positive number');

  const out: WindowCma[] = [];
  for (const [patientId, evs] of groupByPatient(events)) {
    const w = checkedWindows({ id: patientId, events: evs, windows: { followUp: params.followUp, observation: params.observation } });
    const first = addInterval(w.owStart, offset.offset, offset.unit ?? 'days');
    const available = w.owEnd - first - length;
    if (available < 0) continue;
    let steps: number;
    let step = stepGiven;
    if (params.steps === undefined) {
      steps = available / step + 1;
    } else if (params.steps > 1) {
      step = Math.max(1, Math.min(length, available / (params.steps - 1)));
      steps = Math.min(available / step + 1, available);
    } else {
      steps = params.steps;
      step = 0;
    }
    if (steps < 1 || step < 0) continue;
    const units: CmaUnit[] = [];
    const starts: Day[] = [];
    for (let i = 1; i <= Math.floor(steps); i++) {
      const start = first + roundHalfEven((i - 1) * step);
      starts.push(start);
      units.push({ id: i, events: evs, windows: { followUp: params.followUp, observation: fixedWindow(start, length) } });
    }
    let values: Map<PatientId, number | null>;
    try {
      values = cmaForUnits(params.cma, units, params);
    } catch (e) {
      if (e instanceof AdherenceComputationError) continue;
      throw e;
    }
    starts.forEach((start, i) => {
      out.push({ patientId, windowId: i + 1, start, end: start + roundHalfEven(length), cma: values.get(i + 1) ?? null });
    });
  }
  return out;
}
