/**
 * The built-in document types, registered once on import. Import the registry from here (not
 * from registry.ts) so the built-in types are always there.
 */
import { getDocumentType, registerDocumentType } from './registry.ts';
import type { DocumentType } from './types.ts';
import { pssDocumentType } from './pss/index.ts';
import { singVaccDocumentType } from './sing-vacc.ts';
import { certVaccDocumentType } from './cert-vacc.ts';
import { vaccinationCalendarSource } from './vacc-source.ts';
import { televisitaDocumentType } from './televisita.ts';
import { teleconsultoDocumentType } from './teleconsulto.ts';
import { teleassistenzaDocumentType } from './teleassistenza.ts';

export * from './registry.ts';
export type * from './types.ts';
export { pssDocumentType } from './pss/index.ts';

/** Registers a type unless it is there (a module evaluated twice, in tests or two bundles). */
function registerOnce<I>(type: DocumentType<I>): void {
  if (!getDocumentType(type.id)) registerDocumentType(type);
}

registerOnce(pssDocumentType);
registerOnce(singVaccDocumentType(vaccinationCalendarSource));
registerOnce(certVaccDocumentType(vaccinationCalendarSource));
registerOnce(televisitaDocumentType);
registerOnce(teleconsultoDocumentType);
registerOnce(teleassistenzaDocumentType);
