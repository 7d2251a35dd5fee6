/**
 * A structured report's content tree (PS3.3 C.17.3 SR Document Content Module, C.18 Content
 * Item macros) as plain text items the viewer shows: each content item's concept name
 * (Concept Name Code Sequence → Code Meaning) and its value by Value Type (C.18.1–C.18.8:
 * TEXT, CODE, NUM with its unit, PNAME, DATE, TIME, DATETIME, UIDREF, IMAGE/COMPOSITE
 * references; CONTAINER items only group their children). Coordinates (SCOORD, TCOORD) are
 * named, not drawn. Depth and item count are bounded, so a corrupt or hostile file cannot
 * make the worker recurse or allocate without end.
 */
import type { ParsedDicom } from './parse.ts';
import { TAG } from './tags.ts';
import { isoDate, isoTime, personName, Values } from './values.ts';

export interface SrItem {
  /** CONTAINER, TEXT, CODE, NUM, … as the file says (C.17.3.2.1). */
  valueType: string;
  /** CONTAINS, HAS PROPERTIES, HAS OBS CONTEXT, … (C.17.3.2.4); absent on the root. */
  relationship?: string;
  /** The concept name's Code Meaning. */
  concept?: string;
  /** The value as text (a number with its unit, a code's meaning, a date as yyyy-mm-dd, …). */
  value?: string;
  children: SrItem[];
}

export interface StructuredReport {
  root: SrItem;
  /** COMPLETE or PARTIAL (C.17.2.1). */
  completion?: string;
  /** VERIFIED or UNVERIFIED. */
  verification?: string;
  /** True when the tree was cut at the depth or item limit. */
  truncated: boolean;
}

const MAX_DEPTH = 32;
const MAX_ITEMS = 5000;

function codeMeaning(v: Values, sequenceTag: string): string | undefined {
  const item = v.items(sequenceTag)[0];
  return item?.string(TAG.CodeMeaning) ?? item?.string(TAG.CodeValue);
}

function numericValue(v: Values): string | undefined {
  const measured = v.items(TAG.MeasuredValueSequence)[0];
  if (!measured) return undefined;
  const n = measured.string(TAG.NumericValue);
  if (n === undefined) return undefined;
  // The unit is a UCUM code (C.18.1.1, DCID 82): its Code Value ("mm", "cm2") reads better than its meaning.
  const unit = measured.items(TAG.MeasurementUnitsCodeSequence)[0];
  const u = unit?.string(TAG.CodeValue) ?? unit?.string(TAG.CodeMeaning);
  return u && u !== '1' ? `${n} ${u}` : n;
}

function valueOf(v: Values, type: string): string | undefined {
  switch (type) {
    case 'TEXT':
      return v.string(TAG.TextValue);
    case 'CODE':
      return codeMeaning(v, TAG.ConceptCodeSequence);
    case 'NUM':
      return numericValue(v);
    case 'PNAME': {
      const name = personName(v.string(TAG.PersonNameValue));
      return name ? [name.family, name.given].filter(Boolean).join(' ') || name.raw : undefined;
    }
    case 'DATE':
      return isoDate(v.string(TAG.Date)) ?? v.string(TAG.Date);
    case 'TIME':
      return isoTime(v.string(TAG.Time)) ?? v.string(TAG.Time);
    case 'DATETIME': {
      const dt = v.string(TAG.DateTime);
      const date = isoDate(dt?.slice(0, 8));
      const time = isoTime(dt?.slice(8));
      return date ? [date, time].filter(Boolean).join(' ') : dt;
    }
    case 'UIDREF':
      return v.string(TAG.UID);
    case 'IMAGE':
    case 'COMPOSITE':
    case 'WAVEFORM':
      return v.items(TAG.ReferencedSOPSequence)[0]?.string(TAG.ReferencedSOPInstanceUID);
    default:
      return undefined;
  }
}

/** The report of a parsed SR object, or undefined when the file has no content tree. */
export function readStructuredReport(parsed: ParsedDicom): StructuredReport | undefined {
  const top = new Values(parsed.dataSet);
  const rootType = top.string(TAG.ValueType);
  if (!rootType && top.items(TAG.ContentSequence).length === 0) return undefined;
  let count = 0;
  let truncated = false;
  const read = (v: Values, depth: number, relationship: boolean): SrItem => {
    count++;
    const valueType = v.string(TAG.ValueType) ?? 'CONTAINER';
    const item: SrItem = { valueType, children: [] };
    const rel = relationship ? v.string(TAG.RelationshipType) : undefined;
    if (rel) item.relationship = rel;
    const concept = codeMeaning(v, TAG.ConceptNameCodeSequence);
    if (concept) item.concept = concept;
    const value = valueOf(v, valueType);
    if (value) item.value = value;
    for (const child of v.items(TAG.ContentSequence)) {
      if (depth + 1 > MAX_DEPTH || count >= MAX_ITEMS) {
        truncated = true;
        break;
      }
      item.children.push(read(child, depth + 1, true));
    }
    return item;
  };
  const root = read(top, 0, false);
  const report: StructuredReport = { root, truncated };
  const completion = top.string(TAG.CompletionFlag);
  if (completion) report.completion = completion;
  const verification = top.string(TAG.VerificationFlag);
  if (verification) report.verification = verification;
  return report;
}

/** An encapsulated document's bytes and type (PS3.3 C.24.2), or undefined. */
export function readEncapsulatedDocument(parsed: ParsedDicom): { mimeType: string; title?: string; bytes: Uint8Array } | undefined {
  const v = new Values(parsed.dataSet);
  const el = v.element(TAG.EncapsulatedDocument);
  if (!el) return undefined;
  let bytes = parsed.dataSet.byteArray.subarray(el.dataOffset, el.dataOffset + el.length);
  const mimeType = v.string(TAG.MIMETypeOfEncapsulatedDocument) ?? 'application/octet-stream';
  // OB values are padded to even length with a trailing NUL (PS3.5 §7.1.1); a PDF ends at %%EOF.
  if (mimeType === 'application/pdf' && bytes.length > 0 && bytes[bytes.length - 1] === 0) bytes = bytes.subarray(0, bytes.length - 1);
  const title = v.string(TAG.DocumentTitle);
  return { mimeType, ...(title ? { title } : {}), bytes: bytes.slice() };
}
