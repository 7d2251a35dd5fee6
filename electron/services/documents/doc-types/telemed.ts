/**
 * The three telemedicine documents on the service side: each is built from one diary visit
 * (`ctx.subject` = the visit id) with the problems it was about (shared/documents/cda/telemed/
 * from-record.ts). What the diary does not hold comes from `ctx.options` (TelemedOptions); when
 * the caller gives none, the MMG's own service stands in: the facility is the custodian when it
 * has an HSP.11/STS.11 id (CTC ERRORE-43, teleassistenza ERRORE-44), else the practice under its
 * ASL; the order fulfilled is the booking of the visit under the practice's root (ERRORE-40/46);
 * the branca "26 Altro" and the disciplina "Medicina di base" (gateway AD_PSC130, FSE-GATEWAY.md
 * §3); the attachment the referto as plain text (Prestazioni section, ERRORE-b5/b6). A visit that
 * cannot make the document (not a televisita, no note) comes back as an input issue on `subject`.
 */
import { ZodError } from 'zod';
import { televisitaDocumentType } from '../../../../shared/documents/doc-types/televisita.ts';
import { teleconsultoDocumentType } from '../../../../shared/documents/doc-types/teleconsulto.ts';
import { teleassistenzaDocumentType } from '../../../../shared/documents/doc-types/teleassistenza.ts';
import { TelemedFromRecordError, TelemedOptions, telemedInputFromVisit, type TelemedInput, type TelemedKind } from '../../../../shared/documents/cda/telemed/index.ts';
import { documentIdRoot } from '../../../../shared/documents/cda/header.ts';
import type { DocumentType } from '../../../../shared/documents/doc-types/index.ts';
import type { Visit } from '../../../../shared/domain/record/visit.ts';
import { AppError } from '../../../../shared/errors/index.ts';
import type { DbClient } from '../../db/client.ts';
import type { RecordContext, ServiceDocumentType } from './types.ts';

const FACILITY_ROOTS = new Set(['2.16.840.1.113883.2.9.4.1.2', '2.16.840.1.113883.2.9.4.1.3']);
const STS11 = '2.16.840.1.113883.2.9.4.1.3';

/** An input problem of the record, as the pipeline reports input problems (a business issue, the visit skipped in a batch). */
function subjectIssue(message: string): ZodError {
  return new ZodError([{ code: 'custom', path: ['subject'], message, input: undefined }]);
}

async function findVisit(db: DbClient, patientId: string, id: string): Promise<Visit> {
  for (let offset: number | null = 0; offset !== null; ) {
    const page: { items: Visit[]; nextOffset: number | null } = await db.call('visits.list', { patientId, limit: 500, offset });
    const hit = page.items.find((v) => v.id === id);
    if (hit) return hit;
    offset = page.nextOffset;
  }
  throw new AppError('NOT_FOUND', `Visit ${id} not found`, { entity: 'visit', id });
}

/** The options the MMG's own televisita uses when the caller names none (see the header comment). */
function defaultOptions(ctx: RecordContext, visit: Visit, kind: TelemedKind, report: string): Record<string, unknown> {
  const { organization, custodian } = ctx.profile;
  const facility = FACILITY_ROOTS.has(custodian.idRoot)
    ? { idRoot: custodian.idRoot, id: custodian.id, name: custodian.name }
    : { idRoot: STS11, id: organization.aslCode, name: organization.name };
  return {
    facility,
    order: { root: documentIdRoot({ organization }), id: `PREN.${visit.id}`.slice(0, 64) },
    branca: '26',
    disciplina: { code: '130', display: 'Medicina di base' },
    attachment: { title: `Testo del referto (${kind})`, mediaType: 'text/plain', base64: Buffer.from(report, 'utf8').toString('base64') },
  };
}

function telemedServiceType(type: DocumentType<TelemedInput>, kind: TelemedKind): ServiceDocumentType<TelemedInput> {
  return {
    type,
    async fromRecord(ctx) {
      if (!ctx.subject) throw subjectIssue('indicare la visita del diario da cui scrivere il documento');
      const [visit, { record }] = await Promise.all([findVisit(ctx.db, ctx.patient.id, ctx.subject), ctx.db.call('record.get', { patientId: ctx.patient.id })]);
      const report = visit.note?.trim() ?? '';
      const options = TelemedOptions.safeParse({ ...defaultOptions(ctx, visit, kind, report || '-'), ...(ctx.options ?? {}) });
      if (!options.success) throw options.error;
      try {
        return telemedInputFromVisit({
          kind, visit, problems: record.problems, patient: ctx.patient, profile: ctx.profile,
          version: ctx.version, effectiveTime: ctx.effectiveTime, options: options.data,
        });
      } catch (e) {
        if (e instanceof TelemedFromRecordError) throw subjectIssue(e.message);
        throw e;
      }
    },
  };
}

export const televisitaServiceType = telemedServiceType(televisitaDocumentType, 'televisita');
/** Needs `options.specialists` (the record does not hold the specialists consulted, CTC ERRORE-45) and a visit reason (the quesito, ERRORE-b1). */
export const teleconsultoServiceType = telemedServiceType(teleconsultoDocumentType, 'teleconsulto');
/** Needs a visit reason (the quesito, ERRORE-b1). */
export const teleassistenzaServiceType = telemedServiceType(teleassistenzaDocumentType, 'teleassistenza');
