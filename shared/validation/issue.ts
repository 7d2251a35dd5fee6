/**
 * One finding of a validator, as data (never an exception). Shared by the CDA validator
 * (XSD, schematron, terminology) and, later, by FHIR and business-rule validators, so the
 * fields stay generic: `source` says which checker produced it, `code` is that checker's own
 * identifier (schematron assert id such as `ERRORE-5`, libxml2 error code such as
 * `XSD_ELEMENT_NOT_EXPECTED`, terminology code such as `DIZ_UNKNOWN_CODE`).
 */
export type IssueSeverity = 'error' | 'warning' | 'info';

export type IssueSource = 'xsd' | 'schematron' | 'terminology' | 'fhir' | 'business' | 'parse';

export interface Issue {
  severity: IssueSeverity;
  source: IssueSource;
  /** The checker's identifier: assert/report id, XSD error code, terminology error code. */
  code: string;
  /** XPath of the offending node (ISO-schematron SVRL style for CDA), '' when unknown. */
  location: string;
  /** The checker's own message, unchanged (schematron messages stay in Italian as written). */
  message: string;
  /** The rule context (schematron `rule/@context`) or the XSD element concerned. */
  context: string;
  /** Form field the issue concerns, when a mapping is known (filled by the form layer). */
  field?: string;
  /** Schematron assert/report test, for diagnosis (not shown to the doctor). */
  test?: string;
  /** Schematron diagnostics texts referenced by the assert (ISO Schematron §5.4.4). */
  diagnostics?: string[];
  /** 1-based line in the source document, when the checker reports one (libxml2 does). */
  line?: number;
}

/** True when no issue is an error: warnings and infos do not block (FSE gateway semantics). */
export function hasNoErrors(issues: readonly Issue[]): boolean {
  return !issues.some((i) => i.severity === 'error');
}
