/**
 * The document-type seam: what one kind of clinical document (PSS, scheda singola vaccinazione,
 * certificato vaccinale, referto di televisita, …) contributes, so that validation, the PDF with
 * the CDA attached, signing, the outbox, versions and status are one pipeline for every type
 * (ARCHITECTURE.md §4 "documents": builders per type, one rendering).
 *
 * Pure (shared/): a type builds from its own input only. How the input is read from the record
 * (it needs the db) is the service-side registration's `fromRecord`
 * (electron/services/documents/doc-types/). How to add a type: README.md beside this file.
 */
import type { z } from 'zod';
import type { DocumentVersion } from '../../domain/document-header.ts';
import type { Patient } from '../../domain/patient.ts';
import type { Mode, TipoAttivitaClinica, TipoDocumentoLivAlto, TipologiaStruttura } from '../../gateway/enums.ts';

export type { DocumentVersion } from '../../domain/document-header.ts';

/** A table of the printed narrative (the CDA section's `<text><table>`). */
export interface PdfTable {
  headers: string[];
  rows: string[][];
}
/** A section as printed: its title, its tables and, where the narrative is prose, its paragraphs. */
export interface PdfSection {
  title: string;
  tables: PdfTable[];
  paragraphs?: string[];
}
/**
 * What the one PDF renderer (electron/services/documents/pdf/render-document.ts) prints, and
 * the PDF's own metadata. The narrative must say what the CDA narrative says (IG "human-readable
 * = narrative"): build it from the CDA tree or from the same input the CDA is built from.
 */
export interface PdfContent {
  /** Printed heading, e.g. "Profilo Sanitario Sintetico". */
  title: string;
  /** Header facts as label/value pairs (patient, doctor, document id and version, date, …). */
  facts: Array<[string, string]>;
  sections: PdfSection[];
  /** Printed at the foot of every page before "– Pagina i di n". */
  footer: string;
  /** The PDF's document information and the attachment's description. */
  info: {
    /** Info dictionary /Title. */
    title: string;
    /** /Author (the doctor's name). */
    author: string;
    /** /Subject, e.g. "Profilo Sanitario Sintetico (LOINC 60591-5)". */
    subject: string;
    /** The document's effective time (ISO with offset): creation and modification dates, so the same input gives the same bytes. */
    date: string;
    /** Description of the attached `cda.xml`, e.g. "CDA R2 del Profilo Sanitario Sintetico". */
    attachmentDescription: string;
  };
}

/**
 * Publication metadata for the FSE 2.0 gateway (FSE-GATEWAY.md §3 request body, §4 JWT claims):
 * the fields that do not come from the CDA. Per type: PSS SUM/OBS, scheda singola VAC/ERP,
 * certificato VAC/OBS (FSE-GATEWAY.md §3 accreditation table; PAEDIATRICS.md §1).
 */
export interface DocumentPublicationMetadata {
  /** `<OID>^<id>` of this version (uniqueId). */
  identificativoDoc: string;
  tipologiaStruttura: TipologiaStruttura;
  tipoDocumentoLivAlto: TipoDocumentoLivAlto;
  /** AD_PSC130 Medicina di Base, AD_PSC039 Pediatria, … */
  assettoOrganizzativo: string;
  tipoAttivitaClinica: TipoAttivitaClinica;
  /** P99 oscuramento, P97 oscurato ai genitori/tutori, vaccine ATC codes, … */
  attiCliniciRegoleAccesso: string[];
  healthDataFormat: 'CDA';
  mode: Mode;
  /** Optional body fields (dataInizioPrestazione, descriptions, …), passed through as they are. */
  extra?: Record<string, unknown>;
  /** Claims of the FSE-JWT-Signature that depend on the document. */
  jwt: {
    patient_consent: boolean;
    /** `CF^^^&OID&ISO` of the patient. */
    person_id: string;
    /** `('<LOINC>^^2.16.840.1.113883.6.1')`: must equal the CDA's first `<code>`. */
    resource_hl7_type: string;
    subject_role: 'APR';
  };
}

/** Who and what a built document is about: names, filenames, signing and the queue take it from here. */
export interface DocumentHeader {
  patient: Pick<Patient, 'identifier' | 'surname' | 'givenName'>;
  /** The author (legalAuthenticator): the signer's card must be this doctor's. */
  author: { codiceFiscale: string; name: string };
  version: DocumentVersion;
  /** ISO 8601 with offset. */
  effectiveTime: string;
}

/** What `synthetic` is asked for: the CLI's --synthetic N --seed S --date D. */
export interface SyntheticOptions {
  count: number;
  seed: number;
  /** yyyy-mm-dd: the documents' date and "today" for synthetic ages. */
  today: string;
}

/** One synthetic document's input, with what the CLI prints about it. */
export interface SyntheticDocument<I> {
  input: I;
  /** File name without extension; default `<id>-<nnnn>` (n from 1, 4 digits). */
  fileStem?: string;
  /** Facts printed first on the CLI's JSON line for this document (e.g. patient, role). */
  line?: Record<string, unknown>;
}

/**
 * One document type. `I` is the type's input: everything its CDA is built from (patient,
 * author, organisation, version, effective time, the clinical content), checked by `input`.
 * Every function is pure and deterministic: the same input gives the same bytes.
 */
export interface DocumentType<I = unknown> {
  /** Registry key and CLI --type value: lower case, e.g. `pss`, `sing-vacc`, `cert-vacc`. */
  readonly id: string;
  /** The outbox's document kind (OutboxEnqueueInput.kind), e.g. `PSS`. */
  readonly kind: string;
  readonly title: { it: string; en: string };
  /** ClinicalDocument/code (LOINC 2.16.840.1.113883.6.1). */
  readonly loinc: { code: string; display: string };
  /**
   * The FIRST ClinicalDocument/templateId: the gateway (and shared/validation/cda/select.ts)
   * chooses the schematron by its root in resources/cda/schematron/INDEX.csv.
   */
  readonly templateId: { root: string; extension?: string };
  /** The zod schema of the input (the pipeline parses with it before `build`). */
  readonly input: z.ZodType<I>;
  /** The CDA R2 XML text (UTF-8). May throw a ZodError on input `input` rejects. */
  build(input: I): string;
  /** Header facts of the document built from `input`. */
  header(input: I): DocumentHeader;
  /** Gateway publication metadata. */
  metadata(input: I): DocumentPublicationMetadata;
  /** The PDF's narrative blocks; `cda` is the XML built from `input` (reuse it rather than building again). */
  pdfContent(input: I, cda: string): PdfContent;
  /** Synthetic inputs for the CLI (`cartella documents --type id --synthetic N --seed S`). */
  synthetic(options: SyntheticOptions): Iterable<SyntheticDocument<I>>;
  /** A received CDA of this type back to data (import); absent when the type is not imported. */
  parse?(xml: string): unknown;
  /** The FHIR R4 document (Bundle) where a mapping exists; written by the CLI as `.json`. */
  fhir?(input: I): unknown;
}

/** Any registered type, whatever its input (the registry holds types of different inputs). */
export type AnyDocumentType = DocumentType<any>;
