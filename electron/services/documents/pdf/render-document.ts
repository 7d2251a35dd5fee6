/**
 * Every document type's printable Italian PDF (pdf-lib, standard Helvetica so nothing is downloaded or
 * embedded) with the CDA attached as `cda.xml`, the way the FSE gateway reads it in ATTACHMENT
 * mode (FSE-GATEWAY.md §5: EmbeddedFiles name-tree key and /F `cda.xml`) plus the PDF/A-3
 * associated-file link (/AF, AFRelationship Alternative). Deterministic: dates come from the
 * document's effective time, so the same input gives the same bytes. What is printed is the
 * type's `pdfContent` (shared/documents/doc-types/types.ts).
 */
import { AFRelationship, PDFDocument, PDFFont, StandardFonts, rgb, type PDFPage } from 'pdf-lib';
import type { PdfContent, PdfTable } from '../../../../shared/documents/doc-types/types.ts';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 40;
const BODY = 8;
const LINE = 10;
const GREY = rgb(0.93, 0.93, 0.93);

/** Helvetica is WinAnsi: anything outside it (emoji, CJK, …) prints as '?', never throws. */
function encodable(font: PDFFont): (s: string) => string {
  const set = new Set(font.getCharacterSet());
  return (s) => Array.from(s.replace(/\s+/g, ' ')).map((ch) => (set.has(ch.codePointAt(0)!) ? ch : '?')).join('');
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(' ')) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width) { line = candidate; continue; }
      if (line) lines.push(line);
      // A word longer than the column is cut.
      let w = word;
      while (font.widthOfTextAtSize(w, size) > width && w.length > 1) {
        let cut = w.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(w.slice(0, cut), size) > width) cut--;
        lines.push(w.slice(0, cut));
        w = w.slice(cut);
      }
      line = w;
    }
    lines.push(line);
  }
  return lines;
}

class Writer {
  page!: PDFPage;
  y = 0;
  constructor(readonly doc: PDFDocument, readonly font: PDFFont, readonly bold: PDFFont) {
    this.newPage();
  }
  newPage(): void {
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }
  ensure(h: number): boolean {
    if (this.y - h >= MARGIN + 20) return false;
    this.newPage();
    return true;
  }
  text(s: string, size: number, font = this.font, x = MARGIN): void {
    this.page.drawText(s, { x, y: this.y - size, size, font });
    this.y -= size + 4;
  }
}

/**
 * Column widths: every column at least as wide as its longest word (so words are not split),
 * the rest shared in proportion to how much text each column holds.
 */
function columnWidths(t: PdfTable, font: PDFFont, bold: PDFFont, total: number): number[] {
  const n = Math.max(t.headers.length, ...t.rows.map((r) => r.length), 1);
  const longestWord = (s: string, f: PDFFont): number => Math.max(0, ...s.split(/\s+/).map((wd) => f.widthOfTextAtSize(wd, BODY)));
  const min: number[] = [];
  const pref: number[] = [];
  for (let i = 0; i < n; i++) {
    const cells = t.rows.map((r) => r[i] ?? '');
    min.push(Math.min(120, Math.max(longestWord(t.headers[i] ?? '', bold), ...cells.map((c) => longestWord(c, font))) + 8));
    pref.push(Math.min(260, Math.max(bold.widthOfTextAtSize(t.headers[i] ?? '', BODY), ...cells.map((c) => font.widthOfTextAtSize(c, BODY))) + 8));
  }
  const sumMin = min.reduce((a, b) => a + b, 0);
  const sumPref = pref.reduce((a, b) => a + b, 0);
  if (sumMin >= total) return min.map((m) => (m / sumMin) * total);
  if (sumPref <= total) return pref.map((p) => (p / sumPref) * total);
  const k = (total - sumMin) / (sumPref - sumMin);
  return min.map((m, i) => m + (pref[i]! - m) * k);
}

function drawTable(w: Writer, raw: PdfTable, clean: (s: string) => string): void {
  // Clean first: widths are measured on what will be drawn.
  const t: PdfTable = { headers: raw.headers.map(clean), rows: raw.rows.map((r) => r.map(clean)) };
  const widths = columnWidths(t, w.font, w.bold, A4[0] - 2 * MARGIN);
  const drawRow = (cells: string[], font: PDFFont, fill: boolean): void => {
    const wrapped = widths.map((cw, i) => wrap(cells[i] ?? '', font, BODY, cw - 6));
    const h = Math.max(...wrapped.map((l) => l.length)) * LINE + 4;
    if (w.ensure(h) && !fill) drawRow(t.headers, w.bold, true);
    let x = MARGIN;
    if (fill) w.page.drawRectangle({ x, y: w.y - h, width: A4[0] - 2 * MARGIN, height: h, color: GREY });
    wrapped.forEach((lines, i) => {
      lines.forEach((line, j) => w.page.drawText(line, { x: x + 3, y: w.y - 3 - (j + 1) * LINE + 2, size: BODY, font }));
      x += widths[i]!;
    });
    w.page.drawLine({ start: { x: MARGIN, y: w.y - h }, end: { x: A4[0] - MARGIN, y: w.y - h }, thickness: 0.3, color: rgb(0.6, 0.6, 0.6) });
    w.y -= h;
  };
  if (t.headers.length > 0) drawRow(t.headers, w.bold, true);
  for (const r of t.rows) drawRow(r, w.font, false);
  w.y -= 8;
}

export interface RenderedDocument {
  pdf: Uint8Array;
  /** The exact bytes attached as cda.xml. */
  cda: Uint8Array;
}

/**
 * Render a document type's PDF content with `cdaXml` attached as `cda.xml` (the bytes given, as
 * built or as stored: the attachment is what is signed and sent).
 */
export async function renderDocumentPdf(content: PdfContent, cdaXml: string): Promise<RenderedDocument> {
  const when = new Date(content.info.date);
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(content.info.title);
  doc.setAuthor(content.info.author);
  doc.setSubject(content.info.subject);
  doc.setLanguage('it-IT');
  doc.setCreator('Cartella');
  doc.setProducer('Cartella (pdf-lib)');
  doc.setCreationDate(when);
  doc.setModificationDate(when);

  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const clean = encodable(font);
  const w = new Writer(doc, font, bold);

  w.text(clean(content.title), 18, bold);
  w.y -= 4;
  for (const [k, v] of content.facts) {
    const lines = wrap(clean(v), font, 9, A4[0] - 2 * MARGIN - 110);
    w.ensure(lines.length * 11);
    w.page.drawText(clean(k), { x: MARGIN, y: w.y - 9, size: 9, font: bold });
    lines.forEach((l, i) => w.page.drawText(l, { x: MARGIN + 110, y: w.y - 9 - i * 11, size: 9, font }));
    w.y -= lines.length * 11 + 2;
  }
  w.y -= 10;
  for (const s of content.sections) {
    w.ensure(40);
    w.text(clean(s.title), 12, bold);
    for (const p of s.paragraphs ?? []) {
      const lines = wrap(clean(p), font, 9, A4[0] - 2 * MARGIN);
      for (const l of lines) {
        w.ensure(11);
        w.page.drawText(l, { x: MARGIN, y: w.y - 9, size: 9, font });
        w.y -= 11;
      }
      w.y -= 4;
    }
    for (const t of s.tables) drawTable(w, t, clean);
  }

  const pages = doc.getPages();
  pages.forEach((page, i) => {
    page.drawText(clean(`${content.footer} – Pagina ${i + 1} di ${pages.length}`), { x: MARGIN, y: 20, size: 7, font, color: rgb(0.4, 0.4, 0.4) });
  });

  const cda = new TextEncoder().encode(cdaXml);
  await doc.attach(cda, 'cda.xml', {
    mimeType: 'application/xml',
    description: content.info.attachmentDescription,
    creationDate: when,
    modificationDate: when,
    afRelationship: AFRelationship.Alternative,
  });
  const pdf = await doc.save({ useObjectStreams: false });
  return { pdf, cda };
}
