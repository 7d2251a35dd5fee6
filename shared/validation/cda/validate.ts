/**
 * The gateway's three CDA checks combined into one verdict (FSE-GATEWAY.md §7;
 * CDA-VALIDATION.md §1): XSD (set by typeId), schematron (file by the first templateId root;
 * failed assert = error, successful report = warning), terminology. Pure: the XSD outcome is
 * computed by the caller (libxml2 runs on the node side) and passed in.
 */
import type { Document } from 'slimdom';
import type { Issue } from '../issue.ts';
import type { PreparedSchematron } from './prepare.ts';
import { runSchematron, type SvrlEntry, type SvrlResult } from './schematron/run.ts';
import { readCdaHeader, selectSchematron, selectXsdSet, type CdaHeader, type SchematronIndexEntry, type XsdSetName } from './select.ts';
import { checkTerminology, type TerminologyTables } from './terminology.ts';
import { decodeXml, detectXmlEncoding, toUtf8Xml, XmlEncodingError } from '../../xml/decode.ts';
import { XmlTooDeepError } from '../../xml/limits.ts';
import { parseXmlIndexed } from './xml.ts';
import type { DocIndex } from './schematron/doc-index.ts';
import { xsdIssues, type XsdOutcome } from './xsd.ts';

export interface CdaRules {
  index: readonly SchematronIndexEntry[];
  /** Prepared (compiled) schematron for an INDEX.csv file; the caller caches. */
  schematron(file: string): PreparedSchematron;
  terminology: TerminologyTables;
}

export interface CdaValidationResult {
  valid: boolean;
  xsd: { set: string | null; valid: boolean | null; errors: number };
  schematron: { file: string | null; failedAsserts: number; successfulReports: number };
  terminology: { errors: number; checked: number };
  issues: Issue[];
  /** Raw SVRL-like output, for diagnosis and parity tests. */
  svrl: SvrlResult | null;
}

/** Why a CDA could not be read: its own issue code each. */
export type CdaReadProblem = 'XML_NOT_WELL_FORMED' | 'XML_TOO_DEEP' | 'XML_ENCODING_UNSUPPORTED' | 'XML_ENCODING_INVALID';

/** A decoded and parsed CDA, ready for the three checks. */
export interface ParsedCda {
  text: string;
  /**
   * The text as UTF-8 with its declaration saying so, for libxml2 (which reads only UTF-8,
   * UTF-16 and Latin-1); null when the bytes could not be decoded.
   */
  utf8: Uint8Array | null;
  doc: Document | null;
  /**
   * The schematron run's index of `doc`, built by the parser (null when slimdom's parser
   * built the tree). Valid because nothing changes the tree between parseCda and checkRules:
   * CdaValidator.validateXml, the one caller of both, only hands `utf8` to the XSD thread and
   * reads the tree afterwards (xsdIssues); the schematron and terminology checks only read it.
   * Code that edits `doc` must set `index` to null.
   */
  index: DocIndex | null;
  parseError: string | null;
  parseErrorCode: CdaReadProblem | null;
  header: CdaHeader;
  xsdSet: XsdSetName | null;
}

/**
 * UTF-8 without a byte order mark, declared as UTF-8 or not declared: once decodeXml has
 * read it (its decoder rejects invalid bytes), re-encoding gives the same bytes back, so
 * libxml2 gets a plain copy of these instead (a tenth of a PSS parse saved). A copy, not the
 * caller's array: that may be a view into a larger buffer (an attachment inside its PDF),
 * which postMessage would clone whole, or be reused by the caller.
 */
function alreadyUtf8(bytes: Uint8Array): boolean {
  const e = detectXmlEncoding(bytes);
  return e.start === 0 && e.encoding === 'utf-8' && (e.declared === null || e.declared === 'utf-8');
}

export function parseCda(bytes: Uint8Array): ParsedCda {
  let text = '';
  let utf8: Uint8Array | null = null;
  try {
    text = decodeXml(bytes);
    utf8 = alreadyUtf8(bytes) ? bytes.slice() : toUtf8Xml(text);
    const { doc, index } = parseXmlIndexed(text);
    const header = readCdaHeader(doc);
    return { text, utf8, doc, index, parseError: null, parseErrorCode: null, header, xsdSet: selectXsdSet(header) };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const code: CdaReadProblem =
      e instanceof XmlTooDeepError
        ? 'XML_TOO_DEEP'
        : e instanceof XmlEncodingError
          ? e.problem === 'unsupported'
            ? 'XML_ENCODING_UNSUPPORTED'
            : 'XML_ENCODING_INVALID'
          : 'XML_NOT_WELL_FORMED';
    return { text, utf8, doc: null, index: null, parseError: message, parseErrorCode: code, header: { typeIdExtension: null, templateIdRoots: [] }, xsdSet: null };
  }
}

/** `ERRORE-5| L'elemento …` → `ERRORE-5` (FSE schematrons put the id in the message). */
export function checkCode(entry: SvrlEntry): string {
  if (entry.id) return entry.id;
  const m = /^\s*([A-Za-z][\w.-]*)\s*\|/.exec(entry.text);
  return m?.[1] ?? (entry.kind === 'failed-assert' ? 'ASSERT' : 'REPORT');
}

function svrlIssue(entry: SvrlEntry): Issue {
  const issue: Issue = {
    severity: entry.kind === 'failed-assert' ? 'error' : 'warning',
    source: 'schematron',
    code: checkCode(entry),
    location: entry.location,
    message: entry.text,
    context: entry.context,
    test: entry.test,
  };
  if (entry.diagnostics.length > 0) issue.diagnostics = entry.diagnostics;
  return issue;
}

export interface ValidateOptions {
  /** Maps an issue location to a form field name, when the form layer knows it. */
  fieldFor?: (issue: Issue) => string | undefined;
}

/** The schematron and terminology checks of a parsed CDA: everything but the XSD. */
export interface RuleChecks {
  file: string | null;
  svrl: SvrlResult | null;
  /** Schematron issues, then terminology issues. */
  issues: Issue[];
  terminology: { errors: number; checked: number };
}

export function checkRules(cda: ParsedCda, rules: CdaRules): RuleChecks {
  const issues: Issue[] = [];
  let svrl: SvrlResult | null = null;
  let file: string | null = null;
  if (cda.doc !== null) {
    const entry = selectSchematron(cda.header, rules.index);
    if (entry === null) {
      // Gateway wording (VAL, SEMANTIC_ERROR): FSE-GATEWAY.md §7 step 2.
      issues.push({
        severity: 'error',
        source: 'schematron',
        code: 'SCHEMATRON_NOT_FOUND',
        location: "/*:ClinicalDocument[namespace-uri()='urn:hl7-org:v3'][1]",
        message: `Schematron with template id root ${cda.header.templateIdRoots[0] ?? ''} not found on database`,
        context: 'templateId',
      });
    } else {
      file = entry.file;
      const prepared = rules.schematron(entry.file);
      svrl = runSchematron(cda.doc, prepared.compiled, prepared.options, { index: cda.index });
      for (const e of svrl.failedAsserts) issues.push(svrlIssue(e));
      for (const e of svrl.successfulReports) issues.push(svrlIssue(e));
      for (const d of svrl.dynamicErrors) {
        // Saxon aborts the whole transform on a dynamic error: the document cannot pass
        // (CDA-VALIDATION.md §9 "string() on several nodes").
        issues.push({ severity: 'error', source: 'schematron', code: 'XPATH_DYNAMIC_ERROR', location: d.location, message: d.message, context: d.context });
      }
    }
  }

  let terminology = { errors: 0, checked: 0 };
  if (cda.doc !== null) {
    const t = checkTerminology(cda.doc, rules.terminology, cda.index?.elements);
    issues.push(...t.issues);
    terminology = { errors: t.issues.length, checked: t.checked };
  }
  return { file, svrl, issues, terminology };
}

/**
 * The verdict from the three checks, the XSD computed apart (in libxml2, possibly while the
 * rules ran): the parse problem, the XSD issues, then the schematron and terminology issues.
 */
export function combineChecks(cda: ParsedCda, xsd: XsdOutcome, checks: RuleChecks, options: ValidateOptions = {}): CdaValidationResult {
  const issues: Issue[] = [];
  if (cda.doc === null) {
    issues.push({ severity: 'error', source: 'parse', code: cda.parseErrorCode ?? 'XML_NOT_WELL_FORMED', location: '', message: cda.parseError ?? 'XML non leggibile', context: '' });
  }
  issues.push(...xsdIssues(xsd.errors, cda.doc, cda.text));
  if (cda.doc !== null && xsd.set === null) {
    issues.push({
      severity: 'error',
      source: 'xsd',
      code: 'XSD_SCHEMA_NOT_FOUND',
      location: "/*:ClinicalDocument[namespace-uri()='urn:hl7-org:v3'][1]",
      message: `Nessuno schema XSD per typeId/@extension '${cda.header.typeIdExtension ?? ''}'`,
      context: 'typeId',
    });
  }
  issues.push(...checks.issues);

  if (options.fieldFor) {
    for (const issue of issues) {
      const field = options.fieldFor(issue);
      if (field !== undefined) issue.field = field;
    }
  }
  const valid = !issues.some((i) => i.severity === 'error');
  const svrl = checks.svrl;
  return {
    valid,
    xsd: { set: xsd.set, valid: xsd.valid, errors: xsd.errors.length },
    schematron: { file: checks.file, failedAsserts: svrl?.failedAsserts.length ?? 0, successfulReports: svrl?.successfulReports.length ?? 0 },
    terminology: checks.terminology,
    issues,
    svrl,
  };
}

export function validateParsedCda(cda: ParsedCda, xsd: XsdOutcome, rules: CdaRules, options: ValidateOptions = {}): CdaValidationResult {
  return combineChecks(cda, xsd, checkRules(cda, rules), options);
}
