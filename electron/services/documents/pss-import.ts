/**
 * Import of a received PSS ("existing documents seed the record"): the patient's previous
 * doctor's Profilo Sanitario Sintetico, or one exported by another product, merged into the
 * record without duplicating what is already there. It is the PSS kind of the import of received
 * documents (electron/services/import/): the same reading, the document kept byte for byte, the
 * same transaction; this adapter keeps the pss.importPreview/importApply contract (its plan
 * and its errors: VALIDATION_FAILED XML / XML_TOO_DEEP / XML_ENCODING_* / NO_CDA / NOT_PSS, CONFLICT for another patient).
 */
import type { AppContract } from '../../../shared/api/index.ts';
import type { ImportPlan } from '../../../shared/api/pss.ts';
import type { ReceivedPlan } from '../../../shared/api/import.ts';
import { AppError, isAppError } from '../../../shared/errors/index.ts';
import type { ReceivedContent } from '../../../shared/import/content.ts';
import { refusalText } from '../../../shared/import/refusal.ts';
import type { Handlers } from '../../../shared/rpc/index.ts';
import type { importService } from '../import/import-service.ts';

const invalid = (code: string, message: string, detail: string): AppError =>
  new AppError('VALIDATION_FAILED', message, { issues: [{ severity: 'error', code, path: '', message: detail }] });

const NOT_PSS = () => invalid('NOT_PSS', 'Not a Profilo Sanitario Sintetico', 'ClinicalDocument/code non è LOINC 60591-5');

/** The import's refusals in the words this contract always used. */
function legacyError(e: unknown): unknown {
  if (!isAppError(e) || e.code !== 'IMPORT_REFUSED') return e;
  const { reason, detail } = e.data as { reason: Parameters<typeof refusalText>[0]; detail?: string };
  if (reason === 'OTHER_PATIENT') return new AppError('CONFLICT', 'The document belongs to another patient', { entity: 'patient', field: 'identifier' });
  if (reason === 'XML_TOO_DEEP') return invalid(reason, 'XML nested too deep', refusalText(reason));
  if (reason === 'XML_ENCODING_UNSUPPORTED' || reason === 'XML_ENCODING_INVALID') return invalid(reason, 'Unreadable character encoding', detail ?? refusalText(reason));
  if (reason === 'XML') return invalid('XML', 'Not a readable XML document', detail ?? refusalText('XML'));
  if (reason === 'NO_CDA') return invalid('NO_CDA', 'PDF without a CDA', 'Il PDF non contiene un CDA (né allegato né come risorsa)');
  return NOT_PSS();
}

/** The PSS plan of a received plan; a document already received adds nothing: all its entries count as there. */
function pssPlan(p: ReceivedPlan): ImportPlan {
  const plan = p.pss!;
  if (!p.duplicate) return plan;
  const sections = plan.sections.map((s) => ({ ...s, entries: [], duplicates: s.duplicates + s.entries.length }));
  return { ...plan, sections, statements: [], cleared: [], add: 0, duplicates: plan.duplicates + plan.add };
}

export function pssImportHandlers(imports: ReturnType<typeof importService>): Pick<Handlers<AppContract>, 'pss.importPreview' | 'pss.importApply'> {
  const onlyPss = (c: ReceivedContent) => {
    if (c.header.kind !== 'PSS' || !c.pss) throw NOT_PSS();
  };
  const run = async (input: { patientId: string; fileBase64: string }, actor: string, apply: boolean) => {
    try {
      return pssPlan(await imports.run({ ...input, fileName: 'pss.xml', createPatient: false }, actor, apply, onlyPss));
    } catch (e) {
      throw legacyError(e);
    }
  };
  return {
    async 'pss.importPreview'(input, ctx) {
      return run(input, ctx.actor, false);
    },
    async 'pss.importApply'(input, ctx) {
      return run(input, ctx.actor, true);
    },
  };
}
