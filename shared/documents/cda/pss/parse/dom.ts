/** Small DOM helpers over @xmldom/xmldom for reading CDA documents (namespace urn:hl7-org:v3). */
import { DOMParser } from '@xmldom/xmldom';
import { assertXmlDepth } from '../../../../xml/limits.ts';

export type El = NonNullable<ReturnType<DOMParser['parseFromString']>['documentElement']>;

/** The document element; XmlTooDeepError past the depth limit (xmldom has none, and walks recursively). */
export function parseXml(xml: string): El {
  assertXmlDepth(xml);
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, msg) => { if (level !== 'warning') errors.push(msg); } }).parseFromString(xml, 'text/xml');
  if (errors.length > 0 || !doc.documentElement) throw new Error(`XML non valido: ${errors[0] ?? 'documento vuoto'}`);
  return doc.documentElement;
}

export function kids(e: El | undefined, name?: string): El[] {
  const out: El[] = [];
  if (!e) return out;
  for (let c = e.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 1 && (name === undefined || (c as El).localName === name)) out.push(c as El);
  }
  return out;
}

export function kid(e: El | undefined, ...path: string[]): El | undefined {
  let cur = e;
  for (const p of path) cur = kids(cur, p)[0];
  return cur;
}

export function attr(e: El | undefined, name: string): string | undefined {
  const v = e?.getAttribute(name);
  return v === null || v === undefined || v === '' ? undefined : v;
}

export function hasTemplate(e: El | undefined, root: string): boolean {
  return kids(e, 'templateId').some((t) => attr(t, 'root') === root);
}

/** Descendant-or-self elements by local name. */
export function all(e: El, name: string): El[] {
  return Array.from(e.getElementsByTagNameNS('urn:hl7-org:v3', name)) as El[];
}

/** HL7 TS → ISO date at the precision given (yyyy, yyyy-mm, yyyy-mm-dd); time is dropped. */
export function isoDate(ts: string | undefined): string | undefined {
  if (!ts || !/^\d{4}/.test(ts)) return undefined;
  if (ts.length >= 8) return `${ts.slice(0, 4)}-${ts.slice(4, 6)}-${ts.slice(6, 8)}`;
  if (ts.length >= 6) return `${ts.slice(0, 4)}-${ts.slice(4, 6)}`;
  return ts.slice(0, 4);
}

export function low(e: El | undefined): string | undefined {
  return isoDate(attr(kid(e, 'effectiveTime', 'low'), 'value')) ?? isoDate(attr(kid(e, 'effectiveTime'), 'value'));
}
export function high(e: El | undefined): string | undefined {
  return isoDate(attr(kid(e, 'effectiveTime', 'high'), 'value'));
}

export function coded(e: El | undefined): { code: string; display: string } | undefined {
  const code = attr(e, 'code');
  if (!code) return undefined;
  return { code, display: attr(e, 'displayName') ?? code };
}
