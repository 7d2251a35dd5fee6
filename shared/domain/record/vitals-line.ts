/**
 * The vitals line: what a doctor types in one go during a visit, "PA 135/85, peso 82, FC 70,
 * sat 97, glicemia 110, vita 94, h 172", read into the vital-sign series (VITAL_KINDS). Italian
 * abbreviations, "," or "." as the decimal mark ("peso 82,5" is 82.5: a comma is a decimal mark
 * only between digits), an optional unit after the value, the parts separated by commas,
 * semicolons or spaces. The BMI is computed when weight and height are known (from the line, or
 * the last height recorded). Pure: the entry field gives feedback on every keystroke and the
 * service parses the same text again before writing.
 *
 * Ranges here are only what cannot be a measurement at all; plausibility warnings belong to the
 * plausibility ranges the entry forms share.
 */
import { VITAL_KINDS, type VitalKind } from './vital-kinds.ts';

export type LineKind = Exclude<VitalKind, 'systolic' | 'diastolic'> | 'blood-pressure';

export type VitalsLineItem =
  | { kind: 'blood-pressure'; systolic: number; diastolic: number; /** the characters it was read from */ span: [number, number] }
  | { kind: Exclude<LineKind, 'blood-pressure'>; value: number; unit: string; span: [number, number]; computed?: boolean };

export type VitalsLineProblem =
  | { code: 'unknown'; text: string; span: [number, number] }
  | { code: 'missing-value'; kind: LineKind; span: [number, number] }
  | { code: 'duplicate'; kind: LineKind; span: [number, number] }
  | { code: 'out-of-range'; kind: LineKind; span: [number, number] }
  | { code: 'systolic-not-above-diastolic'; span: [number, number] };

export interface VitalsLine {
  items: VitalsLineItem[];
  problems: VitalsLineProblem[];
}

/** Labels as doctors write them (lower case; a dot reads as a space, so "P.A." is "p a"). The longest match wins. */
const LABELS: Array<[string, LineKind]> = [
  ['pressione arteriosa', 'blood-pressure'], ['pressione', 'blood-pressure'], ['pa', 'blood-pressure'], ['p a', 'blood-pressure'], ['bp', 'blood-pressure'],
  ['peso', 'weight'], ['p', 'weight'],
  ['lunghezza', 'length'], ['lungh', 'length'],
  ['altezza', 'height'], ['statura', 'height'], ['alt', 'height'], ['h', 'height'],
  ['bmi', 'bmi'], ['imc', 'bmi'],
  ['frequenza cardiaca', 'heart-rate'], ['frequenza', 'heart-rate'], ['freq', 'heart-rate'], ['fc', 'heart-rate'], ['f c', 'heart-rate'], ['polso', 'heart-rate'], ['hr', 'heart-rate'],
  ['circonferenza vita', 'waist'], ['circ vita', 'waist'], ['girovita', 'waist'], ['vita', 'waist'], ['cv', 'waist'],
  ['saturazione', 'spo2'], ['spo2', 'spo2'], ['sato2', 'spo2'], ['sat o2', 'spo2'], ['sat', 'spo2'],
  ['glicemia', 'glucose'], ['glic', 'glucose'], ['gli', 'glucose'], ['hgt', 'glucose'], ['destrostix', 'glucose'],
  ['temperatura', 'temperature'], ['temp', 'temperature'], ['tc', 'temperature'], ['t', 'temperature'],
  ['circonferenza cranica', 'head-circumference'], ['circ cranica', 'head-circumference'], ['cc', 'head-circumference'],
];
LABELS.sort((a, b) => b[0].length - a[0].length);

/** Units a doctor may type after the value; ignored when they match the kind's. */
const UNITS: Record<Exclude<LineKind, 'blood-pressure'>, string[]> = {
  weight: ['kg'], height: ['cm', 'm'], length: ['cm'], bmi: ['kg/m2', 'kg/m²'], 'heart-rate': ['bpm', '/min', 'b/min'], waist: ['cm'],
  spo2: ['%'], glucose: ['mg/dl'], temperature: ['°c', '°', 'c'], 'head-circumference': ['cm'],
};
const BP_UNITS = ['mmhg', 'mm hg'];

/** What no reading of the kind can be (a typo, a value in another field's unit); blood pressure: the systolic. */
const POSSIBLE: Record<LineKind, [number, number]> = {
  'blood-pressure': [40, 300], weight: [0.3, 400], height: [20, 250], length: [20, 130], bmi: [5, 100], 'heart-rate': [10, 300], waist: [20, 250],
  spo2: [30, 100], glucose: [10, 1500], temperature: [25, 45], 'head-circumference': [15, 70],
};

const DIASTOLIC: [number, number] = [20, 200];

const NUMBER = String.raw`(\d+(?:[.,]\d+)?)`;

function toNumber(s: string): number {
  return Number(s.replace(',', '.'));
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

/** BMI from kg and cm, one decimal (the PSS prints it so). */
export function bodyMassIndex(weightKg: number, heightCm: number): number {
  return round1(weightKg / (heightCm / 100) ** 2);
}

/**
 * Reads a vitals line. `knownHeightCm`: the patient's last recorded height, used for the BMI when
 * the line gives a weight only (adults; leave it out for a growing child).
 */
export function parseVitalsLine(text: string, options: { knownHeightCm?: number } = {}): VitalsLine {
  const lower = text.toLowerCase().replace(/\./g, (m, i: number) => (/\d/.test(text[i - 1] ?? '') && /\d/.test(text[i + 1] ?? '') ? m : ' '));
  const items: VitalsLineItem[] = [];
  const problems: VitalsLineProblem[] = [];
  const seen = new Set<LineKind>();
  let i = 0;
  let unknownFrom = -1;
  const flushUnknown = (end: number) => {
    if (unknownFrom < 0) return;
    const raw = text.slice(unknownFrom, end);
    const trimmed = raw.replace(/[\s,;]+$/, '');
    if (trimmed) problems.push({ code: 'unknown', text: trimmed, span: [unknownFrom, unknownFrom + trimmed.length] });
    unknownFrom = -1;
  };
  while (i < lower.length) {
    const ch = lower[i]!;
    if (/[\s,;:]/.test(ch) && unknownFrom < 0) {
      i++;
      continue;
    }
    const atWordStart = i === 0 || !/[a-z0-9]/.test(lower[i - 1]!);
    const label = atWordStart ? LABELS.find(([l]) => lower.startsWith(l, i) && !/[a-z]/.test(lower[i + l.length] ?? '')) : undefined;
    if (!label) {
      if (unknownFrom < 0) unknownFrom = i;
      // Skip to the next separator.
      while (i < lower.length && !/[\s,;]/.test(lower[i]!)) i++;
      if (i < lower.length && /[,;]/.test(lower[i]!)) flushUnknown(i);
      i++;
      continue;
    }
    flushUnknown(i);
    const [word, kind] = label;
    const start = i;
    const rest = lower.slice(i + word.length);
    const valueMatch = kind === 'blood-pressure'
      ? new RegExp(String.raw`^\s*[:=]?\s*(\d{2,3})\s*/\s*(\d{2,3})(\s*(?:${BP_UNITS.map((u) => u.replace(' ', String.raw`\s`)).join('|')}))?`).exec(rest)
      : new RegExp(String.raw`^\s*[:=]?\s*${NUMBER}(\s*(?:${UNITS[kind].map((u) => u.replace(/[/%°²]/g, (c) => `\\${c}`)).join('|')})(?![a-z]))?`).exec(rest);
    if (!valueMatch) {
      problems.push({ code: 'missing-value', kind, span: [start, start + word.length] });
      i = start + word.length;
      continue;
    }
    const end = start + word.length + valueMatch[0].length;
    const span: [number, number] = [start, end];
    i = end;
    if (seen.has(kind)) {
      problems.push({ code: 'duplicate', kind, span });
      continue;
    }
    seen.add(kind);
    const [lo, hi] = POSSIBLE[kind];
    if (kind === 'blood-pressure') {
      const systolic = Number(valueMatch[1]);
      const diastolic = Number(valueMatch[2]);
      if (systolic < lo || systolic > hi || diastolic < DIASTOLIC[0] || diastolic > DIASTOLIC[1]) problems.push({ code: 'out-of-range', kind, span });
      else if (systolic <= diastolic) problems.push({ code: 'systolic-not-above-diastolic', span });
      else items.push({ kind, systolic, diastolic, span });
      continue;
    }
    let value = toNumber(valueMatch[1]!);
    // "h 1,72" or "altezza 1.72 m": metres.
    if (kind === 'height' && (valueMatch[2]?.trim() === 'm' || value < 3)) value = Math.round(value * 100);
    if (value < lo || value > hi) {
      problems.push({ code: 'out-of-range', kind, span });
      continue;
    }
    items.push({ kind, value, unit: VITAL_KINDS[kind].unit, span });
  }
  flushUnknown(lower.length);

  const weight = items.find((x) => x.kind === 'weight');
  const height = items.find((x) => x.kind === 'height') ?? items.find((x) => x.kind === 'length');
  const heightCm = height && height.kind !== 'blood-pressure' ? height.value : options.knownHeightCm;
  if (weight && weight.kind !== 'blood-pressure' && heightCm && !seen.has('bmi')) {
    items.push({ kind: 'bmi', value: bodyMassIndex(weight.value, heightCm), unit: VITAL_KINDS.bmi.unit, span: [0, 0], computed: true });
  }
  return { items, problems };
}
