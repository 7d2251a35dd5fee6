/** La relazione collaborativa di teleconsulto as a document type (telemed-common.ts; schematron by its first templateId). */
import { telemedDocumentType } from './telemed-common.ts';

export const teleconsultoDocumentType = telemedDocumentType('teleconsulto');
