import { z } from 'zod';
import { Provenance, RecordId, RecordInstant } from './provenance.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

/** LOINC, the code system of every series (2.16.840.1.113883.6.1). */
export const LOINC_OID = '2.16.840.1.113883.6.1';
const Oid = z.string().regex(/^[0-2](\.(0|[1-9]\d*))+$/, 'OID');

/**
 * HL7 ObservationInterpretation (2.16.840.1.113883.5.83), the codes the official LAB documents
 * carry: N normal, L/H low/high, LL/HH critically, A abnormal (coded values), AA critically abnormal.
 */
export const Interpretation = z.enum(['N', 'L', 'H', 'LL', 'HH', 'A', 'AA']);
export type Interpretation = z.infer<typeof Interpretation>;

export const ObservationValue = z.discriminatedUnion('type', [
  /** A quantity with its UCUM unit; `comparator` for results such as "< 5". */
  z.object({
    type: z.literal('quantity'),
    value: z.number().finite(),
    unit: text(40),
    comparator: z.enum(['<', '<=', '>', '>=']).optional(),
  }),
  /** A coded value (e.g. a urine dipstick "negativo", a blood group). */
  z.object({ type: z.literal('coded'), code: text(40), codeSystem: Oid, display: text(300) }),
  /** Free text, when the document gives nothing better. */
  z.object({ type: z.literal('text'), text: text(2000) }),
]);
export type ObservationValue = z.infer<typeof ObservationValue>;

export const ReferenceRange = z
  .object({
    low: z.number().finite().optional(),
    high: z.number().finite().optional(),
    /** As printed when it is not two numbers ("negativo", "< 200", with an age criterion). */
    text: z.string().trim().max(200).optional(),
  })
  .refine((r) => r.low !== undefined || r.high !== undefined || r.text, { message: 'intervallo di riferimento vuoto' });
export type ReferenceRange = z.infer<typeof ReferenceRange>;

/**
 * One point of a time series: a vital sign, a lab value, a device reading. "Every HbA1c of this
 * patient" is every observation with its LOINC code; the chart date is `effective`, the
 * observation's own time (for an imported LAB the entry's effectiveTime, else the section's, else
 * the document's: DASHBOARD.md §4). The PSS vital-signs and results sections are views of these.
 */
export const Observation = Provenance.extend({
  id: RecordId,
  /** LOINC code of what was measured, with its display text. */
  code: text(40),
  display: text(300),
  /** A regional or laboratory code the document carried beside the LOINC one. */
  localCode: z.object({ code: text(40), codeSystem: Oid, display: z.string().trim().max(300).optional() }).optional(),
  /** Observations measured together (the two blood-pressure values, a lab battery) share it. */
  panelId: RecordId.optional(),
  effective: RecordInstant,
  value: ObservationValue,
  referenceRange: ReferenceRange.optional(),
  interpretation: Interpretation.optional(),
  /** Specimen as the document names it (siero, sangue intero, urine). */
  specimen: z.string().trim().max(200).optional(),
  status: z.enum(['final', 'preliminary', 'corrected']).default('final'),
  /** The device that took it (telemonitoring: its UDI or model). */
  device: z.string().trim().max(200).optional(),
  /**
   * Whether the PSS carries it: undefined follows the default rule (vital signs: the latest of
   * each kind; results: the latest of each code in the last 12 months), true pins it, false
   * leaves it out.
   */
  inPss: z.boolean().optional(),
  /** A coded value that disagreed with the document's own narrative, kept as a warning. */
  flag: z.string().trim().max(300).optional(),
});
export type Observation = z.infer<typeof Observation>;
