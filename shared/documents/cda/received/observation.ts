/**
 * One coded CDA observation (LAB leaf observations, VPS vital signs) as a point of the record's
 * series (shared/domain/record/observation.ts): LOINC code with the local or regional code the
 * document adds as a translation, the value by its xsi:type, reference range, interpretation
 * (HL7 ObservationInterpretation), specimen and status. What the record cannot represent is
 * said in `warnings`, never dropped silently.
 */
import { Interpretation, LOINC_OID, type Observation, type ObservationValue, type ReferenceRange } from '../../../domain/record/observation.ts';
import type { RecordInstant } from '../../../domain/record/provenance.ts';
import { type El, attr, kid, kids } from '../pss/parse/dom.ts';
import { cellText } from './narrative.ts';
import { instantFromTs } from './time.ts';

const OID_RE = /^[0-2](\.(0|[1-9]\d*))+$/;
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

export function xsiType(e: El | undefined): string | undefined {
  const t = e?.getAttributeNS(XSI, 'type') ?? e?.getAttribute('xsi:type');
  return t ? t.replace(/^.*:/, '') : undefined;
}

function num(s: string | undefined): number | undefined {
  if (s === undefined || s.trim() === '') return undefined;
  const n = Number(s.trim());
  return Number.isFinite(n) ? n : undefined;
}

/** UCUM unit of a PQ; "1" (dimensionless) when the document gives none. */
const unitOf = (e: El | undefined): string => (attr(e, 'unit') ?? '1').slice(0, 40);

export function readValue(v: El | undefined): ObservationValue | undefined {
  if (!v || attr(v, 'nullFlavor')) return undefined;
  const type = xsiType(v);
  switch (type) {
    case 'PQ': {
      const n = num(attr(v, 'value'));
      return n === undefined ? undefined : { type: 'quantity', value: n, unit: unitOf(v) };
    }
    case 'INT':
    case 'REAL': {
      const n = num(attr(v, 'value'));
      return n === undefined ? undefined : { type: 'quantity', value: n, unit: '1' };
    }
    case 'IVL_PQ': {
      const lo = kid(v, 'low');
      const hi = kid(v, 'high');
      const l = num(attr(lo, 'value'));
      const h = num(attr(hi, 'value'));
      if (l !== undefined && h === undefined) return { type: 'quantity', value: l, unit: unitOf(lo), comparator: attr(lo, 'inclusive') === 'false' ? '>' : '>=' };
      if (h !== undefined && l === undefined) return { type: 'quantity', value: h, unit: unitOf(hi), comparator: attr(hi, 'inclusive') === 'false' ? '<' : '<=' };
      if (l !== undefined && h !== undefined) return { type: 'text', text: `${l}–${h} ${unitOf(hi)}` };
      return undefined;
    }
    case 'CD':
    case 'CE':
    case 'CV':
    case 'CO': {
      const code = attr(v, 'code');
      const system = attr(v, 'codeSystem');
      const display = attr(v, 'displayName') ?? cellText(kid(v, 'originalText')) ?? code;
      if (code && system && OID_RE.test(system)) return { type: 'coded', code: code.slice(0, 40), codeSystem: system, display: (display || code).slice(0, 300) };
      const t = display || code;
      return t ? { type: 'text', text: t.slice(0, 2000) } : undefined;
    }
    case 'BL':
      return attr(v, 'value') ? { type: 'text', text: attr(v, 'value') === 'true' ? 'sì' : 'no' } : undefined;
    default: {
      const t = cellText(v);
      return t ? { type: 'text', text: t.slice(0, 2000) } : undefined;
    }
  }
}

function readRange(o: El): ReferenceRange | undefined {
  const r = kid(o, 'referenceRange', 'observationRange');
  if (!r) return undefined;
  const v = kid(r, 'value');
  const low = num(attr(kid(v, 'low'), 'value'));
  const high = num(attr(kid(v, 'high'), 'value'));
  const texts: string[] = [];
  const t = cellText(kid(r, 'text'));
  if (t && !t.startsWith('#')) texts.push(t);
  // An age or sex criterion (lab:precondition/criterion): kept as words beside the numbers.
  for (const c of kids(r).filter((k) => k.localName === 'precondition').map((p) => kids(p).find((k) => k.localName === 'criterion'))) {
    const name = attr(kids(c).find((k) => k.localName === 'code'), 'displayName');
    const cv = kids(c).find((k) => k.localName === 'value');
    const lo = attr(kid(cv, 'low'), 'value');
    const hi = attr(kid(cv, 'high'), 'value');
    const unit = attr(kid(cv, 'high'), 'unit') ?? attr(kid(cv, 'low'), 'unit') ?? '';
    if (name && (lo || hi)) texts.push(`${name} ${[lo ? `≥ ${lo}` : '', hi ? `≤ ${hi}` : ''].filter(Boolean).join(' e ')} ${unit}`.trim());
  }
  if (low === undefined && high === undefined && texts.length === 0) return undefined;
  return { ...(low !== undefined ? { low } : {}), ...(high !== undefined ? { high } : {}), ...(texts.length ? { text: texts.join('; ').slice(0, 200) } : {}) };
}

export function specimenOf(e: El | undefined): string | undefined {
  const code = kid(e, 'specimen', 'specimenRole', 'specimenPlayingEntity', 'code');
  const s = attr(code, 'displayName') ?? attr(code, 'code');
  return s?.trim() ? s.trim().slice(0, 200) : undefined;
}

/** The observation's own time: effectiveTime/@value, else its low. */
export function ownTime(e: El | undefined): RecordInstant | undefined {
  const t = kid(e, 'effectiveTime');
  return instantFromTs(attr(t, 'value')) ?? instantFromTs(attr(kid(t, 'low'), 'value'));
}

export interface ReadContext {
  id: string;
  /** The date when the observation has none of its own (the chart-date rule of the caller). */
  fallbackTime: RecordInstant | undefined;
  fallbackSpecimen?: string | undefined;
  panelId?: string | undefined;
  warnings: string[];
}

/** The observation as a point of a series, or undefined (with a warning) when it cannot be one. */
export function readObservation(o: El, ctx: ReadContext): Observation | undefined {
  const code = kid(o, 'code');
  const translations = kids(code, 'translation');
  const loinc = attr(code, 'codeSystem') === LOINC_OID ? code : translations.find((t) => attr(t, 'codeSystem') === LOINC_OID);
  const name = attr(code, 'displayName') ?? attr(loinc, 'displayName') ?? attr(code, 'code') ?? 'osservazione';
  const local = [code, ...translations].find((t) => t !== loinc && attr(t, 'code') && OID_RE.test(attr(t, 'codeSystem') ?? ''));
  // Without LOINC, a local or regional code still names a series (its own, apart from the
  // LOINC one): the value is kept, and the preview says it will not chart with the LOINC series.
  const key = loinc ?? local;
  if (!key) {
    ctx.warnings.push(`«${name}»: senza un codice (LOINC o locale), resta solo nel documento.`);
    return undefined;
  }
  const value = readValue(kid(o, 'value'));
  if (!value) return undefined;
  const status = attr(kid(o, 'statusCode'), 'code');
  if (status === 'aborted' || status === 'cancelled' || status === 'nullified') {
    ctx.warnings.push(`«${name}»: esame annullato nel documento, non importato.`);
    return undefined;
  }
  const effective = ownTime(o) ?? ctx.fallbackTime;
  if (!effective) {
    ctx.warnings.push(`«${name}»: nessuna data (né dell'osservazione né del documento), non importato.`);
    return undefined;
  }
  if (!loinc) ctx.warnings.push(`«${name}»: codificato solo con il codice locale ${attr(local, 'code')}, in una serie a parte da quella LOINC.`);
  const interp = attr(kid(o, 'interpretationCode'), 'code');
  const parsedInterp = Interpretation.safeParse(interp);
  const range = readRange(o);
  const specimen = specimenOf(o) ?? ctx.fallbackSpecimen;
  const notes: string[] = [];
  if (interp && !parsedInterp.success) notes.push(`Interpretazione nel documento: ${interp}`);
  const out: Observation = {
    id: ctx.id,
    source: 'document',
    code: attr(key, 'code')!.slice(0, 40),
    display: (attr(key, 'displayName') ?? name).trim().slice(0, 300) || attr(key, 'code')!,
    effective,
    value,
    status: status === 'active' || status === 'new' ? 'preliminary' : 'final',
    ...(local ? { localCode: { code: attr(local, 'code')!.slice(0, 40), codeSystem: attr(local, 'codeSystem')!, ...(attr(local, 'displayName') ? { display: attr(local, 'displayName')!.slice(0, 300) } : {}) } } : {}),
    ...(ctx.panelId ? { panelId: ctx.panelId } : {}),
    ...(range ? { referenceRange: range } : {}),
    ...(parsedInterp.success ? { interpretation: parsedInterp.data } : {}),
    ...(specimen ? { specimen } : {}),
    ...(notes.length ? { note: notes.join('. ') } : {}),
  };
  return out;
}
