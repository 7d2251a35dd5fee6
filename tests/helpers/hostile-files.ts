/**
 * Crafted files that once hung or crashed a reader (kept as generators, not fixtures, so the
 * tests say how they are made): XML nested far deeper than any CDA, and a PDF whose
 * EmbeddedFiles name tree lists itself among its own /Kids.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName } from 'pdf-lib';

/** A well-formed CDA-like document nested `levels` deep (100,000 levels ≈ 700 KB). */
export function deepXml(levels: number): Uint8Array {
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<ClinicalDocument xmlns="urn:hl7-org:v3">${'<x>'.repeat(levels)}${'</x>'.repeat(levels)}</ClinicalDocument>`);
}

/**
 * A small PDF whose EmbeddedFiles name-tree root lists itself twice in /Kids (and an intermediate
 * node that lists the root again): a walk without a visited set doubles its work per level.
 */
export async function selfReferencingNameTreePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]);
  await doc.attach(Buffer.from('<ClinicalDocument xmlns="urn:hl7-org:v3"/>'), 'other.xml', { mimeType: 'application/xml' });
  const ctx = doc.context;
  const root = ctx.obj({}) as PDFDict;
  const rootRef = ctx.register(root);
  const middle = ctx.obj({}) as PDFDict;
  const middleRef = ctx.register(middle);
  middle.set(PDFName.of('Kids'), ctx.obj([rootRef, middleRef, rootRef]) as PDFArray);
  root.set(PDFName.of('Kids'), ctx.obj([rootRef, rootRef, middleRef]) as PDFArray);
  const names = ctx.obj({ EmbeddedFiles: rootRef, XFAResources: rootRef });
  doc.catalog.set(PDFName.of('Names'), names);
  return doc.save({ useObjectStreams: false });
}
