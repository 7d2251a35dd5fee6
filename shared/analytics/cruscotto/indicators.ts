/**
 * The chronic-care indicators' shapes (DOMAIN.md §3.2), declared once as zod schemas in
 * shared/api/cruscotto-definitions.ts; the fifteen definitions themselves are data,
 * resources/cruscotto/indicators.json, with the doctor's overrides on top (definitions.ts).
 * Definitions DOMAIN.md §3.4 lists as not confirmed carry `confirmed: false` and a note; code
 * lists the record has no national code for are empty and say so (`codesToConfigure`): the
 * indicator then counts nobody as done. Exclusions as in QOF (§3.1): patients diagnosed in the
 * last 3 months; deceased and transferred patients are out of every register (DASHBOARD.md §2).
 */
export type { Criterion, IndicatorDef, Register, ValueScale } from '../../api/cruscotto-definitions.ts';
