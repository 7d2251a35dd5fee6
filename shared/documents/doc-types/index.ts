/**
 * The built-in document types, registered once on import. Import the registry from here (not
 * from registry.ts) so the built-in types are always there.
 */
import { getDocumentType, registerDocumentType } from './registry.ts';
import { pssDocumentType } from './pss/index.ts';

export * from './registry.ts';
export type * from './types.ts';
export { pssDocumentType } from './pss/index.ts';

// Guarded: a module evaluated twice (test isolation, two bundles) must not register twice.
if (!getDocumentType(pssDocumentType.id)) registerDocumentType(pssDocumentType);
