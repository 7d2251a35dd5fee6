/**
 * XSD results as Issues. The XSD itself runs in libxml2 (xmllint-wasm, node side:
 * electron/services/validation/xsd-runner.ts), exactly the gateway's and the referee's
 * validator family (CDA-VALIDATION.md §4, §7). This pure part turns libxml2's messages into
 * Issues with an XPath, found from the reported line and element name.
 */
import type { Document, Element } from 'slimdom';
import type { Issue } from '../issue.ts';
import { isoPath } from './schematron/location.ts';

/** One libxml2 message for one document. */
export interface XsdError {
  /** 1-based line libxml2 reports, null when it gives none. */
  line: number | null;
  /** libxml2's message, without the `file:line:` prefix (e.g. "Schemas validity error : Element …"). */
  message: string;
}

export interface XsdOutcome {
  /** Schema set used, null when typeId/@extension names none (then not checked). */
  set: string | null;
  /** null when not checked. */
  valid: boolean | null;
  errors: XsdError[];
}

/**
 * Split xmllint's stderr for a batch into per-file messages. Lines look like
 * `name:12: Schemas validity error : Element '{urn:hl7-org:v3}code': …`, parser errors are
 * followed by two context lines (source excerpt, caret) which are dropped; the summary lines
 * `name validates` / `name fails to validate` are dropped too.
 */
export function splitXmllintOutput(raw: string, fileNames: readonly string[]): Map<string, XsdError[]> {
  const out = new Map<string, XsdError[]>(fileNames.map((f) => [f, []]));
  // Longest names first so that a name that is a prefix of another does not steal its lines.
  const names = [...fileNames].sort((a, b) => b.length - a.length);
  for (const line of raw.split('\n')) {
    for (const name of names) {
      if (!line.startsWith(`${name}:`)) continue;
      const rest = line.slice(name.length + 1);
      const m = /^(\d+): (.*)$/.exec(rest);
      if (m) out.get(name)?.push({ line: Number(m[1]), message: (m[2] ?? '').trim() });
      else if (rest.trim() !== '') out.get(name)?.push({ line: null, message: rest.trim() });
      break;
    }
  }
  return out;
}

/** A stable code per libxml2 message family (libxml2 xmlschemas.c wording). */
export function xsdErrorCode(message: string): string {
  if (/parser error/i.test(message)) return 'XML_PARSE_ERROR';
  if (/This element is not expected/.test(message)) return 'XSD_ELEMENT_NOT_EXPECTED';
  if (/Missing child element/.test(message)) return 'XSD_MISSING_CHILD_ELEMENT';
  if (/attribute '[^']*' is required but missing/.test(message)) return 'XSD_ATTRIBUTE_REQUIRED';
  if (/attribute '[^']*' is not allowed/.test(message)) return 'XSD_ATTRIBUTE_NOT_ALLOWED';
  if (/\[facet '/.test(message)) return 'XSD_FACET_VIOLATION';
  if (/is not a valid value/.test(message)) return 'XSD_INVALID_VALUE';
  if (/No matching global declaration/.test(message)) return 'XSD_NO_GLOBAL_DECLARATION';
  if (/Character content other than whitespace is not allowed/.test(message)) return 'XSD_TEXT_NOT_ALLOWED';
  return 'XSD_ERROR';
}

interface TagLine {
  start: number;
  end: number;
}

/** Line of each element's start tag (first and last line), in document order. */
export function startTagLines(text: string): TagLine[] {
  const lines: TagLine[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  const advance = (to: number): void => {
    for (; i < to && i < n; i++) if (text.charCodeAt(i) === 10) line++;
  };
  while (i < n) {
    const lt = text.indexOf('<', i);
    if (lt < 0) break;
    advance(lt);
    if (text.startsWith('<!--', i)) {
      const e = text.indexOf('-->', i);
      advance(e < 0 ? n : e + 3);
    } else if (text.startsWith('<![CDATA[', i)) {
      const e = text.indexOf(']]>', i);
      advance(e < 0 ? n : e + 3);
    } else if (text.startsWith('<?', i)) {
      const e = text.indexOf('?>', i);
      advance(e < 0 ? n : e + 2);
    } else if (text.startsWith('<!', i)) {
      const e = text.indexOf('>', i);
      advance(e < 0 ? n : e + 1);
    } else if (text.startsWith('</', i)) {
      const e = text.indexOf('>', i);
      advance(e < 0 ? n : e + 1);
    } else {
      const start = line;
      // Find the tag end, skipping quoted attribute values (which may contain '>').
      let j = i + 1;
      let quote = 0;
      for (; j < n; j++) {
        const c = text.charCodeAt(j);
        if (quote !== 0) {
          if (c === quote) quote = 0;
        } else if (c === 34 || c === 39) quote = c;
        else if (c === 62) break;
      }
      advance(j + 1);
      lines.push({ start, end: line });
    }
  }
  return lines;
}

function allElements(doc: Document): Element[] {
  const out: Element[] = [];
  const walk = (el: Element): void => {
    out.push(el);
    for (const c of el.children) walk(c);
  };
  if (doc.documentElement) walk(doc.documentElement);
  return out;
}

/** The `{ns}local` libxml2 names in "Element '{ns}local'" (null when absent). */
function reportedElement(message: string): { ns: string | null; local: string } | null {
  const m = /Element '(?:\{([^}]*)\})?([^']+)'/.exec(message);
  return m ? { ns: m[1] ?? null, local: m[2] ?? '' } : null;
}

/** Turn libxml2 messages into Issues, locating each on the element at the reported line. */
export function xsdIssues(errors: readonly XsdError[], doc: Document | null, text: string): Issue[] {
  let pairs: { el: Element; tag: TagLine }[] | null = null;
  const locate = (err: XsdError): Element | null => {
    if (doc === null || err.line === null) return null;
    if (pairs === null) {
      const els = allElements(doc);
      const tags = startTagLines(text);
      pairs = els.length === tags.length ? els.map((el, k) => ({ el, tag: tags[k] as TagLine })) : [];
    }
    const name = reportedElement(err.message);
    const line = err.line;
    const matches = pairs.filter(
      (p) => line >= p.tag.start && line <= p.tag.end && (name === null || (p.el.localName === name.local && (p.el.namespaceURI ?? null) === name.ns)),
    );
    return matches[matches.length - 1]?.el ?? null;
  };
  return errors.map((err) => {
    const el = locate(err);
    const name = reportedElement(err.message);
    const issue: Issue = {
      severity: 'error',
      source: 'xsd',
      code: xsdErrorCode(err.message),
      location: el ? isoPath(el) : '',
      message: err.message,
      context: name ? (name.ns ? `{${name.ns}}${name.local}` : name.local) : '',
    };
    if (err.line !== null) issue.line = err.line;
    return issue;
  });
}
