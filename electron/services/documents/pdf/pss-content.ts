/** The PSS's PDF content now lives with its document type (shared/documents/doc-types/pss). */
export { pssPdfContent, type PdfSection, type PdfTable, type PssPdfContent } from '../../../../shared/documents/doc-types/pss/pdf-content.ts';
