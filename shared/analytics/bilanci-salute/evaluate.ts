/**
 * Which bilanci di salute a child has had, and which are due or overdue today. A visit is due
 * inside its window; past the window and not done it is overdue until the next visit's window
 * opens, then missed (the next bilancio takes its place). A bilancio done counts for the visit
 * it names, else for the latest visit whose window had opened by its date and that has none yet
 * (so one done late still counts for the visit it was late for).
 */
import { addDuration } from '../../domain/duration.ts';
import type { BilanciSchedule } from './schedule.ts';

export interface BilancioDone {
  id?: string | undefined;
  date: string;
  visitId?: string | undefined;
}

export type BilancioStatus = 'done' | 'due' | 'overdue' | 'next' | 'missed';

export interface BilancioResult {
  visitId: string;
  label: { it: string; en: string };
  status: BilancioStatus;
  window: { from: string; until: string };
  /** The bilancio that counts for it. */
  done?: { date: string; id?: string };
  records: string[];
  confirmed: boolean;
}

export function evaluateBilanci(
  schedule: BilanciSchedule,
  input: { birthDate: string; today: string; done: readonly BilancioDone[] },
): { schedule: string; region: string; visits: BilancioResult[] } {
  const birth = input.birthDate.slice(0, 10);
  const today = input.today.slice(0, 10);
  const windows = schedule.visits.map((v) => ({ from: addDuration(birth, v.from), until: addDuration(birth, v.until) }));
  const matched = new Map<number, BilancioDone>();
  const done = [...input.done].filter((d) => d.date.slice(0, 10) <= today).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const d of done.filter((x) => x.visitId)) {
    const i = schedule.visits.findIndex((v) => v.id === d.visitId);
    if (i >= 0 && !matched.has(i)) matched.set(i, d);
  }
  for (const d of done.filter((x) => !x.visitId)) {
    let pick = -1;
    windows.forEach((w, i) => {
      if (!matched.has(i) && w.from <= d.date.slice(0, 10) && (pick < 0 || w.from > windows[pick]!.from)) pick = i;
    });
    if (pick >= 0) matched.set(pick, d);
  }
  const visits = schedule.visits.map((v, i): BilancioResult => {
    const window = windows[i]!;
    const base = { visitId: v.id, label: v.label, window, records: v.records, confirmed: v.confirmed };
    const d = matched.get(i);
    if (d) return { ...base, status: 'done', done: { date: d.date.slice(0, 10), ...(d.id ? { id: d.id } : {}) } };
    const nextOpens = windows.slice(i + 1).map((w) => w.from).sort()[0];
    let status: BilancioStatus;
    if (today < window.from) status = 'next';
    else if (today <= window.until) status = 'due';
    else if (nextOpens === undefined || today < nextOpens) status = 'overdue';
    else status = 'missed';
    return { ...base, status };
  });
  return { schedule: schedule.id, region: schedule.region, visits };
}
