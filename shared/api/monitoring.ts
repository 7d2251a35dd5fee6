import { z } from 'zod';
import { defineMethod } from './define.ts';
import { RowMeta } from './paging.ts';
import { IsoDate, PatientId } from '../domain/patient.ts';
import { RecordId } from '../domain/record/index.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

/** A range with either bound open. */
export const MonitoringRange = z
  .object({ low: z.number().finite().optional(), high: z.number().finite().optional() })
  .refine((r) => r.low === undefined || r.high === undefined || r.low <= r.high, { message: 'il minimo supera il massimo', path: ['high'] });
export type MonitoringRange = z.infer<typeof MonitoringRange>;

/**
 * One parameter of a telemonitoring plan: an observation code as the record's series store it
 * (LOINC, observations.code; the vital kinds of shared/domain/record/vital-kinds.ts), how often
 * a reading is expected, the target range (outside: a warning) and the alert thresholds
 * (outside: a critical alert), which lie outside the target.
 */
export const MonitoredParameter = z
  .object({
    code: text(40),
    display: text(120),
    unit: text(20),
    /** One reading expected every `everyDays` days (1: every day). */
    everyDays: z.number().int().min(1).max(90),
    target: MonitoringRange,
    alert: MonitoringRange,
  })
  .superRefine((p, ctx) => {
    if (p.target.low === undefined && p.target.high === undefined && p.alert.low === undefined && p.alert.high === undefined) {
      ctx.addIssue({ code: 'custom', path: ['target'], message: 'indicare almeno un valore obiettivo o una soglia' });
    }
    if (p.alert.low !== undefined && p.target.low !== undefined && p.alert.low > p.target.low) {
      ctx.addIssue({ code: 'custom', path: ['alert', 'low'], message: 'la soglia di allarme minima deve essere sotto l’obiettivo' });
    }
    if (p.alert.high !== undefined && p.target.high !== undefined && p.alert.high < p.target.high) {
      ctx.addIssue({ code: 'custom', path: ['alert', 'high'], message: 'la soglia di allarme massima deve essere sopra l’obiettivo' });
    }
  });
export type MonitoredParameter = z.infer<typeof MonitoredParameter>;

export const MonitoringPlanInput = z
  .object({
    id: RecordId.optional(),
    title: text(120),
    parameters: z.array(MonitoredParameter).min(1).max(12),
    /** First and last day of the plan, in the doctor's clinical time zone. */
    start: IsoDate,
    end: IsoDate,
    note: z.string().trim().max(1000).optional(),
  })
  .superRefine((p, ctx) => {
    if (p.end < p.start) ctx.addIssue({ code: 'custom', path: ['end'], message: 'la fine precede l’inizio' });
    const codes = p.parameters.map((x) => x.code);
    codes.forEach((c, i) => {
      if (codes.indexOf(c) !== i) ctx.addIssue({ code: 'custom', path: ['parameters', i, 'code'], message: 'parametro già nel piano' });
    });
  });
export type MonitoringPlanInput = z.infer<typeof MonitoringPlanInput>;

export const MonitoringPlan = z.object({
  id: RecordId,
  patientId: PatientId,
  title: z.string(),
  parameters: z.array(MonitoredParameter),
  start: IsoDate,
  end: IsoDate,
  note: z.string().optional(),
  meta: RowMeta,
});
export type MonitoringPlan = z.infer<typeof MonitoringPlan>;

/**
 * An alert of a plan, derived from the record's readings whenever it is asked for (so whatever
 * imports a reading, FHIR Observation or device CSV, is checked): `out-of-range` for one reading
 * (severity `critical` beyond an alert threshold, `warning` outside the target only), `missing`
 * for a period of `everyDays` days that ended without a reading. `date` is the local day (the
 * clinical time zone). The id is stable, so an acknowledgement sticks to it.
 */
export const MonitoringAlert = z.object({
  id: z.string(),
  planId: RecordId,
  patientId: PatientId,
  code: z.string(),
  display: z.string(),
  kind: z.enum(['out-of-range', 'missing']),
  severity: z.enum(['critical', 'warning']),
  date: IsoDate,
  /** out-of-range: the reading. */
  observationId: RecordId.nullable(),
  value: z.number().nullable(),
  unit: z.string(),
  /** The bound crossed (out-of-range) or the period without readings (missing: from, to = date). */
  bound: z.object({ low: z.number().nullable(), high: z.number().nullable() }).nullable(),
  periodStart: IsoDate.nullable(),
  acknowledged: z.object({ at: z.string(), by: z.string(), note: z.string().nullable() }).nullable(),
});
export type MonitoringAlert = z.infer<typeof MonitoringAlert>;

export const WorklistAlert = MonitoringAlert.extend({ patient: z.object({ surname: z.string(), givenName: z.string(), identifier: z.string() }) });
export type WorklistAlert = z.infer<typeof WorklistAlert>;

/**
 * Telemonitoring plans (which parameters, how often, target ranges and alert thresholds, for how
 * long) and the alerts the record's readings give against them. Errors: NOT_FOUND (patient,
 * plan), CONFLICT (plan changed since it was loaded), VALIDATION.
 */
export const monitoringApi = {
  /** The patient's plans, the newest first. */
  'monitoring.plans': defineMethod({
    input: z.object({ patientId: PatientId }),
    output: z.object({ items: z.array(MonitoringPlan) }),
  }),
  /** Adds a plan or replaces one (with `version`, the one loaded). */
  'monitoring.savePlan': defineMethod({
    input: z.object({ patientId: PatientId, plan: MonitoringPlanInput, version: z.number().int().min(1).optional() }),
    output: MonitoringPlan,
  }),
  /** The patient's alerts, the newest day first; acknowledged ones only when asked. `today` defaults to the clinical zone's. */
  'monitoring.alerts': defineMethod({
    input: z.object({ patientId: PatientId, today: IsoDate.optional(), includeAcknowledged: z.boolean().default(false) }),
    output: z.object({ today: IsoDate, items: z.array(MonitoringAlert) }),
  }),
  /** The panel's open alerts of the plans running in the last days, critical first, then the newest. */
  'monitoring.worklist': defineMethod({
    input: z.object({ today: IsoDate.optional() }).default({}),
    output: z.object({ today: IsoDate, items: z.array(WorklistAlert) }),
  }),
  /** Marks an alert seen (audited); it leaves the worklist and the patient's "what is due". */
  'monitoring.acknowledge': defineMethod({
    input: z.object({ patientId: PatientId, alertId: z.string().min(1).max(200), note: z.string().trim().max(500).optional() }),
    output: z.object({ acknowledged: z.literal(true) }),
  }),
};
