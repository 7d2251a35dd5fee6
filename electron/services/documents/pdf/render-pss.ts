/**
 * The PSS as a printable PDF with the CDA attached: the one document renderer
 * (render-document.ts) given the PSS type's content.
 */
import type { PssInput } from '../../../../shared/domain/clinical-record.ts';
import { buildPssCda } from '../../../../shared/documents/cda/pss/index.ts';
import { pssPdfContent } from '../../../../shared/documents/doc-types/pss/pdf-content.ts';
import { renderDocumentPdf, type RenderedDocument } from './render-document.ts';

export type RenderedPss = RenderedDocument;

/** Render the PSS; `cdaXml` defaults to buildPssCda(input) (pass it to attach an already built CDA). */
export function renderPssPdf(input: PssInput, cdaXml: string = buildPssCda(input)): Promise<RenderedPss> {
  return renderDocumentPdf(pssPdfContent(input), cdaXml);
}
