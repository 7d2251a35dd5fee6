/**
 * Where a validation issue lands in the editor: the ISO-skeleton XPath of the offending node
 * (`/*:ClinicalDocument[namespace-uri()='urn:hl7-org:v3'][1]/*:component[…][1]/…`) walked in
 * the built CDA, up to its section (by section code) and entry (by the entry ids the builder
 * writes: the record entry id, or `<id>.<suffix>` for sub-acts). The field is
 * `<recordSection>.<entryId>[.<hint>]`, `<recordSection>` or `header`.
 */
import type { Element } from 'slimdom';
import type { ClinicalRecord } from '../../../shared/domain/clinical-record.ts';
import { SECTION } from '../../../shared/documents/cda/pss/templates.ts';
import type { Issue } from '../../../shared/validation/issue.ts';
import { parseXml } from '../../../shared/validation/cda/xml.ts';

/** CDA section code → the record's key. */
const SECTION_BY_CODE = new Map<string, string>(
  Object.entries(SECTION).map(([key, s]) => [s.code, key === 'results' ? 'labResults' : key === 'networks' ? 'careNetworks' : key]),
);

const HINT: Record<string, string> = {
  participant: 'agent',
  consumable: 'product',
  effectiveTime: 'date',
  doseQuantity: 'dose',
  routeCode: 'route',
  value: 'value',
};

function children(e: Element, name: string): Element[] {
  return Array.from(e.children).filter((c) => c.localName === name);
}

function locate(root: Element, location: string): Element | null {
  const steps = [...location.matchAll(/\/\*:([A-Za-z0-9_.-]+)\[namespace-uri\(\)='[^']*'\]\[(\d+)\]/g)];
  if (steps.length === 0 || steps[0]?.[1] !== root.localName) return null;
  let cur: Element = root;
  for (const m of steps.slice(1)) {
    const next: Element | undefined = children(cur, m[1] as string)[Number(m[2]) - 1];
    if (!next) break;
    cur = next;
  }
  return cur;
}

function entryIds(record: ClinicalRecord, section: string): string[] {
  if (section === 'organDonation') return record.organDonation ? ['organDonation'] : [];
  const list = (record as unknown as Record<string, unknown>)[section];
  return Array.isArray(list) ? list.map((e) => (e as { id: string }).id) : [];
}

export class PssFieldMapper {
  private readonly root: Element | null;
  constructor(cda: string, private readonly record: ClinicalRecord) {
    let root: Element | null = null;
    try {
      root = parseXml(cda).documentElement;
    } catch {
      root = null;
    }
    this.root = root;
  }

  fieldFor(issue: Pick<Issue, 'location'>): string | undefined {
    if (!this.root || !issue.location) return undefined;
    const node = locate(this.root, issue.location);
    if (!node) return undefined;
    // Walk up: the nearest `entry` and `section` ancestors, and a hint from the first element under the entry.
    let entry: Element | null = null;
    let section: Element | null = null;
    let hint: string | undefined;
    for (let n: Element | null = node; n; n = n.parentElement) {
      if (!entry && !section && HINT[n.localName]) hint = HINT[n.localName];
      if (!entry && n.localName === 'entry') entry = n;
      if (n.localName === 'section') { section = n; break; }
    }
    if (!section) return 'header';
    const code = children(section, 'code')[0]?.getAttribute('code') ?? '';
    const key = SECTION_BY_CODE.get(code);
    if (!key) return undefined;
    if (!entry) return key;
    const ids = entryIds(this.record, key);
    const exts = [entry, ...Array.from(entry.getElementsByTagNameNS('*', 'id'))]
      .map((e) => e.getAttribute('extension'))
      .filter((x): x is string => !!x);
    // The nearest id above the node first (the sub-act it is in), then any id in the entry.
    let best: string | undefined;
    for (const ext of exts) {
      for (const id of ids) if ((ext === id || ext.startsWith(`${id}.`)) && (!best || id.length > best.length)) best = id;
      if (best) break;
    }
    if (!best) return key;
    return hint ? `${key}.${best}.${hint}` : `${key}.${best}`;
  }
}

/** A zod path of PssInput (['record', 'medications', 2, 'end']) to an editor field. */
export function fieldForInputPath(path: ReadonlyArray<PropertyKey>, record: ClinicalRecord): string {
  if (path[0] === 'choices') return 'choices';
  if (path[0] !== 'record') return 'header';
  const section = String(path[1]);
  const index = path[2];
  if (typeof index !== 'number') return section;
  const id = entryIds(record, section)[index];
  const rest = path.slice(3).map(String).join('.');
  return [section, id ?? String(index), rest].filter(Boolean).join('.');
}
