/**
 * What is due for a patient comes from several places: the PSS state (the db worker's
 * summary.get) and, beside it, sources that each own one kind of fact (the vaccination calendar,
 * the bilanci di salute schedule, telemonitoring plans). Each source is one function; the
 * container lists them, so a new source plugs in without touching the Riepilogo (DASHBOARD.md §1).
 */
import type { DueItem } from '../../../shared/api/chart.ts';

export type DueSource = (input: { patientId: string; today: string }) => Promise<DueItem[]>;

/** Runs every source; one that fails leaves its items out rather than the whole Riepilogo. */
export async function collectDue(sources: readonly DueSource[], input: { patientId: string; today: string }): Promise<DueItem[]> {
  const results = await Promise.allSettled(sources.map((s) => s(input)));
  return results.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
}
