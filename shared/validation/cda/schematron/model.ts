/**
 * In-memory model of an ISO Schematron schema (ISO/IEC 19757-3), after include-free parsing,
 * abstract-pattern instantiation and abstract-rule expansion. Only what the xslt2 query
 * binding needs to evaluate asserts and reports is kept.
 */

/** A `<let>`: either an XPath `value`, or an XPath translated from an XSLT body (§8 rule 3). */
export interface SchLet {
  name: string;
  /** XPath 3.1 expression giving the variable's value. */
  expr: string;
}

/** One piece of an assert/report message: literal text, `<name/>` or `<value-of select>`. */
export type SchMessagePart =
  | { kind: 'text'; text: string }
  | { kind: 'name'; path: string | null }
  | { kind: 'value-of'; select: string };

export interface SchCheck {
  kind: 'assert' | 'report';
  id: string | null;
  test: string;
  role: string | null;
  flag: string | null;
  message: SchMessagePart[];
  /** Ids of `<diagnostic>` elements referenced by `@diagnostics`. */
  diagnostics: string[];
}

/** Rule children in document order: lets and checks interleave (lets may follow asserts). */
export type SchRuleItem = { kind: 'let'; let: SchLet } | { kind: 'check'; check: SchCheck };

export interface SchRule {
  context: string;
  id: string | null;
  items: SchRuleItem[];
}

export interface SchPattern {
  id: string | null;
  lets: SchLet[];
  rules: SchRule[];
}

export interface SchDiagnostic {
  id: string;
  message: SchMessagePart[];
}

export interface SchSchema {
  queryBinding: string;
  title: string;
  /** prefix → namespace URI from `<ns>`. */
  namespaces: Record<string, string>;
  lets: SchLet[];
  patterns: SchPattern[];
  /** phase id → active pattern ids. */
  phases: Record<string, string[]>;
  defaultPhase: string | null;
  diagnostics: Record<string, SchDiagnostic>;
}
