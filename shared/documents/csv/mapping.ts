/**
 * Which columns of a device CSV hold what: the mapping a doctor saves once for a generic
 * export (a setting), and the built-in shapes of LibreView and OMRON connect. A measure column
 * names the LOINC series it feeds, with its UCUM unit; blood pressure columns share a panel.
 */
import { z } from 'zod';
import { isTimeZone } from '../../import/zoned-time.ts';

export const MeasureColumn = z.object({
  column: z.string().trim().min(1).max(100),
  /** LOINC code of the series (e.g. 8480-6 systolic, 29463-7 weight). */
  code: z.string().trim().min(1).max(40),
  display: z.string().trim().min(1).max(300),
  /** UCUM unit of the values (mm[Hg], kg, mg/dL, /min, %). */
  unit: z.string().trim().min(1).max(40),
});
export type MeasureColumn = z.infer<typeof MeasureColumn>;

export const DeviceCsvMapping = z.object({
  /** How the doctor calls this export (e.g. "Bilancia Beurer"). */
  name: z.string().trim().min(1).max(80),
  dateColumn: z.string().trim().min(1).max(100),
  /** When the time is in a column of its own. */
  timeColumn: z.string().trim().min(1).max(100).optional(),
  /** Tokens DD MM YYYY YY HH mm ss (shared/documents/csv/dates.ts). */
  dateFormat: z.string().trim().min(4).max(40),
  timeZone: z.string().refine(isTimeZone, 'fuso orario IANA sconosciuto'),
  measures: z.array(MeasureColumn).min(1).max(20),
});
export type DeviceCsvMapping = z.infer<typeof DeviceCsvMapping>;

/** The series a generic mapping may feed (the vital kinds and CGM glucose), for the mapping form. */
export const MAPPABLE_SERIES = [
  { code: '8480-6', display: 'Pressione sistolica', unit: 'mm[Hg]' },
  { code: '8462-4', display: 'Pressione diastolica', unit: 'mm[Hg]' },
  { code: '8867-4', display: 'Frequenza cardiaca', unit: '/min' },
  { code: '29463-7', display: 'Peso corporeo', unit: 'kg' },
  { code: '59408-5', display: 'Saturazione di ossigeno (pulsossimetria)', unit: '%' },
  { code: '2339-0', display: 'Glucosio nel sangue', unit: 'mg/dL' },
  { code: '99504-3', display: 'Glucosio interstiziale (CGM)', unit: 'mg/dL' },
  { code: '8310-5', display: 'Temperatura corporea', unit: 'Cel' },
  { code: '8280-0', display: 'Circonferenza vita', unit: 'cm' },
] as const;
