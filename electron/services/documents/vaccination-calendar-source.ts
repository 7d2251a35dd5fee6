/**
 * Gives the vaccination document types (shared/documents/doc-types/sing-vacc.ts, cert-vacc.ts)
 * the national calendar for their synthetic panels: imported once by the node side that runs
 * `cartella documents` and the pipeline. Loaded on first use, then kept.
 */
import { setVaccinationCalendarSource } from '../../../shared/documents/doc-types/vacc-source.ts';
import type { VaccinationCalendarSource } from '../../../shared/synthetic/vaccination-document.ts';
import { loadVaccinationCalendar } from '../paediatrics/vaccination-resources.ts';

let loaded: VaccinationCalendarSource | undefined;

setVaccinationCalendarSource(() => (loaded ??= loadVaccinationCalendar()));
