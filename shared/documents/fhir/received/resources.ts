/**
 * The little of FHIR R4 the received-document readers need: loosely typed resources, a
 * reference resolver over a Bundle (fullUrl, "Type/id", urn:uuid), code-system URIs to the OIDs
 * the record stores, instants to record instants.
 */
import type { RecordInstant } from '../../../domain/record/provenance.ts';
import { DEFAULT_TIME_ZONE, isValidWallClock, zonedDateTime } from '../../../import/zoned-time.ts';

export type Json = Record<string, unknown>;
export interface Coding { system?: string; code?: string; display?: string }
export interface CodeableConcept { coding?: Coding[]; text?: string }
export interface Reference { reference?: string; display?: string; identifier?: { system?: string; value?: string } }

export const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** HL7 FHIR system URIs and their OIDs (CDA code systems the record stores). */
const SYSTEM_OID: Record<string, string> = {
  'http://loinc.org': '2.16.840.1.113883.6.1',
  'http://snomed.info/sct': '2.16.840.1.113883.6.96',
  'http://hl7.org/fhir/sid/icd-9-cm': '2.16.840.1.113883.6.103',
  'http://hl7.org/fhir/sid/icd-9': '2.16.840.1.113883.6.103',
  'http://www.whocc.no/atc': '2.16.840.1.113883.6.73',
  'http://unitsofmeasure.org': '2.16.840.1.113883.6.8',
  'http://hl7.it/sid/codiceFiscale': '2.16.840.1.113883.2.9.4.3.2',
  'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation': '2.16.840.1.113883.5.83',
  'http://terminology.hl7.org/CodeSystem/v3-RouteOfAdministration': '2.16.840.1.113883.5.112',
  'urn:ietf:bcp:47': '2.16.840.1.113883.6.121',
};

/** The OID of a FHIR system URI (`urn:oid:…` or a known URI), if any. */
export function oidOf(system: string | undefined): string | undefined {
  if (!system) return undefined;
  if (system.startsWith('urn:oid:')) return system.slice(8);
  return SYSTEM_OID[system];
}

export function codingIn(cc: CodeableConcept | undefined, oid: string): Coding | undefined {
  return cc?.coding?.find((c) => oidOf(c.system) === oid && str(c.code));
}

/** `root^value` of a FHIR Identifier, as CDA ids are stored. */
export function identifierText(id: { system?: string; value?: string } | undefined): string | undefined {
  const value = str(id?.value);
  if (!value) return undefined;
  const root = oidOf(id?.system) ?? id?.system;
  return root ? `${root}^${value}` : value;
}

const DATE_TIME = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/** A FHIR date, dateTime or instant as a record instant; a time without zone is Europe/Rome's. */
export function fhirInstant(v: unknown, timeZone = DEFAULT_TIME_ZONE): RecordInstant | undefined {
  const s = str(v);
  const m = s ? DATE_TIME.exec(s) : null;
  if (!m) return undefined;
  const [, y, mo, d, h, mi, sec, zone] = m;
  if (!mo) return y;
  if (!d) return `${y}-${mo}`;
  const w = { year: Number(y), month: Number(mo), day: Number(d), hour: Number(h ?? 0), minute: Number(mi ?? 0), second: Number(sec ?? 0) };
  if (!isValidWallClock(w)) return undefined;
  if (!h) return `${y}-${mo}-${d}`;
  if (zone) return `${y}-${mo}-${d}T${h}:${mi}:${sec ?? '00'}${zone === 'Z' ? '+00:00' : zone}`;
  return zonedDateTime(w, timeZone);
}

/** Resolves references between the resources of one Bundle. */
export class BundleIndex {
  private readonly byKey = new Map<string, Json>();
  readonly resources: Json[] = [];
  constructor(bundle: Json) {
    for (const e of asArray(bundle['entry'] as Json[] | undefined)) {
      const r = e?.['resource'] as Json | undefined;
      if (!r || typeof r !== 'object') continue;
      this.resources.push(r);
      const url = str(e['fullUrl']);
      if (url) this.byKey.set(url, r);
      const type = str(r['resourceType']);
      const id = str(r['id']);
      if (type && id) this.byKey.set(`${type}/${id}`, r);
    }
  }
  resolve(ref: Reference | undefined): Json | undefined {
    const r = str(ref?.reference);
    if (!r) return undefined;
    return this.byKey.get(r) ?? this.byKey.get(r.replace(/^.*\/(\w+\/[^/]+)$/, '$1'));
  }
  ofType(type: string): Json[] {
    return this.resources.filter((r) => r['resourceType'] === type);
  }
}

/** "given family" of a FHIR HumanName list. */
export function humanName(names: unknown): string | undefined {
  const n = asArray(names as Json[] | undefined)[0];
  if (!n) return undefined;
  const given = asArray(n['given'] as string[] | undefined).filter((x) => typeof x === 'string');
  const family = str(n['family']);
  const parts = [...given, ...(family ? [family] : [])];
  return parts.length ? parts.join(' ') : str(n['text']);
}

/** Narrative of an xhtml div as plain text (lines per block element). */
export function divText(div: unknown): string {
  const s = str(div) ?? '';
  return s
    .replace(/<(br|\/p|\/tr|\/li|\/h\d|\/div)\b[^>]*>/gi, '\n')
    .replace(/<\/t[dh]>/gi, ' | ')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'").replace(/&amp;/g, '&')
    .split('\n').map((l) => l.replace(/\s+/g, ' ').replace(/(\s*\|\s*)+$/, '').trim()).filter(Boolean).join('\n');
}
