/**
 * One pipeline for every document type (shared/documents/doc-types): for {type, patientId,
 * input?} build (the type's builder, from the record through its service registration or from
 * a given input) → validate (the validation worker: XSD + the schematron selected by the CDA's
 * first templateId, as the gateway does, + terminology) → PDF with the CDA attached (one
 * renderer) → signing batch (prepared versions, the PDF for SignDialog) → outbox.enqueue with the
 * type's metadata and `typedDocumentId` → versions (a new version replaces the last signed one:
 * relatedDocument RPLC) → status. The PSS keeps its own versions (pss_documents, drafts and
 * confirmation) and uses the shared steps (`signingItem`, `renderPdf`) from pss-service.ts.
 */
import { ZodError } from 'zod';
import type { AppContract } from '../../../shared/api/index.ts';
import type { DocTypeInfo, DocTypePreview, SigningBatchItem } from '../../../shared/api/documents-pipeline.ts';
import type { DoctorProfile } from '../../../shared/api/profile.ts';
import type { AnyDocumentType, DocumentPublicationMetadata, DocumentVersion } from '../../../shared/documents/doc-types/index.ts';
import { AppError } from '../../../shared/errors/index.ts';
import { isoWithOffset } from '../../../shared/format/clinical-time.ts';
import type { Handlers } from '../../../shared/rpc/index.ts';
import type { Issue } from '../../../shared/validation/issue.ts';
import { selectSchematron, type SchematronIndexEntry } from '../../../shared/validation/cda/select.ts';
import type { DbClient } from '../db/client.ts';
import type { RecordAuthor } from '../record/author.ts';
import { clinicalTimeZone } from '../settings/settings-service.ts';
import type { CdaValidationWorker } from '../validation/worker-client.ts';
import type { ServiceDocumentType } from './doc-types/index.ts';

/**
 * The two registries (the shared types and their record sources), loaded at the first document
 * call: they bring every builder and parser with them (the PSS parser loads @xmldom/xmldom), none
 * of which the first page needs, so they stay off the host's start (bench "node host start").
 */
async function registries() {
  const [shared, service] = await Promise.all([import('../../../shared/documents/doc-types/index.ts'), import('./doc-types/index.ts')]);
  return { getDocumentType: shared.getDocumentType, listDocumentTypes: shared.listDocumentTypes, serviceDocumentType: service.serviceDocumentType };
}

type PipelineHandlers = Pick<Handlers<AppContract>, 'doctypes.list' | 'doctypes.preview' | 'doctypes.validate' | 'doctypes.status' | 'doctypes.signingBatch'>;

/** Types whose versions live elsewhere (the PSS: drafts and confirmation in pss_documents, pss.* methods). */
const OWN_VERSIONS = new Set(['pss']);

/** The PDF with `cda` attached, printing the type's content for `input`. */
export async function renderPdf(type: AnyDocumentType, input: unknown, cda: string): Promise<Uint8Array> {
  // Loaded on first use, as pss-service.ts does: pdf-lib costs a cold start ~100 ms of module loading.
  const { renderDocumentPdf } = await import('./pdf/render-document.ts');
  return (await renderDocumentPdf(type.pdfContent(input, cda), cda)).pdf;
}

/** The gateway request body of a version (FSE-GATEWAY.md §3): the type's metadata and the submission/repository ids. */
export function publicationBody(m: DocumentPublicationMetadata, documentId: string): Record<string, unknown> {
  return {
    tipologiaStruttura: m.tipologiaStruttura, tipoDocumentoLivAlto: m.tipoDocumentoLivAlto, assettoOrganizzativo: m.assettoOrganizzativo,
    tipoAttivitaClinica: m.tipoAttivitaClinica, attiCliniciRegoleAccesso: m.attiCliniciRegoleAccesso, healthDataFormat: m.healthDataFormat,
    mode: m.mode, identificativoSottomissione: `SUB.${documentId}`.slice(0, 100), identificativoRep: `REP.${documentId}`.slice(0, 100),
    ...(m.extra ?? {}),
  };
}

/**
 * A version ready for SignDialog → outbox.enqueue: the PDF printing `input` with `cda` (the
 * stored bytes) attached, its name and title, create or replace, and the publication metadata.
 */
export async function signingItem(type: AnyDocumentType, patientId: string, input: unknown, cda: string): Promise<SigningBatchItem> {
  const h = type.header(input);
  const v = h.version;
  return {
    patientId,
    documentId: v.documentId,
    kind: type.kind,
    versionNumber: v.versionNumber,
    name: `${type.kind}-${h.patient.identifier}-v${v.versionNumber}.pdf`,
    title: `${type.title.it} – ${h.patient.surname} ${h.patient.givenName} (v${v.versionNumber})`,
    pdfBase64: Buffer.from(await renderPdf(type, input, cda)).toString('base64'),
    author: h.author,
    operation: v.versionNumber > 1 ? 'replace' : 'create',
    metadata: publicationBody(type.metadata(input), v.documentId),
  };
}

/** The rules file the gateway would apply to documents of `type` (its templateId root in INDEX.csv), null when none. */
export function schematronFor(type: AnyDocumentType, index: readonly SchematronIndexEntry[]): SchematronIndexEntry | null {
  return selectSchematron({ typeIdExtension: 'POCD_MT000040UV02', templateIdRoots: [type.templateId.root] }, index);
}

/** The root of the CDA's first templateId (the header's: it comes before any section). */
export function firstTemplateIdRoot(cda: string): string | undefined {
  return /<templateId\b[^>]*\broot="([^"]+)"/.exec(cda)?.[1];
}

export function inputIssues(e: ZodError): Issue[] {
  return e.issues.map((z) => ({ severity: 'error', source: 'business', code: 'INPUT', location: '', message: z.message, context: z.path.join('.') }));
}

export interface PipelineOptions {
  profile(): Promise<DoctorProfile>;
  author: RecordAuthor;
  validator: () => CdaValidationWorker;
  /** INDEX.csv rows, for doctypes.list (the schematron each type selects). */
  schematronIndex?: () => readonly SchematronIndexEntry[];
}

interface Built {
  type: AnyDocumentType;
  input: unknown;
  version: DocumentVersion;
  cda: string;
  issues: Issue[];
  ms: DocTypePreview['ms'];
}

export function documentPipeline(db: DbClient, o: PipelineOptions) {
  async function typeOf(id: string): Promise<AnyDocumentType> {
    const t = (await registries()).getDocumentType(id);
    if (!t) throw new AppError('NOT_FOUND', `Unknown document type ${id}`, { entity: 'doctype', id });
    return t;
  }
  async function registrationOf(t: AnyDocumentType): Promise<ServiceDocumentType<unknown>> {
    const r = (await registries()).serviceDocumentType(t.id);
    if (!r) throw new AppError('NOT_FOUND', `Document type ${t.id} is built from a given input only`, { entity: 'doctypeRegistration', id: t.id });
    return r;
  }
  function ownVersionsRefused(t: AnyDocumentType): void {
    if (OWN_VERSIONS.has(t.id)) throw new AppError('CONFLICT', `${t.title.it}: versions through its own methods`, { entity: 'doctype', field: 'type' });
  }

  async function validateCda(cda: string): Promise<Issue[]> {
    const result = await o.validator().validate(new TextEncoder().encode(cda));
    return result.issues.map((i) => {
      const { test: _t, diagnostics: _d, line: _l, ...rest } = i;
      return rest;
    });
  }

  async function nextVersion(t: AnyDocumentType, patientId: string, subject: string | undefined): Promise<DocumentVersion> {
    if (t.id === 'pss') return (await db.call('pss.status', { patientId })).next;
    return (await db.call('typed.status', { type: t.id, patientId, subject, idPrefix: t.kind })).next;
  }

  /** Builds and validates; input problems come back as issues, never as an exception. */
  async function build(typeId: string, target: { patientId: string; subject?: string | undefined; options?: Record<string, unknown> | undefined; input?: unknown }): Promise<Built> {
    const type = await typeOf(typeId);
    const ms = { build: 0, validate: 0, pdf: 0 };
    const t0 = performance.now();
    let input: unknown;
    let version: DocumentVersion;
    try {
      if (target.input !== undefined) {
        input = type.input.parse(target.input);
        version = type.header(input).version;
      } else {
        const reg = await registrationOf(type);
        const [patient, profile, zone] = await Promise.all([db.call('patients.get', { id: target.patientId }), o.profile(), clinicalTimeZone(db)]);
        version = await nextVersion(type, target.patientId, target.subject);
        input = type.input.parse(await reg.fromRecord({ db, patient, profile, version, effectiveTime: isoWithOffset(new Date(), zone), subject: target.subject, options: target.options }));
      }
    } catch (e) {
      if (!(e instanceof ZodError)) throw e;
      return { type, input: null, version: { documentId: 'NONE', setId: 'NONE', versionNumber: 1 }, cda: '', issues: inputIssues(e), ms };
    }
    const cda = type.build(input);
    ms.build = performance.now() - t0;
    const t1 = performance.now();
    const issues = await validateCda(cda);
    ms.validate = performance.now() - t1;
    return { type, input, version, cda, issues, ms };
  }

  const counts = (issues: Issue[]) => ({ errors: issues.filter((i) => i.severity === 'error').length, warnings: issues.filter((i) => i.severity === 'warning').length });

  const handlers: PipelineHandlers = {
    async 'doctypes.list'() {
      const index = o.schematronIndex?.() ?? [];
      const { listDocumentTypes, serviceDocumentType } = await registries();
      return listDocumentTypes().map((t): DocTypeInfo => ({
        id: t.id, kind: t.kind, title: t.title, loinc: t.loinc, templateIdRoot: t.templateId.root,
        schematron: schematronFor(t, index)?.file ?? null, fromRecord: serviceDocumentType(t.id) !== undefined,
        fhir: typeof t.fhir === 'function', import: typeof t.parse === 'function',
      }));
    },

    async 'doctypes.preview'(input) {
      const b = await build(input.type, input);
      const out: DocTypePreview = { version: b.version, cda: b.cda, valid: b.input !== null && !b.issues.some((i) => i.severity === 'error'), issues: b.issues, ms: b.ms };
      if (b.input !== null) {
        const m = b.type.metadata(b.input);
        out.metadata = { identificativoDoc: m.identificativoDoc, tipoDocumentoLivAlto: m.tipoDocumentoLivAlto, tipoAttivitaClinica: m.tipoAttivitaClinica, attiCliniciRegoleAccesso: m.attiCliniciRegoleAccesso, patientConsent: m.jwt.patient_consent };
        if (input.pdf) {
          const t = performance.now();
          out.pdfBase64 = Buffer.from(await renderPdf(b.type, b.input, b.cda)).toString('base64');
          out.ms.pdf = performance.now() - t;
        }
      }
      return out;
    },

    async 'doctypes.validate'(input) {
      const type = await typeOf(input.type);
      const issues = await validateCda(input.cda);
      const root = firstTemplateIdRoot(input.cda);
      if (root !== type.templateId.root) {
        issues.unshift({ severity: 'error', source: 'business', code: 'NOT_THIS_TYPE', location: '/ClinicalDocument/templateId[1]', context: root ?? '',
          message: `Il documento non è un ${type.title.it}: il primo templateId è ${root ?? 'assente'}, atteso ${type.templateId.root}` });
      }
      return { valid: !issues.some((i) => i.severity === 'error'), issues };
    },

    async 'doctypes.status'(input) {
      const type = await typeOf(input.type);
      ownVersionsRefused(type);
      const s = await db.call('typed.status', { type: type.id, patientId: input.patientId, subject: input.subject, idPrefix: type.kind });
      return { versions: s.versions, lastSigned: s.lastSigned };
    },

    async 'doctypes.signingBatch'(input, ctx) {
      const type = await typeOf(input.type);
      ownVersionsRefused(type);
      await registrationOf(type);
      const authorId = await o.author.optional();
      const items: SigningBatchItem[] = [];
      const skipped: Array<{ patientId: string; subject?: string; errors: string[] }> = [];
      for (const target of input.targets) {
        const b = await build(type.id, target);
        const errors = b.issues.filter((i) => i.severity === 'error');
        if (b.input === null || errors.length > 0) {
          skipped.push({ patientId: target.patientId, ...(target.subject ? { subject: target.subject } : {}), errors: errors.slice(0, 5).map((i) => i.message) });
          continue;
        }
        await db.call('typed.prepare', {
          actor: ctx.actor, type: type.id, patientId: target.patientId, subject: target.subject, version: b.version, cda: b.cda, input: b.input,
          ...counts(b.issues), authorId,
        });
        items.push(await signingItem(type, target.patientId, b.input, b.cda));
      }
      return { items, skipped };
    },
  };

  return { handlers, build, validateCda };
}
