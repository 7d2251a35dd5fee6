/** The certificato vaccinale on the service side: the child's whole vaccination history (PAEDIATRICS.md §1). */
import { requireDocumentType, type DocumentType } from '../../../../shared/documents/doc-types/index.ts';
import { VaccDocInput } from '../../../../shared/domain/vaccination-document.ts';
import type { ServiceDocumentType } from './types.ts';
import { readVaccDocInput } from './vacc-record.ts';

const type = requireDocumentType('cert-vacc') as DocumentType<VaccDocInput>;

export const certVaccServiceType: ServiceDocumentType<VaccDocInput> = {
  type,
  async fromRecord(ctx) {
    return VaccDocInput.parse(await readVaccDocInput(ctx));
  },
};
