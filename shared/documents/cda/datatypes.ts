/**
 * CDA R2 data types as XML elements (CD, II, TS, PQ, IVL_TS) and the OIDs of the code systems
 * the Italian IGs use. Pure helpers on top of the escaping writer.
 */
import { el, type XmlChild, type XmlElement } from '../xml/writer.ts';

export const OID = {
  LOINC: '2.16.840.1.113883.6.1',
  ICD9CM: '2.16.840.1.113883.6.103',
  ATC: '2.16.840.1.113883.6.73',
  AIC: '2.16.840.1.113883.2.9.6.1.5',
  CND: '2.16.840.1.113883.2.9.6.1.48',
  CODICE_FISCALE: '2.16.840.1.113883.2.9.4.3.2',
  ASL: '2.16.840.1.113883.2.9.4.1.1',
  ACT_CODE: '2.16.840.1.113883.5.4',
  OBSERVATION_VALUE: '2.16.840.1.113883.5.1063',
  ROUTE: '2.16.840.1.113883.5.112',
  ROLE_CODE: '2.16.840.1.113883.5.111',
  GENDER: '2.16.840.1.113883.5.1',
  CONFIDENTIALITY: '2.16.840.1.113883.5.25',
  INTERPRETATION: '2.16.840.1.113883.5.83',
  UCUM: '2.16.840.1.113883.6.8',
  IPS_NO_ALLERGIES: '2.16.840.1.113883.11.22.9',
  IPS_NO_MEDICATIONS: '2.16.840.1.113883.11.22.15',
  IPS_NO_PROBLEMS: '2.16.840.1.113883.11.22.17',
  PSS_ALLERGENS: '2.16.840.1.113883.2.9.77.22.11.2',
  PSS_AUTHOR_ROLE: '2.16.840.1.113883.2.9.77.22.11.13',
  PSS_ENCOUNTER: '2.16.840.1.113883.2.9.77.22.11.14',
  PSS_MOTOR: '2.16.840.1.113883.2.9.77.22.11.15',
  PSS_IT: '2.16.840.1.113883.2.9.5.2.8',
  ACT_CODE_IT: '2.16.840.1.113883.2.9.5.1.4',
  ESENZIONI: '2.16.840.1.113883.2.9.6.1.22',
} as const;

/** HL7 TS from an ISO date, possibly partial (yyyy, yyyy-mm, yyyy-mm-dd) → yyyy[mm[dd]]. */
export function tsDate(isoDate: string): string {
  return isoDate.replace(/-/g, '');
}

/** HL7 TS from an ISO date-time with offset → yyyyMMddHHmmss±ZZZZ. */
export function tsDateTime(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(iso);
  if (!m) throw new Error(`data-ora non valida: ${iso}`);
  const zone = m[7] === 'Z' ? '+0000' : (m[7] as string).replace(':', '');
  return `${m[1]}${m[2]}${m[3]}${m[4]}${m[5]}${m[6]}${zone}`;
}

export function ii(root: string, extension?: string, assigningAuthorityName?: string): XmlElement {
  return el('id', { root, extension, assigningAuthorityName });
}

export function templateId(root: string, extension?: string): XmlElement {
  return el('templateId', { root, extension });
}

export interface CodeArgs {
  code: string;
  codeSystem: string;
  codeSystemName?: string;
  displayName?: string;
}

/** A coded element (`code`, `value xsi:type=CD`, …) with optional children (originalText, translation). */
export function cd(name: string, c: CodeArgs, extraAttrs: Record<string, string> = {}, ...children: XmlChild[]): XmlElement {
  return el(name, { ...extraAttrs, code: c.code, codeSystem: c.codeSystem, codeSystemName: c.codeSystemName, displayName: c.displayName }, ...children);
}

export function loinc(code: string, displayName: string, name = 'code'): XmlElement {
  return cd(name, { code, codeSystem: OID.LOINC, codeSystemName: 'LOINC', displayName });
}

export function reference(narrativeId: string): XmlElement {
  return el('reference', { value: `#${narrativeId}` });
}

/** `<text><reference value="#id"/></text>`: an entry pointing at its narrative. */
export function textRef(narrativeId: string): XmlElement {
  return el('text', null, reference(narrativeId));
}

export function originalText(narrativeId: string): XmlElement {
  return el('originalText', null, reference(narrativeId));
}

export function statusCode(code: string): XmlElement {
  return el('statusCode', { code });
}

/** IVL_TS with low (or low nullFlavor=UNK) and optional high, as `effectiveTime` or `time`. */
export function ivlTs(low: string | undefined, high?: string, name = 'effectiveTime', attrs: Record<string, string> = {}): XmlElement {
  return el(
    name,
    attrs,
    low ? el('low', { value: tsDate(low) }) : el('low', { nullFlavor: 'UNK' }),
    high ? el('high', { value: tsDate(high) }) : null,
  );
}

export function tsEl(date: string | undefined, name = 'effectiveTime'): XmlElement {
  return date ? el(name, { value: tsDate(date) }) : el(name, { nullFlavor: 'UNK' });
}

/** Format a number for a PQ/INT value attribute (no exponent, no trailing zeros). */
export function num(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1000) / 1000);
}

/** IVL_TS effectiveTime with optional extra attributes (xsi:type), low UNK when unknown. */
export function entryIvl(low: string | undefined, high: string | undefined, attrs: Record<string, string> = {}): XmlElement {
  return ivlTs(low, high, 'effectiveTime', attrs);
}
