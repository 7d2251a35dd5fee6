/**
 * The CDA validator on the node side (main process worker, node host, gateway simulator, CLI):
 * loads resources/cda once, prepares each schematron at its first use and keeps it, runs the
 * XSD in libxml2-wasm and the schematron/terminology checks in-process.
 */
import { AppError } from '../../../shared/errors/index.ts';
import { prepareSchematron, type PreparedSchematron } from '../../../shared/validation/cda/prepare.ts';
import type { SchematronIndexEntry } from '../../../shared/validation/cda/select.ts';
import type { TerminologyTables } from '../../../shared/validation/cda/terminology.ts';
import {
  checkRules,
  combineChecks,
  parseCda,
  type CdaRules,
  type CdaValidationResult,
  type ParsedCda,
  type ValidateOptions,
} from '../../../shared/validation/cda/validate.ts';
import type { XsdOutcome } from '../../../shared/validation/cda/xsd.ts';
import { isPdf } from '../../../shared/files/sniff.ts';
import { extractCdaFromPdf, type PdfCdaMode } from '../../../shared/validation/cda/pdf.ts';
import { CdaResources, defaultCdaResourcesDir } from './resources.ts';
import { XsdRunner } from './xsd-runner.ts';

export interface CdaValidatorOptions {
  resourcesDir?: string;
  /** Skip the XSD step (schematron + terminology only), e.g. for timing the evaluator. */
  skipXsd?: boolean;
}

export class CdaValidator implements CdaRules {
  readonly index: SchematronIndexEntry[];
  readonly terminology: TerminologyTables;
  private readonly prepared = new Map<string, PreparedSchematron>();
  private readonly runners = new Map<string, XsdRunner>();

  private constructor(private readonly resources: CdaResources, private readonly options: CdaValidatorOptions) {
    this.index = resources.schematronIndex();
    this.terminology = resources.terminologyTables();
  }

  static create(options: CdaValidatorOptions = {}): CdaValidator {
    return new CdaValidator(new CdaResources(options.resourcesDir ?? defaultCdaResourcesDir()), options);
  }

  /** Prepared schematron, compiled at first use (CdaRules). */
  schematron(file: string): PreparedSchematron {
    let p = this.prepared.get(file);
    if (!p) {
      p = prepareSchematron(file, this.resources.schematronText(file));
      this.prepared.set(file, p);
    }
    return p;
  }

  /** Prepare every schematron now (startup warm-up); returns ms spent. */
  prepareAll(): number {
    const t = performance.now();
    for (const e of this.index) this.schematron(e.file);
    return performance.now() - t;
  }

  private runner(set: string): XsdRunner {
    let r = this.runners.get(set);
    if (!r) {
      r = new XsdRunner(set, this.resources.xsdFiles(set));
      this.runners.set(set, r);
    }
    return r;
  }

  /** Ends the XSD threads (they hold the process only while a document is being checked). */
  async close(): Promise<void> {
    await Promise.all([...this.runners.values()].map((r) => r.close()));
    this.runners.clear();
  }

  /**
   * The XSD step of a parsed CDA, in its schema set's thread: libxml2 gets the document
   * re-encoded as UTF-8 (ParsedCda.utf8), one decoding path.
   */
  private async xsd(cda: ParsedCda): Promise<XsdOutcome> {
    if (cda.utf8 !== null && !this.options.skipXsd) {
      if (cda.xsdSet !== null) {
        const errors = await this.runner(cda.xsdSet).validate(cda.utf8);
        return { set: cda.xsdSet, valid: errors.length === 0, errors };
      }
      if (cda.parseErrorCode === 'XML_NOT_WELL_FORMED') {
        // Not well-formed: libxml2's parser message is the most useful one for the user.
        const errors = await this.runner('POCD_MT000040UV02').validate(cda.utf8);
        return { set: null, valid: false, errors };
      }
    }
    return { set: cda.xsdSet, valid: null, errors: [] };
  }

  /** Validate CDA XML bytes: the XSD runs in its thread while the schematron and terminology run here. */
  async validateXml(bytes: Uint8Array, options: ValidateOptions = {}): Promise<CdaValidationResult> {
    // The XSD job is posted after the parse, not before: its schema set is the parsed
    // typeId/@extension (select.ts), and posting earlier would only overlap libxml2 with the
    // ~1.5 ms parse, saving no CPU on this thread, which is the longer of the two (~7 ms against
    // ~2.3 ms for the PSS), at the price of a second, cheaper reading of the header.
    const cda = parseCda(bytes);
    const xsd = this.xsd(cda);
    xsd.catch(() => undefined); // awaited below; not an unhandled rejection while the rules run
    const checks = checkRules(cda, this);
    return combineChecks(cda, await xsd, checks, options);
  }

  /**
   * Validate a file's bytes: a PDF has its CDA extracted first (RESOURCE, then ATTACHMENT,
   * as the gateway with `mode` omitted); anything else is taken as CDA XML.
   */
  async validateFile(bytes: Uint8Array, options: ValidateOptions & { mode?: PdfCdaMode } = {}): Promise<CdaValidationResult> {
    if (!isPdf(bytes)) return this.validateXml(bytes, options);
    const extracted = await extractCdaFromPdf(bytes, options.mode).catch((e: unknown) => {
      // pdf-lib's own errors (a truncated or damaged file) are a refusal, not a failure of ours.
      throw new AppError('INVALID_INPUT', `PDF not readable: ${e instanceof Error ? e.message : String(e)}`, {
        issues: [{ path: 'file', message: 'Il PDF è danneggiato o non leggibile' }],
      });
    });
    if (!extracted) {
      throw new AppError('INVALID_INPUT', 'PDF without an embedded CDA (cda.xml attachment or XFA datasets)', {
        issues: [{ path: 'file', message: 'Il PDF non contiene un CDA (allegato cda.xml o risorsa XFA datasets)' }],
      });
    }
    return this.validateXml(extracted.bytes, options);
  }
}
