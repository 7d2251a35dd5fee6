/** The Scheda paziente's sections in their order; Alt+1 … Alt+8 reach them (listed in the help sheet). */
export const CHART_TABS = ['summary', 'problems', 'allergies', 'therapies', 'vaccinations', 'parameters', 'documents', 'images'] as const;
export type ChartTab = (typeof CHART_TABS)[number];
