/**
 * Extract the CDA from a PDF as the gateway's dispatcher does (FSE-GATEWAY.md §5;
 * DSP utility/PDFUtility):
 * - RESOURCE mode: `Root/Names/XFAResources` → `/Names [(datasets) <stream>]`, an XML stream
 *   containing the ClinicalDocument;
 * - ATTACHMENT mode: the `Root/Names/EmbeddedFiles` entry whose key (lower-cased) or `/F`
 *   is `cda.xml`;
 * - mode omitted: RESOURCE first, then ATTACHMENT.
 * Returns the CDA bytes unchanged (the encoding is detected later from the bytes).
 */
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFStream,
  PDFString,
  decodePDFRawStream,
  type PDFObject,
} from 'pdf-lib';

export type PdfCdaMode = 'ATTACHMENT' | 'RESOURCE';

export interface PdfCdaExtraction {
  mode: PdfCdaMode;
  bytes: Uint8Array;
}

function text(obj: PDFObject | undefined): string | null {
  if (obj instanceof PDFString || obj instanceof PDFHexString) return obj.decodeText();
  return null;
}

function streamBytes(stream: PDFStream): Uint8Array {
  return stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : stream.getContents();
}

function resolveStream(doc: PDFDocument, obj: PDFObject | undefined): PDFStream | null {
  const v = obj === undefined ? undefined : doc.context.lookup(obj);
  return v instanceof PDFStream ? v : null;
}

/**
 * Limits of a name-tree walk (PDF 32000-1 §7.9.6). A tree is a tree only if the file says so:
 * a node listed twice, or among its own /Kids, is visited once, so the work is linear in the
 * file's size whatever the structure; and no walk goes deeper or wider than these.
 */
export const NAME_TREE_LIMITS = { depth: 32, nodes: 10_000, entries: 100_000 } as const;

/** Name-tree entries ([key, value] pairs) in document order, walking `/Kids` with a visited set. */
function nameTreeEntries(doc: PDFDocument, root: PDFDict): [string, PDFObject][] {
  const out: [string, PDFObject][] = [];
  const visited = new Set<PDFDict>([root]);
  const stack: [PDFDict, number][] = [[root, 0]];
  while (stack.length > 0 && out.length < NAME_TREE_LIMITS.entries) {
    const [node, depth] = stack.pop()!;
    const names = node.lookupMaybe(PDFName.of('Names'), PDFArray);
    if (names) {
      for (let i = 0; i + 1 < names.size() && out.length < NAME_TREE_LIMITS.entries; i += 2) {
        out.push([text(names.lookup(i)) ?? '', names.get(i + 1)]);
      }
    }
    const kids = depth < NAME_TREE_LIMITS.depth ? node.lookupMaybe(PDFName.of('Kids'), PDFArray) : undefined;
    if (!kids) continue;
    const fresh: PDFDict[] = [];
    for (let i = 0; i < kids.size() && visited.size < NAME_TREE_LIMITS.nodes; i++) {
      const kid = kids.lookup(i);
      if (kid instanceof PDFDict && !visited.has(kid)) {
        visited.add(kid);
        fresh.push(kid);
      }
    }
    for (let i = fresh.length - 1; i >= 0; i--) stack.push([fresh[i] as PDFDict, depth + 1]);
  }
  return out;
}

function fromResource(doc: PDFDocument, names: PDFDict): Uint8Array | null {
  const xfa = names.lookupMaybe(PDFName.of('XFAResources'), PDFDict);
  if (!xfa) return null;
  for (const [key, value] of nameTreeEntries(doc, xfa)) {
    if (key !== 'datasets') continue;
    const stream = resolveStream(doc, value);
    if (stream) return extractClinicalDocument(streamBytes(stream));
  }
  return null;
}

/**
 * The datasets stream may wrap the CDA (xfa:datasets/xfa:data); keep only the
 * ClinicalDocument element, which declares its own namespace in FSE samples.
 */
function extractClinicalDocument(bytes: Uint8Array): Uint8Array {
  let ascii = '';
  for (let i = 0; i < bytes.length; i++) ascii += String.fromCharCode(bytes[i] as number);
  const start = ascii.search(/<([A-Za-z_][\w.-]*:)?ClinicalDocument[\s>]/);
  if (start <= 0) return bytes;
  const endMatch = /<\/([A-Za-z_][\w.-]*:)?ClinicalDocument\s*>/g;
  endMatch.lastIndex = start;
  let end = -1;
  for (let m = endMatch.exec(ascii); m; m = endMatch.exec(ascii)) end = m.index + m[0].length;
  if (end < 0) return bytes;
  const decl = /^\s*<\?xml[^>]*\?>/.exec(ascii)?.[0] ?? '';
  const prefix = new Uint8Array(decl.length);
  for (let i = 0; i < decl.length; i++) prefix[i] = decl.charCodeAt(i);
  const out = new Uint8Array(prefix.length + 1 + (end - start));
  out.set(prefix, 0);
  out[prefix.length] = 0x0a;
  out.set(bytes.subarray(start, end), prefix.length + 1);
  return out;
}

function fromAttachment(doc: PDFDocument, names: PDFDict): Uint8Array | null {
  const embedded = names.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);
  if (!embedded) return null;
  for (const [key, value] of nameTreeEntries(doc, embedded)) {
    const spec = doc.context.lookup(value);
    if (!(spec instanceof PDFDict)) continue;
    const f = text(spec.lookup(PDFName.of('F')));
    if (key.toLowerCase() !== 'cda.xml' && f !== 'cda.xml') continue;
    const ef = spec.lookupMaybe(PDFName.of('EF'), PDFDict);
    const stream = ef ? resolveStream(doc, ef.get(PDFName.of('F'))) : null;
    if (stream) return streamBytes(stream);
  }
  return null;
}

/** Extract the CDA; null when the PDF carries none in the requested (or any) mode. */
export async function extractCdaFromPdf(pdfBytes: Uint8Array, mode?: PdfCdaMode): Promise<PdfCdaExtraction | null> {
  const doc = await PDFDocument.load(pdfBytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
  const names = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
  if (!names) return null;
  if (mode !== 'ATTACHMENT') {
    const bytes = fromResource(doc, names);
    if (bytes) return { mode: 'RESOURCE', bytes };
    if (mode === 'RESOURCE') return null;
  }
  const bytes = fromAttachment(doc, names);
  return bytes ? { mode: 'ATTACHMENT', bytes } : null;
}
