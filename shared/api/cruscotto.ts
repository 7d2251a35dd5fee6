import { z } from 'zod';
import { defineMethod } from './define.ts';
import { ClinicalDate } from '../domain/record/entry-base.ts';
import { PatientId } from '../domain/patient.ts';
import { DefinitionItem, IndicatorCondition, IndicatorDef } from './cruscotto-definitions.ts';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const IndicatorCount = z.object({ numerator: z.number().int(), denominator: z.number().int(), percentage: z.number().nullable() });

export const IndicatorRow = IndicatorCount.extend({
  id: z.string(),
  number: z.number().int(),
  condition: IndicatorCondition,
  /** The same count a year earlier (the trend). */
  previous: IndicatorCount,
  source: z.string(),
  /** False where DOMAIN.md §3.4 says the definition is not confirmed. */
  confirmed: z.boolean(),
  note: z.string().nullable(),
  /** Code lists without a national code in the record, still to be set: nobody counts as done for them. */
  codesToConfigure: z.array(z.string()),
  /** The doctor changed the default definition. */
  overridden: z.boolean(),
  /** The definition's windows and thresholds the title names ("≤ {{max}} mmol/mol"). */
  params: z.record(z.string(), z.number()),
});
export type IndicatorRow = z.infer<typeof IndicatorRow>;

export const Evidence = z.object({
  date: z.string().nullable(), value: z.number().nullable(), value2: z.number().nullable(), unit: z.string().nullable(),
  ordered: z.boolean(), missing: z.number().int(),
});

export const IndicatorPatient = z.object({
  patientId: PatientId, surname: z.string(), givenName: z.string(), birthDate: z.string(), identifier: z.string(),
  met: z.boolean(), evidence: Evidence,
});
export type IndicatorPatient = z.infer<typeof IndicatorPatient>;

export const PanelExit = z.object({ reason: z.enum(['deceased', 'transferred']), date: ClinicalDate });

/**
 * The chronic-care cruscotto (DASHBOARD.md §2, the fifteen indicators of DOMAIN.md §3, defined
 * in shared/analytics/cruscotto/indicators.ts): coded data only, at `asOf` (default today),
 * deceased and transferred patients excluded.
 */
export const cruscottoApi = {
  'cruscotto.indicators': defineMethod({
    input: z.object({ asOf: ClinicalDate.optional() }).default({}),
    output: z.object({ asOf: Day, previousAsOf: Day, items: z.array(IndicatorRow) }),
  }),
  /** The register of one indicator: those to act on (not done) first, by surname; `only: 'to-act'` leaves out the done. Unknown id: NOT_FOUND. */
  'cruscotto.patients': defineMethod({
    input: z.object({ indicatorId: z.string().min(1).max(60), asOf: ClinicalDate.optional(), only: z.enum(['to-act', 'all']).default('to-act') }),
    output: z.object({ asOf: Day, indicator: IndicatorRow, items: z.array(IndicatorPatient) }),
  }),
  /** The definitions in force (defaults from resources/cruscotto/indicators.json, with the doctor's overrides). */
  'cruscotto.definitions': defineMethod({
    input: z.object({}).default({}),
    output: z.object({ items: z.array(DefinitionItem) }),
  }),
  /**
   * Replaces the doctor's overrides (an empty list restores every default); each must keep its
   * indicator's id, number and condition. A bad one refuses them all: INVALID_INPUT, path `overrides.N...`.
   */
  'cruscotto.setDefinitions': defineMethod({
    input: z.object({ overrides: z.array(IndicatorDef).max(99) }),
    output: z.object({ items: z.array(DefinitionItem) }),
  }),
  /** Whether a patient left the panel (null: in the panel). */
  'panel.exit': defineMethod({
    input: z.object({ patientId: PatientId }),
    output: z.object({ patientId: PatientId, exit: PanelExit.nullable() }),
  }),
  /** Records that a patient left the panel (deceased, transferred) or, with null, that they are back. */
  'panel.setExit': defineMethod({
    input: z.object({ patientId: PatientId, exit: PanelExit.nullable() }),
    output: z.object({ patientId: PatientId, exit: PanelExit.nullable() }),
  }),
};
