/**
 * The built-in document types, registered once on import. Import the registry from here (not
 * from registry.ts) so the built-in types are always there.
 */
import { getDocumentType, registerDocumentType } from './registry.ts';
import { pssDocumentType } from './pss/index.ts';
import { singVaccDocumentType } from './sing-vacc.ts';
import { certVaccDocumentType } from './cert-vacc.ts';
import { vaccinationCalendarSource } from './vacc-source.ts';

export * from './registry.ts';
export type * from './types.ts';
export { pssDocumentType } from './pss/index.ts';

// Guarded: a module evaluated twice (test isolation, two bundles) must not register twice.
if (!getDocumentType(pssDocumentType.id)) registerDocumentType(pssDocumentType);
for (const type of [singVaccDocumentType(vaccinationCalendarSource), certVaccDocumentType(vaccinationCalendarSource)]) {
  if (!getDocumentType(type.id)) registerDocumentType(type);
}
