/**
 * The scheda singola vaccinazione on the service side: the child's record with the
 * administration or decision it is about (ctx.subject, the record entry id; PAEDIATRICS.md §1:
 * one scheda per administration).
 */
import { requireDocumentType, type DocumentType } from '../../../../shared/documents/doc-types/index.ts';
import { SingVaccInput } from '../../../../shared/domain/vaccination-document.ts';
import type { ServiceDocumentType } from './types.ts';
import { readVaccDocInput } from './vacc-record.ts';

const type = requireDocumentType('sing-vacc') as DocumentType<SingVaccInput>;

export const singVaccServiceType: ServiceDocumentType<SingVaccInput> = {
  type,
  async fromRecord(ctx) {
    // No subject: the input check names the missing entry (entryId) as for an unknown one.
    return SingVaccInput.parse({ ...(await readVaccDocInput(ctx)), entryId: ctx.subject ?? '' });
  },
};
