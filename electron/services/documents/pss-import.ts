/**
 * Import of a received PSS (issue 4: "existing documents seed the record"): the patient's
 * previous doctor's Profilo Sanitario Sintetico, or one exported by another product, read with
 * parsePssCda and merged into the record without duplicating what is already there.
 */
import type { AppContract } from '../../../shared/api/index.ts';
import { planImport, type ImportWork } from '../../../shared/import/pss-plan.ts';
import { parseXml } from '../../../shared/documents/cda/pss/parse/dom.ts';
import { readPssHeader } from '../../../shared/documents/cda/pss/parse/header.ts';
import { parsePssCda } from '../../../shared/documents/cda/pss/parse/index.ts';
import { AppError } from '../../../shared/errors/index.ts';
import { extractCdaFromPdf, isPdf } from '../../../shared/validation/cda/pdf.ts';
import type { EventHub, Handlers } from '../../../shared/rpc/index.ts';
import type { DbClient } from '../db/client.ts';

export { planImport, type ImportWork };

const invalid = (code: string, message: string, detail: string): AppError =>
  new AppError('VALIDATION_FAILED', message, { issues: [{ severity: 'error', code, path: '', message: detail }] });

/** The CDA text of an uploaded file: the XML itself, or the one a PDF carries. */
async function cdaText(bytes: Uint8Array): Promise<string> {
  if (!isPdf(bytes)) return new TextDecoder().decode(bytes);
  const found = await extractCdaFromPdf(bytes).catch(() => null);
  if (!found) throw invalid('NO_CDA', 'PDF without a CDA', 'Il PDF non contiene un CDA (né allegato né come risorsa)');
  return new TextDecoder().decode(found.bytes);
}

export function pssImportHandlers(db: DbClient, events: EventHub): Pick<Handlers<AppContract>, 'pss.importPreview' | 'pss.importApply'> {
  const prepare = async (input: { patientId: string; fileBase64: string }): Promise<ImportWork> => {
    const [patient, { record }] = await Promise.all([db.call('patients.get', { id: input.patientId }), db.call('record.get', { patientId: input.patientId })]);
    const xml = await cdaText(Buffer.from(input.fileBase64, 'base64'));
    let root;
    try {
      root = parseXml(xml);
    } catch (e) {
      throw invalid('XML', 'Not a readable XML document', e instanceof Error ? e.message : String(e));
    }
    const header = readPssHeader(root);
    if (!header.isPss) {
      throw invalid('NOT_PSS', 'Not a Profilo Sanitario Sintetico', 'ClinicalDocument/code non è LOINC 60591-5');
    }
    const own = patient.identifier.trim().toUpperCase();
    if (!header.patientIds.some((id) => id.extension.toUpperCase() === own)) {
      throw new AppError('CONFLICT', 'The document belongs to another patient', { entity: 'patient', field: 'identifier' });
    }
    const parsed = parsePssCda(xml);
    return planImport(record, parsed.record, parsed.warnings, { ...(header.effectiveDate ? { effectiveDate: header.effectiveDate } : {}), ...(header.authorName ? { authorName: header.authorName } : {}) });
  };
  return {
    async 'pss.importPreview'(input) {
      return (await prepare(input)).plan;
    },
    async 'pss.importApply'(input, ctx) {
      const work = await prepare(input);
      if (work.entries.length > 0 || work.plan.statements.length > 0) {
        await db.call('record.importEntries', { actor: ctx.actor, patientId: input.patientId, entries: work.entries, statements: work.statements });
        events.emit('patients.changed', { id: input.patientId });
      }
      return work.plan;
    },
  };
}
