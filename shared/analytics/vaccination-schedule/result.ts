/** What the evaluation returns for each calendar dose (and influenza season). */
import type { NotCounted } from './history.ts';

/**
 * done: given (and counted); due: in its window now; overdue: past its window, still offered;
 * next: not yet due (or waiting for an earlier dose); missed: no longer offered (past its maximum
 * age, or an antigen no longer needed); refused / exempt / postponed: a recorded decision.
 */
export const DOSE_STATUSES = ['done', 'due', 'overdue', 'next', 'missed', 'refused', 'exempt', 'postponed'] as const;
export type DoseStatus = (typeof DOSE_STATUSES)[number];

export interface DoseWindow {
  /** First date a dose would count (minimum age, minimum interval). */
  earliest: string;
  /** Due from (calendar age, recommended interval, end of a postponement). */
  from: string;
  /** Overdue from. */
  overdueFrom: string;
  /** Last day it is offered. */
  until: string;
}

export interface CalendarDoseResult {
  seriesId: string;
  label: { it: string; en: string };
  dose: number;
  /** Antigens this dose still requires (exempted and no-longer-needed ones left out). */
  antigens: string[];
  status: DoseStatus;
  confirmedBy: 'iss-epicentro' | 'secondary' | 'regional';
  /** When done: the date the last of its antigens was given (undefined if assumed from a dose number). */
  date?: string;
  /** Indexes of the administrations that gave it. */
  administrations?: number[];
  /** Not done: the dates that apply. */
  window?: DoseWindow;
  /** Part of the antigens given (e.g. MPR without varicella): those still missing. */
  missingAntigens?: string[];
  /** Waiting for an earlier dose of the same antigens. */
  waitingFor?: { seriesId: string; dose: number }[];
  decision?: { kind: 'refusal' | 'exemption' | 'postponement'; date: string; until?: string; id?: string };
  /** Seasonal series: the season, e.g. "2026/2027". */
  season?: string;
}

export interface ScheduleResult {
  calendarId: string;
  regions: string[];
  doses: CalendarDoseResult[];
  /** Administrations that did not count for an antigen, and why. */
  notCounted: NotCounted[];
  /** Administrations whose vaccine was not recognised (indexes). */
  unrecognised: number[];
  /** The earliest coming dose date and the doses due then. */
  next?: { date: string; doses: { seriesId: string; dose: number }[] };
  counts: Record<DoseStatus, number>;
}
