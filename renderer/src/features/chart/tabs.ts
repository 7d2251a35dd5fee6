/** The Scheda paziente's sections in their order; Alt+1 … Alt+8 reach them (listed in the help sheet). */
export const CHART_TABS = ['summary', 'problems', 'allergies', 'therapies', 'vaccinations', 'parameters', 'documents', 'images'] as const;
export type ChartTab = (typeof CHART_TABS)[number];

/**
 * A tab named in the address after the patient (`#/assistiti/<id>/parametri`): where the due
 * items of the Riepilogo link to (electron/services/chart/due-sources.ts hrefs).
 */
const HASH_TABS: Readonly<Record<string, ChartTab>> = { parametri: 'parameters', vaccinazioni: 'vaccinations' };

export function tabInHash(hash: string): ChartTab | undefined {
  const last = hash.replace(/^#\/?/, '').split('/')[2];
  return last ? HASH_TABS[last] : undefined;
}
