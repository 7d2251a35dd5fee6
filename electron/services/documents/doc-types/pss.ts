/**
 * The PSS on the service side: its input is the patient's stored record with the patient's
 * choices and confidentiality (pss.status), as pss-service.ts builds it.
 */
import { pssDocumentType } from '../../../../shared/documents/doc-types/index.ts';
import type { PssInput } from '../../../../shared/domain/clinical-record.ts';
import type { ServiceDocumentType } from './types.ts';

export const pssServiceType: ServiceDocumentType<PssInput> = {
  type: pssDocumentType,
  async fromRecord(ctx) {
    const [{ record }, status] = await Promise.all([ctx.db.call('record.get', { patientId: ctx.patient.id }), ctx.db.call('pss.status', { patientId: ctx.patient.id })]);
    return pssDocumentType.input.parse({
      patient: ctx.patient, ...ctx.profile, confidentiality: status.confidentiality, choices: status.choices,
      version: ctx.version, effectiveTime: ctx.effectiveTime, record,
    });
  },
};
