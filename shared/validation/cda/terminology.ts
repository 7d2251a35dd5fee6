/**
 * Vocabulary check, the gateway's third step (FSE-GATEWAY.md §7 step 5, VAL TerminologySRV):
 * - every element with `@codeSystem` and `@code` is checked against the table whose file name
 *   is the code-system OID (resources/cda/terminology/<OID>.csv: version,code,description,
 *   release_date);
 * - `@codeSystemVersion` selects a version; without it the newest version is used;
 * - code systems with no table are not checked (the gateway only logs them);
 * - a table holding the single code `#WHITELIST#` marks a white-listed system: any code passes
 *   (CAT terminology/*.csv convention, "This record handles whitelisted CodeSystems");
 * - code systems whose OID has a `999`/`9999` arc are block-listed: error;
 * - an unknown code in a managed system: error (`/msg/vocabulary`).
 * Pure: tables come in as text, the document as a parsed DOM.
 */
import type { Attr, Document, Element } from 'slimdom';
import type { Issue } from '../issue.ts';
import { isoPath } from './schematron/location.ts';
import { compareVersions, splitCsvLine } from './select.ts';

export interface CodeSystemTable {
  oid: string;
  /** version label ('' when the table has none) → codes. */
  versions: Map<string, Set<string>>;
  /** The version used when the document gives no codeSystemVersion. */
  newest: string;
  /** Any code is accepted (the table is a `#WHITELIST#` marker). */
  whitelisted: boolean;
}

export const WHITELIST_MARKER = '#WHITELIST#';

export type TerminologyTables = ReadonlyMap<string, CodeSystemTable>;

export function parseCodeSystemCsv(oid: string, csv: string): CodeSystemTable {
  const lines = csv.split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '');
  const iVersion = header.indexOf('version');
  const iCode = header.indexOf('code');
  const iDate = header.indexOf('release_date');
  if (iCode < 0) throw new Error(`terminology ${oid}: no "code" column`);
  const versions = new Map<string, Set<string>>();
  const released = new Map<string, string>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    const f = splitCsvLine(line);
    const version = iVersion >= 0 ? (f[iVersion] ?? '') : '';
    const code = f[iCode] ?? '';
    let set = versions.get(version);
    if (!set) versions.set(version, (set = new Set()));
    set.add(code);
    const date = iDate >= 0 ? (f[iDate] ?? '') : '';
    if (date > (released.get(version) ?? '')) released.set(version, date);
  }
  let newest = '';
  let newestDate = '';
  let first = true;
  for (const v of versions.keys()) {
    const d = released.get(v) ?? '';
    if (first || d > newestDate || (d === newestDate && compareVersions(v, newest) > 0)) {
      newest = v;
      newestDate = d;
      first = false;
    }
  }
  const whitelisted = [...versions.values()].some((set) => set.has(WHITELIST_MARKER));
  return { oid, versions, newest, whitelisted };
}

/** True for OIDs the gateway block-lists: any arc equal to 999 or 9999. */
export function isBlockListedCodeSystem(oid: string): boolean {
  return oid.split('.').some((arc) => arc === '999' || arc === '9999');
}

export interface TerminologyResult {
  issues: Issue[];
  /** Number of coded elements checked against a table. */
  checked: number;
}

/**
 * `elements`: every element of `doc` in document order when the caller has them (the
 * parser's document index, ParsedCda.index), instead of a walk over the tree; the issues
 * come in the same order either way.
 */
export function checkTerminology(doc: Document, tables: TerminologyTables, elements?: readonly Element[]): TerminologyResult {
  const issues: Issue[] = [];
  let checked = 0;
  // A document repeats a handful of code systems on hundreds of elements.
  const blocked = new Map<string, boolean>();
  const check = (el: Element): void => {
    // The three attributes in one pass (getAttribute scans the list once per name): the first
    // attribute with each qualified name, as getAttribute returns.
    let system: string | null = null;
    let code: string | null = null;
    let requested: string | null = null;
    const attrs = el.attributes;
    for (let k = 0; k < attrs.length; k++) {
      const a = attrs[k] as Attr;
      const name = a.name;
      if (name === 'codeSystem') system ??= a.value;
      else if (name === 'code') code ??= a.value;
      else if (name === 'codeSystemVersion') requested ??= a.value;
    }
    if (system !== null && code !== null) {
      let isBlocked = blocked.get(system);
      if (isBlocked === undefined) blocked.set(system, (isBlocked = isBlockListedCodeSystem(system)));
      if (isBlocked) {
        issues.push({
          severity: 'error',
          source: 'terminology',
          code: 'DIZ_CODESYSTEM_BLOCKED',
          location: isoPath(el),
          message: `Il sistema di codifica '${system}' non è ammesso (OID di test con arco 999/9999)`,
          context: el.localName,
        });
      } else {
        const table = tables.get(system);
        if (table && !table.whitelisted) {
          checked++;
          const version = requested !== null && table.versions.has(requested) ? requested : table.newest;
          const known = requested !== null && !table.versions.has(requested)
            ? [...table.versions.values()].some((s) => s.has(code))
            : (table.versions.get(version)?.has(code) ?? false);
          if (!known) {
            issues.push({
              severity: 'error',
              source: 'terminology',
              code: 'DIZ_CODE_UNKNOWN',
              location: isoPath(el),
              message: `Il codice '${code}' non è presente nel sistema di codifica '${system}'${requested !== null ? ` versione '${requested}'` : ''}`,
              context: el.localName,
            });
          }
        }
      }
    }
  };
  if (elements) {
    for (const el of elements) check(el);
  } else {
    const visit = (el: Element): void => {
      check(el);
      // Element children without the array `children` builds on each call.
      for (let c = el.firstElementChild; c !== null; c = c.nextElementSibling) visit(c);
    };
    if (doc.documentElement) visit(doc.documentElement);
  }
  return { issues, checked };
}
