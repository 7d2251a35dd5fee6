/**
 * Signature placeholder added as an incremental update (ISO 32000-1 §7.5.6): the original bytes
 * are kept untouched, so earlier signatures stay valid. Written here because
 * @signpdf/placeholder-plain drops the existing fields when the catalog holds an inline /AcroForm
 * (it appends a second /AcroForm key) and leaves qpdf warnings. pdf-lib is used only to parse.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFObject, PDFRef, PDFString, PDFHexString } from 'pdf-lib';
import { DEFAULT_BYTE_RANGE_PLACEHOLDER, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';

export interface IncrementalPlaceholderOptions {
  reason: string;
  contactInfo: string;
  name: string;
  location: string;
  signingTime: Date;
  /** Hex characters reserved for the CMS. */
  signatureLength: number;
}

/** PDF text string: literal with escapes when ASCII, UTF-16BE hex otherwise. */
function pdfText(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return `(${value.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  return PDFHexString.fromText(value).toString();
}

function pdfDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `D:${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
}

function lastStartxref(pdf: Buffer): number {
  const tail = pdf.subarray(Math.max(0, pdf.length - 2048)).toString('latin1');
  const all = [...tail.matchAll(/startxref\s+(\d+)/g)];
  const m = all[all.length - 1];
  if (!m?.[1]) throw new Error('PDF: startxref not found');
  return Number(m[1]);
}

export async function addIncrementalSignaturePlaceholder(input: Uint8Array, o: IncrementalPlaceholderOptions): Promise<Buffer> {
  let pdf = Buffer.from(input);
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const ctx = doc.context;
  if (ctx.trailerInfo.Encrypt) throw new Error('PDF: encrypted documents cannot be signed');
  const prev = lastStartxref(pdf);
  const catalogRef = ctx.trailerInfo.Root;
  if (!(catalogRef instanceof PDFRef)) throw new Error('PDF: no /Root reference');
  const catalog = doc.catalog;
  const page = doc.getPage(0);

  const changed = new Map<PDFRef, PDFObject>();
  const sigRef = ctx.nextRef();
  const widgetRef = ctx.nextRef();

  // AcroForm: indirect (update it), inline (move to a new object) or absent (create)
  const acroRaw = catalog.get(PDFName.of('AcroForm'));
  let acroRef: PDFRef;
  let acro: PDFDict;
  if (acroRaw instanceof PDFRef) {
    acroRef = acroRaw;
    acro = ctx.lookup(acroRaw, PDFDict).clone(ctx);
  } else {
    acroRef = ctx.nextRef();
    acro = acroRaw instanceof PDFDict ? acroRaw.clone(ctx) : ctx.obj({});
    const newCatalog = catalog.clone(ctx);
    newCatalog.set(PDFName.of('AcroForm'), acroRef);
    changed.set(catalogRef, newCatalog);
  }
  const fieldsRaw = acro.get(PDFName.of('Fields'));
  let fields: PDFArray;
  if (fieldsRaw instanceof PDFRef) {
    fields = ctx.lookup(fieldsRaw, PDFArray).clone(ctx);
    changed.set(fieldsRaw, fields);
  } else {
    fields = fieldsRaw instanceof PDFArray ? fieldsRaw.clone(ctx) : ctx.obj([]);
    acro.set(PDFName.of('Fields'), fields);
  }
  // unique field name
  const names = new Set<string>();
  for (let i = 0; i < fields.size(); i++) {
    const f = fields.lookup(i);
    const t = f instanceof PDFDict ? f.lookup(PDFName.of('T')) : undefined;
    if (t instanceof PDFString || t instanceof PDFHexString) names.add(t.decodeText());
  }
  let n = fields.size() + 1;
  while (names.has(`Signature${n}`)) n++;
  fields.push(widgetRef);
  acro.set(PDFName.of('SigFlags'), PDFNumber.of(3));
  changed.set(acroRef, acro);

  // page /Annots
  const annotsRaw = page.node.get(PDFName.of('Annots'));
  if (annotsRaw instanceof PDFRef) {
    const annots = ctx.lookup(annotsRaw, PDFArray).clone(ctx);
    annots.push(widgetRef);
    changed.set(annotsRaw, annots);
  } else {
    const pageDict = page.node.clone(ctx);
    const annots = annotsRaw instanceof PDFArray ? annotsRaw.clone(ctx) : ctx.obj([]);
    annots.push(widgetRef);
    pageDict.set(PDFName.of('Annots'), annots);
    changed.set(page.ref, pageDict);
  }

  const widget = ctx.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    Rect: [0, 0, 0, 0],
    V: sigRef,
    T: PDFString.of(`Signature${n}`),
    F: 4,
    P: page.ref,
  });
  changed.set(widgetRef, widget);

  const ph = DEFAULT_BYTE_RANGE_PLACEHOLDER;
  const sigText =
    `<<\n/Type /Sig\n/Filter /Adobe.PPKLite\n/SubFilter /${SUBFILTER_ETSI_CADES_DETACHED}\n` +
    `/ByteRange [0 /${ph} /${ph} /${ph}]\n/Contents <${'0'.repeat(o.signatureLength)}>\n` +
    `/Reason ${pdfText(o.reason)}\n/M (${pdfDate(o.signingTime)})\n/ContactInfo ${pdfText(o.contactInfo)}\n` +
    `/Name ${pdfText(o.name)}\n/Location ${pdfText(o.location)}\n/Prop_Build << /App << /Name /Cartella >> >>\n>>`;

  if (pdf[pdf.length - 1] !== 0x0a) pdf = Buffer.concat([pdf, Buffer.from('\n')]);
  const parts: Buffer[] = [pdf];
  let offset = pdf.length;
  const entries: { num: number; gen: number; offset: number }[] = [];
  const write = (ref: PDFRef, body: string) => {
    const chunk = Buffer.from(`${ref.objectNumber} ${ref.generationNumber} obj\n${body}\nendobj\n`, 'latin1');
    entries.push({ num: ref.objectNumber, gen: ref.generationNumber, offset });
    parts.push(chunk);
    offset += chunk.length;
  };
  write(sigRef, sigText);
  for (const [ref, obj] of changed) write(ref, obj.toString());

  entries.sort((a, b) => a.num - b.num);
  let xref = 'xref\n0 1\n0000000000 65535 f \n';
  for (const e of entries) xref += `${e.num} 1\n${String(e.offset).padStart(10, '0')} ${String(e.gen).padStart(5, '0')} n \n`;
  const trailer = ctx.obj({ Size: ctx.largestObjectNumber + 1, Root: catalogRef, Prev: prev });
  if (ctx.trailerInfo.Info) trailer.set(PDFName.of('Info'), ctx.trailerInfo.Info as PDFObject);
  if (ctx.trailerInfo.ID) trailer.set(PDFName.of('ID'), ctx.trailerInfo.ID as PDFObject);
  parts.push(Buffer.from(`${xref}trailer\n${trailer.toString()}\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}
