import { z } from 'zod';
import { defineMethod } from './define.ts';
import { CalendarAdditions, DOSE_STATUSES } from '../analytics/vaccination-schedule/index.ts';
import { ClinicalDate } from '../domain/record/entry-base.ts';
import { IsoDate, PatientId, Sex } from '../domain/patient.ts';

/**
 * Vaccinations against the national calendar (PNPV 2023-2025, PAEDIATRICS.md §2, with the
 * regional additions of the settings): per child what is done, due, overdue and next, and the
 * panel's children with overdue doses. The vaccinations and decisions themselves are record
 * entries (record.upsertEntry, sections `vaccinations` and `vaccinationDecisions`).
 */
const Text = z.object({ it: z.string(), en: z.string() });

export const DoseStatus = z.enum(DOSE_STATUSES);

/** One calendar dose (or influenza season) for the child, as shared/analytics/vaccination-schedule evaluates it. */
export const CalendarDoseRow = z.object({
  seriesId: z.string(),
  label: Text,
  dose: z.number().int(),
  antigens: z.array(z.string()),
  status: DoseStatus,
  confirmedBy: z.enum(['iss-epicentro', 'secondary', 'regional']),
  date: z.string().optional(),
  /** Record entry ids of the vaccinations that gave it. */
  entryIds: z.array(z.string()),
  window: z.object({ earliest: z.string(), from: z.string(), overdueFrom: z.string(), until: z.string() }).optional(),
  missingAntigens: z.array(z.string()).optional(),
  waitingFor: z.array(z.object({ seriesId: z.string(), dose: z.number().int() })).optional(),
  decision: z.object({ kind: z.enum(['refusal', 'exemption', 'postponement']), date: z.string(), until: z.string().optional(), id: z.string().optional() }).optional(),
  season: z.string().optional(),
});
export type CalendarDoseRow = z.infer<typeof CalendarDoseRow>;

/** A recorded vaccination as the calendar read it: antigens, target diseases, and whether each antigen counted. */
export const GivenVaccination = z.object({
  entryId: z.string(),
  antigens: z.array(z.object({ id: z.string(), label: Text })),
  /** From the entry, else from the vaccine (antigen list OID 2.16.840.1.113883.2.9.6.1.56.4). */
  targetDiseases: z.array(z.object({ code: z.string(), display: z.string() })),
  recognised: z.boolean(),
  notCounted: z.array(z.object({ antigen: z.string(), reason: z.string(), countsFrom: z.string().optional() })),
});

export const VaccinationStatus = z.object({
  patientId: PatientId,
  birthDate: IsoDate,
  sex: Sex,
  today: ClinicalDate,
  calendar: z.object({ id: z.string(), title: Text, regions: z.array(z.string()), source: z.record(z.string(), z.string()) }),
  doses: z.array(CalendarDoseRow),
  given: z.array(GivenVaccination),
  next: z.object({ date: z.string(), doses: z.array(z.object({ seriesId: z.string(), dose: z.number().int() })) }).nullable(),
  counts: z.record(DoseStatus, z.number().int()),
  /** Over the calendar's catch-up age (18 years): nothing is offered, the list is the history only. */
  beyondCalendar: z.boolean(),
});
export type VaccinationStatus = z.infer<typeof VaccinationStatus>;

export const OverdueChild = z.object({
  patientId: PatientId,
  surname: z.string(),
  givenName: z.string(),
  birthDate: IsoDate,
  sex: Sex,
  overdue: z.array(z.object({ seriesId: z.string(), label: Text, dose: z.number().int(), overdueFrom: z.string() })),
  /** The oldest overdue date: the list is sorted by it. */
  since: z.string(),
});
export type OverdueChild = z.infer<typeof OverdueChild>;

export const VaccinationSettings = z.object({
  /** Regional additions applied in order on top of the national calendar. */
  additions: z.array(CalendarAdditions).max(5),
});
export type VaccinationSettings = z.infer<typeof VaccinationSettings>;

export const vaccinationsApi = {
  /**
   * The child's calendar today (or on `today`): every dose done, due, overdue, next, missed, or
   * decided (refusal, exemption, postponement), with the record's vaccinations as counted.
   * Errors: NOT_FOUND.
   */
  'vaccinations.status': defineMethod({
    input: z.object({ patientId: PatientId, today: ClinicalDate.optional() }),
    output: VaccinationStatus,
  }),

  /** The panel's patients under the calendar's age limit with at least one overdue dose, the longest overdue first. */
  'vaccinations.overdue': defineMethod({
    input: z.object({ today: ClinicalDate.optional() }).default({}),
    output: z.object({ items: z.array(OverdueChild), children: z.number().int() }),
  }),

  /** The regional additions in use and the calendar they give. */
  'vaccinations.getSettings': defineMethod({
    input: z.object({}).default({}),
    output: VaccinationSettings.extend({ calendarTitle: Text, regions: z.array(z.string()) }),
  }),

  /** Saves them (audited); additions that do not apply to the national calendar are refused (INVALID_INPUT, with the reason). */
  'vaccinations.setSettings': defineMethod({
    input: VaccinationSettings,
    output: VaccinationSettings.extend({ calendarTitle: Text, regions: z.array(z.string()) }),
  }),
};
