/**
 * Adherence engine timings: CMA1, CMA7 and CMA9 with the vignette windows (follow-up 0 + 730,
 * observation 182 + 365 days) on AdhereR's med.events replicated 15 times (1,500 patients,
 * 16,200 events). Goal (not a test): < 100 ms each; AdhereR on R 4.2 takes 0.7-6.7 s for the
 * same call. The baseline is reading the events into per-patient groups, which every CMA does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readMedicationEvents } from '../../electron/cli/commands/adherence-inputs.ts';
import { computeCma } from '../../shared/analytics/adherence/cma/index.ts';
import type { CmaKind, MedicationEvent } from '../../shared/analytics/adherence/types.ts';
import { groupByPatient } from '../../shared/analytics/adherence/units.ts';
import { fmt, percentile, report } from './stats.ts';

const FILE = join(import.meta.dirname, '../../tests/fixtures/adherence/med.events.csv');
const COPIES = 15;
const RUNS = 15;

function median(values: number[]): number {
  return percentile(values, 50);
}

function time(fn: () => unknown): number[] {
  fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return times;
}

export async function run(): Promise<void> {
  const base = readMedicationEvents(FILE, readFileSync(FILE, 'utf8'), 'mm/dd/yyyy');
  const events: MedicationEvent[] = [];
  for (let c = 0; c < COPIES; c++) for (const e of base) events.push({ ...e, patientId: Number(e.patientId) + c * 1000 });
  const params = { followUp: { start: { offset: 0 }, duration: 730 }, observation: { start: { offset: 182 }, duration: 365 } };

  const grouping = median(time(() => groupByPatient(events)));
  report(`adherence baseline: group ${events.length} events by patient`, `${fmt(grouping)} ms`);
  for (const k of [1, 7, 9] as CmaKind[]) {
    let patients = 0;
    const times = time(() => (patients = computeCma(events, { cma: k, ...params }).length));
    const m = median(times);
    report(`adherence CMA${k} ${events.length} events`, `${fmt(m)} ms`, `median of ${RUNS}, p95 ${fmt(percentile(times, 95))} ms, ${patients} patients, ${(m / grouping).toFixed(1)}x baseline`);
  }
}
