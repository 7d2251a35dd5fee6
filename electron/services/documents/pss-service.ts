/**
 * PSS handlers: the record from the db worker → shared builder → validation worker
 * (XSD + PSS schematron + terminology, off the main thread) → PDF with the CDA attached.
 * Issues come back with the editor field they concern (pss-fields.ts).
 */
import type { AppContract } from '../../../shared/api/index.ts';
import type { PreviewOutput, ReviewItem } from '../../../shared/api/pss.ts';
import { PssInput, pssPart, type ClinicalRecord } from '../../../shared/domain/clinical-record.ts';
import type { AuthorDoctor, Custodian, Organization, PatientChoices } from '../../../shared/domain/document-header.ts';
import { encodeCodiceFiscale } from '../../../shared/domain/codice-fiscale.ts';
import { buildPssCda, pssPublicationMetadata } from '../../../shared/documents/cda/pss/index.ts';
import type { EventHub, Handlers } from '../../../shared/rpc/index.ts';
import type { Issue } from '../../../shared/validation/issue.ts';
import type { DbClient } from '../db/client.ts';
import { CdaValidationWorker } from '../validation/worker-client.ts';
import { seededRandom } from '../../../shared/random.ts';
import { syntheticPssInput } from '../../../shared/synthetic/clinical-record.ts';
import { syntheticPatients } from '../../../shared/synthetic/patients.ts';
import { recordPlausibilityIssues } from '../../../shared/clinical/plausibility.ts';
import type { renderPssPdf as RenderPssPdf } from './pdf/render-pss.ts';
import { signingItem } from './document-pipeline.ts';
import { isoWithOffset } from '../../../shared/format/clinical-time.ts';
import { clinicalTimeZone } from '../settings/settings-service.ts';
import { sameContent } from '../db/queries/clinical-record.ts';
import type { TermIndex } from '../terms/term-index.ts';
import { diffRecords } from './pss-diff.ts';
import { reviewRecord } from './pss-review.ts';
import type { RecordAuthor } from '../record/author.ts';
import type { DoctorProfile } from '../../../shared/api/profile.ts';

/** pdf-lib is loaded with the first PDF, not at start-up (the node host's cold start). */
const renderPssPdf: typeof RenderPssPdf = async (...args) => (await import('./pdf/render-pss.ts')).renderPssPdf(...args);
// The document-type registry brings every type's builder and parser (the PSS parser loads
// @xmldom/xmldom): only signing needs it here, so it loads then, not at the host's start.
const pssDocumentType = async () => (await import('../../../shared/documents/doc-types/index.ts')).pssDocumentType;
// The field mapper reads the CDA with slimdom: loaded with the first validation, not at start-up.
const pssFields = () => import('./pss-fields.ts');

type PssHandlers = Pick<
  Handlers<AppContract>,
  'record.get' | 'record.upsertEntry' | 'record.removeEntry' | 'record.setStatement' |
  'pss.preview' | 'pss.validate' | 'pss.status' | 'pss.saveDraft' | 'pss.diff' | 'pss.bulkDrafts' | 'pss.confirm' |
  'pss.signingBatch' | 'pss.markSigned'
>;


/** The document's effective time (first header effectiveTime, yyyyMMddHHmmss±zzzz) back to ISO. */
export function cdaEffectiveTime(cda: string): string {
  const m = /<effectiveTime value="(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})([+-]\d{2})(\d{2})"/.exec(cda);
  if (!m) throw new Error('CDA without a document effectiveTime');
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[7]}:${m[8]}`;
}

interface Built {
  input: PssInput | null;
  version: PreviewOutput['version'];
  cda: string;
  issues: Issue[];
  record: ClinicalRecord;
  choices: PatientChoices;
  confidentiality: 'N' | 'R' | 'V';
  ms: PreviewOutput['ms'];
}

/**
 * `profile`: what the documents written now carry (the doctor at work as author and legal
 * authenticator, the titolare's organisation and custodian); `author`: their profile id, kept on
 * each version (pss_documents.author_id) and on each record entry; `validator`: the container's
 * shared validation worker, else one of its own (closed with the service).
 */
export interface PssServiceOptions {
  profile(): Promise<DoctorProfile>;
  author: RecordAuthor;
  terms?: TermIndex;
  validator?: () => CdaValidationWorker;
}

export function pssService(db: DbClient, events: EventHub, o: PssServiceOptions): { handlers: PssHandlers; close(): Promise<void> } {
  let worker: CdaValidationWorker | undefined;
  const validator = o.validator ?? (() => (worker ??= new CdaValidationWorker()));
  /**
   * The first PSS validation compiles the PSS schematron in the worker (seconds on a busy
   * machine): start it when the doctor opens a record, so the editor's first preview is warm.
   */
  let warmed = false;
  const warm = () => {
    if (warmed) return;
    warmed = true;
    const p = syntheticPatients({ count: 1, seed: 1 })[0]!;
    const cda = buildPssCda(syntheticPssInput(p, 0, seededRandom(1), { today: '2026-01-01' }));
    validator().validate(new TextEncoder().encode(cda)).catch(() => undefined);
  };

  const profile = () => o.profile();

  async function validate(cda: string, record: ClinicalRecord): Promise<Issue[]> {
    const [result, { PssFieldMapper }] = await Promise.all([validator().validate(new TextEncoder().encode(cda)), pssFields()]);
    const mapper = new PssFieldMapper(cda, record);
    return result.issues.map((i) => {
      const field = mapper.fieldFor(i);
      const { test: _t, diagnostics: _d, line: _l, ...rest } = i;
      return field === undefined ? rest : { ...rest, field };
    });
  }

  async function build(
    patientId: string,
    opts: { choices?: PatientChoices | undefined; confidentiality?: 'N' | 'R' | 'V' | undefined; record?: ClinicalRecord | undefined },
  ): Promise<Built> {
    const [patient, stored, status, prof, zone] = await Promise.all([
      db.call('patients.get', { id: patientId }),
      opts.record ? Promise.resolve(null) : db.call('record.get', { patientId }),
      db.call('pss.status', { patientId }),
      profile(),
      clinicalTimeZone(db),
    ]);
    const record = opts.record ?? stored!.record;
    const choices = opts.choices ?? status.choices;
    const confidentiality = opts.confidentiality ?? status.confidentiality;
    const raw = { patient, ...prof, confidentiality, choices, version: status.next, effectiveTime: isoWithOffset(new Date(), zone), record };
    const ms = { build: 0, validate: 0, pdf: 0 };
    const t0 = performance.now();
    const parsed = PssInput.safeParse(raw);
    if (!parsed.success) {
      const { fieldForInputPath } = await pssFields();
      const issues: Issue[] = parsed.error.issues.map((z) => ({
        severity: 'error', source: 'business', code: 'INPUT', location: '', message: z.message, context: z.path.join('.'),
        field: fieldForInputPath(z.path, record),
      }));
      return { input: null, version: status.next, cda: '', issues, record, choices, confidentiality, ms };
    }
    const cda = buildPssCda(parsed.data);
    ms.build = performance.now() - t0;
    const t1 = performance.now();
    const issues = [...(await validate(cda, record)), ...plausibility(record)];
    ms.validate = performance.now() - t1;
    return { input: parsed.data, version: status.next, cda, issues, record, choices, confidentiality, ms };
  }

  /**
   * Values no measurement can have (20/300 mmHg) are errors: the document is not confirmed with
   * them; unusual ones are warnings (shared/clinical/plausibility.ts), on the entry they concern.
   */
  function plausibility(record: ClinicalRecord): Issue[] {
    const out: Issue[] = recordPlausibilityIssues(record).map((p) => ({
      severity: p.severity, source: 'business', code: `PLAUSIBILITY_${p.code}`, location: '', message: p.message, context: `${p.section}.${p.entryId}.${p.field}`,
      field: `${p.section}.${p.entryId}`,
    }));
    // A category code (ICD-9-CM 250, ATC J07A) says less than the IG requires: the picker no longer offers it, an older entry is flagged.
    const terms = o.terms;
    if (terms) {
      const category = (section: string, id: string, system: 'icd9-dx' | 'atc', c: { code: string } | undefined, what: string) => {
        if (c && terms.isCategory(system, c.code)) {
          out.push({ severity: 'error', source: 'business', code: 'CATEGORY_CODE', location: '', context: `${section}.${id}`, field: `${section}.${id}`,
            message: `${what} ${c.code} è una categoria, non un codice: scegliere il codice più specifico (${system === 'atc' ? 'ATC di 7 caratteri' : 'ICD-9-CM con le cifre dopo il punto'})` });
        }
      };
      for (const p of record.problems) category('problems', p.id, 'icd9-dx', p.diagnosis, 'La diagnosi ICD-9-CM');
      for (const m of record.medications) category('medications', m.id, 'atc', m.atc, 'Il codice ATC');
      for (const v of record.vaccinations) category('vaccinations', v.id, 'atc', v.atc, 'Il codice ATC');
    }
    return out;
  }

  /**
   * The confirmed, not yet signed version, when the record (and the patient's choices, unless
   * others are asked for) are still what was confirmed: its input as stored, ready to print or sign.
   */
  async function confirmedUnchanged(patientId: string, opts: { choices?: PatientChoices | undefined; confidentiality?: 'N' | 'R' | 'V' | undefined }) {
    const s = await db.call('pss.status', { patientId });
    const last = s.lastPublished;
    if (s.draft || !last || last.state !== 'confirmed') return null;
    // Confirmed by another doctor: theirs to sign; the doctor at work takes it over by saving it again.
    if ((last.authorId ?? undefined) !== (await o.author.optional())) return null;
    const [v, patient, current, prof] = await Promise.all([db.call('pss.version', { documentId: last.documentId }), db.call('patients.get', { id: patientId }), db.call('record.get', { patientId }), profile()]);
    const content = (record: unknown, choices: unknown, confidentiality: string) => ({ record: JSON.stringify(record), choices: JSON.stringify(choices), confidentiality });
    if (!sameContent(content(v.record, v.choices, v.confidentiality), content(pssPart(current.record), opts.choices ?? v.choices, opts.confidentiality ?? v.confidentiality))) return null;
    const input = PssInput.parse({
      patient, ...prof, confidentiality: v.confidentiality, choices: v.choices, record: v.record, effectiveTime: cdaEffectiveTime(v.cda),
      version: { documentId: v.documentId, setId: v.setId, versionNumber: v.versionNumber, ...(v.replacesDocumentId ? { replacesDocumentId: v.replacesDocumentId } : {}) },
    });
    return { input, cda: v.cda, patient, version: v };
  }

  const counts = (issues: Issue[]) => ({
    errors: issues.filter((i) => i.severity === 'error').length,
    warnings: issues.filter((i) => i.severity === 'warning').length,
  });

  async function saveDraft(actor: string, b: Built, patientId: string) {
    const authorId = await o.author.optional();
    return db.call('pss.saveDraft', {
      actor, patientId, version: b.version, cda: b.cda, record: b.record, choices: b.choices,
      confidentiality: b.confidentiality, ...counts(b.issues), ...(authorId ? { authorId } : {}),
    });
  }

  const handlers: PssHandlers = {
    async 'record.get'(input) {
      warm();
      return db.call('record.get', input);
    },
    async 'record.upsertEntry'(input, ctx) {
      const authorId = await o.author.optional();
      return db.call('record.upsertEntry', { actor: ctx.actor, input, ...(authorId ? { authorId } : {}) });
    },
    async 'record.removeEntry'(input, ctx) {
      return db.call('record.removeEntry', { actor: ctx.actor, ...input });
    },
    async 'record.setStatement'(input, ctx) {
      return db.call('record.setStatement', { actor: ctx.actor, input });
    },

    async 'pss.preview'(input) {
      // The version waiting to be signed, unchanged since it was confirmed: shown exactly as it will be signed.
      const waiting = input.record ? null : await confirmedUnchanged(input.patientId, input);
      if (waiting) {
        const issues = await validate(waiting.cda, waiting.input.record);
        const all = [...issues, ...plausibility(waiting.input.record)];
        const m = pssPublicationMetadata(waiting.input);
        const out: PreviewOutput = {
          version: waiting.input.version, cda: waiting.cda, valid: !all.some((i) => i.severity === 'error'), issues: all, ms: { build: 0, validate: 0, pdf: 0 },
          metadata: { attiCliniciRegoleAccesso: m.attiCliniciRegoleAccesso, patientConsent: m.jwt.patient_consent, identificativoDoc: m.identificativoDoc },
        };
        if (input.pdf) out.pdfBase64 = Buffer.from((await renderPssPdf(waiting.input, waiting.cda)).pdf).toString('base64');
        return out;
      }
      const b = await build(input.patientId, input);
      const out: PreviewOutput = { version: b.version, cda: b.cda, valid: !b.issues.some((i) => i.severity === 'error'), issues: b.issues, ms: b.ms };
      if (b.input) {
        const m = pssPublicationMetadata(b.input);
        out.metadata = { attiCliniciRegoleAccesso: m.attiCliniciRegoleAccesso, patientConsent: m.jwt.patient_consent, identificativoDoc: m.identificativoDoc };
        if (input.pdf) {
          const t = performance.now();
          const rendered = await renderPssPdf(b.input, b.cda);
          out.pdfBase64 = Buffer.from(rendered.pdf).toString('base64');
          out.ms.pdf = performance.now() - t;
        }
      }
      return out;
    },

    async 'pss.validate'(input) {
      const { record } = await db.call('record.get', { patientId: input.patientId });
      const issues = await validate(input.cda, record);
      return { valid: !issues.some((i) => i.severity === 'error'), issues };
    },

    async 'pss.status'(input) {
      const s = await db.call('pss.status', input);
      return { draft: s.draft, lastPublished: s.lastPublished, choices: s.choices, confidentiality: s.confidentiality, versions: s.versions };
    },

    async 'pss.saveDraft'(input, ctx) {
      const b = await build(input.patientId, input);
      if (!b.input) {
        // The record does not build (e.g. an end date before the start): nothing to store yet.
        const status = await db.call('pss.status', { patientId: input.patientId });
        if (!status.draft) {
          return { draft: { documentId: b.version.documentId, patientId: input.patientId, state: 'draft', versionNumber: b.version.versionNumber, setId: b.version.setId, errors: counts(b.issues).errors, warnings: 0, updatedAt: new Date().toISOString() }, issues: b.issues };
        }
        return { draft: { ...status.draft, errors: counts(b.issues).errors }, issues: b.issues };
      }
      const draft = await saveDraft(ctx.actor, b, input.patientId);
      return { draft, issues: b.issues };
    },

    async 'pss.diff'(input) {
      const [s, now] = await Promise.all([db.call('pss.status', input), db.call('record.get', input)]);
      if (!s.lastPublished || !s.lastPublishedRecord) return { base: null, changes: [] };
      return { base: s.lastPublished, changes: diffRecords(s.lastPublishedRecord, now.record) };
    },

    async 'pss.bulkDrafts'(input, ctx) {
      const t0 = performance.now();
      const patients = input.patientIds
        ? await Promise.all(input.patientIds.map((id) => db.call('patients.get', { id })))
        : (await db.call('patients.search', { text: '', limit: input.limit })).items;
      const today = new Date().toISOString().slice(0, 10);
      const items: ReviewItem[] = [];
      let done = 0;
      for (const p of patients) {
        const status = await db.call('pss.status', { patientId: p.id });
        const { record } = await db.call('record.get', { patientId: p.id });
        const review = reviewRecord(p, record, today);
        let draft = status.draft;
        let errors: string[] = [];
        if (status.lastPublished && !status.draft) {
          draft = status.lastPublished;
        } else {
          const b = await build(p.id, { record });
          if (b.input) draft = await saveDraft(ctx.actor, b, p.id);
          errors = b.issues.filter((i) => i.severity === 'error').slice(0, 5).map((i) => i.message);
          if (!b.input && !draft) draft = null;
        }
        items.push({ patientId: p.id, surname: p.surname, givenName: p.givenName, identifier: p.identifier, birthDate: p.birthDate, draft, ...review, errors });
        events.emit('pss.bulkProgress', { done: ++done, total: patients.length, patientId: p.id });
      }
      return { items, ms: performance.now() - t0 };
    },

    async 'pss.signingBatch'(input) {
      const out = [];
      for (const patientId of input.patientIds) {
        // Only a confirmed version the record has not moved away from: an entry added after
        // confirming must be confirmed too before anything is signed.
        const waiting = await confirmedUnchanged(patientId, {});
        if (!waiting) continue;
        const { input, cda } = waiting;
        // The PDF prints the confirmed snapshot; the attachment is the stored CDA, byte for byte
        // (the pipeline's signing step, document-pipeline.ts).
        const { kind: _kind, ...item } = await signingItem(await pssDocumentType(), patientId, input, cda);
        out.push(item);
      }
      return out;
    },

    async 'pss.markSigned'(input, ctx) {
      return db.call('pss.markSigned', { actor: ctx.actor, ...input });
    },

    async 'pss.confirm'(input, ctx) {
      return db.call('pss.confirm', { actor: ctx.actor, patientId: input.patientId });
    },
  };

  return {
    handlers,
    async close() {
      await worker?.close();
    },
  };
}
