/**
 * Numbers as a doctor types them: "12,5" (the Italian decimal mark) and "12.5" (the numeric
 * keypad's key) mean the same value. Nothing is dropped: text with anything else in it (a
 * letter, two decimal marks, a thousands separator) is refused, never read as a shorter
 * number. Every number field of the app parses with `parseDecimal` and shows with
 * `formatDecimal` (UX.md: Italian first, units always shown next to the value).
 */

export type DecimalParse =
  | { ok: true; value: number }
  /** `empty`: nothing typed; `invalid`: not a number; `not-integer`: a fraction where a whole number is needed. */
  | { ok: false; reason: 'empty' | 'invalid' | 'not-integer' };

const NUMBER = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/;

/** "12,5", "12.5", ",5", "-3" → the number; anything else → why not. */
export function parseDecimal(text: string, options: { integer?: boolean } = {}): DecimalParse {
  const v = text.trim();
  if (v === '') return { ok: false, reason: 'empty' };
  if (!NUMBER.test(v)) return { ok: false, reason: 'invalid' };
  const value = Number(v.replace(',', '.'));
  if (!Number.isFinite(value)) return { ok: false, reason: 'invalid' };
  if (options.integer && !Number.isInteger(value)) return { ok: false, reason: 'not-integer' };
  return { ok: true, value: Object.is(value, -0) ? 0 : value };
}

/** 12.5 → "12,5"; at most `maxFractionDigits` decimals (default: as many as the value has, up to 6). */
export function formatDecimal(value: number, maxFractionDigits = 6): string {
  if (!Number.isFinite(value)) return '';
  const factor = 10 ** maxFractionDigits;
  const rounded = Math.round(value * factor) / factor;
  return String(rounded).replace('.', ',');
}
