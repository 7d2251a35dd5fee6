/**
 * A sort key for a record instant (shared/domain/record/provenance.ts RecordInstant): date-times
 * with an offset become UTC; partial dates (yyyy, yyyy-mm) sort at their first day. Stored beside
 * the instant so series and timelines are ordered by an index, not by parsing.
 */
export function instantSortKey(instant: string): string {
  if (instant.length > 10) {
    const t = Date.parse(instant);
    if (Number.isNaN(t)) throw new Error(`not a date-time: ${instant}`);
    return new Date(t).toISOString().slice(0, 19);
  }
  const [y, m = '01', d = '01'] = instant.split('-');
  return `${y}-${m}-${d}T00:00:00`;
}
