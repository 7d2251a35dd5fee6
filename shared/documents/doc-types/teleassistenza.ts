/** La relazione finale di teleassistenza as a document type (telemed-common.ts; schematron by its first templateId). */
import { telemedDocumentType } from './telemed-common.ts';

export const teleassistenzaDocumentType = telemedDocumentType('teleassistenza');
