/** The Scheda paziente's sections in their order; Alt+1 … Alt+8 reach them (listed in the help sheet). */
export const CHART_TABS = ['summary', 'problems', 'allergies', 'therapies', 'vaccinations', 'parameters', 'documents', 'images'] as const;
export type ChartTab = (typeof CHART_TABS)[number];

/**
 * A tab named in the address after the patient (`#/assistiti/<id>/parametri`): where the due
 * items of the Riepilogo link to (electron/services/chart/due-sources.ts hrefs). The router reads
 * and writes these names; the page opens the tab its route names.
 */
export const TAB_SLUGS: Readonly<Record<ChartTab, string>> = {
  summary: 'riepilogo', problems: 'problemi', allergies: 'allergie', therapies: 'terapie',
  vaccinations: 'vaccinazioni', parameters: 'parametri', documents: 'documenti', images: 'immagini',
};

export function tabFromSlug(slug: string | undefined): ChartTab | undefined {
  return CHART_TABS.find((t) => TAB_SLUGS[t] === slug);
}
