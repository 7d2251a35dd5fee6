/**
 * Which XSD set and which schematron apply to a CDA, as the gateway decides
 * (FSE-GATEWAY.md §7 steps 1–2; CDA-VALIDATION.md §1, §3):
 * - XSD set by `ClinicalDocument/typeId/@extension`;
 * - schematron by the first `ClinicalDocument/templateId/@root` (VAL CDAHelper.extractInfo):
 *   only the first counts; when it maps to no rules file the gateway rejects the document.
 */
import type { Document, Element } from 'slimdom';

export const HL7_NS = 'urn:hl7-org:v3';
export const XSD_SETS = ['POCD_MT000040UV02', 'POCD_HD000040'] as const;
export type XsdSetName = (typeof XSD_SETS)[number];

/** One row of resources/cda/schematron/INDEX.csv. */
export interface SchematronIndexEntry {
  file: string;
  version: string;
  templateIdRoot: string;
  updated: string;
}

export interface CdaHeader {
  typeIdExtension: string | null;
  /** `@root` of each direct `ClinicalDocument/templateId`, in document order. */
  templateIdRoots: string[];
}

function children(el: Element, localName: string): Element[] {
  return el.children.filter((c) => c.localName === localName && c.namespaceURI === HL7_NS);
}

export function readCdaHeader(doc: Document): CdaHeader {
  const root = doc.documentElement;
  if (!root || root.localName !== 'ClinicalDocument' || root.namespaceURI !== HL7_NS) {
    return { typeIdExtension: null, templateIdRoots: [] };
  }
  return {
    typeIdExtension: children(root, 'typeId')[0]?.getAttribute('extension') ?? null,
    templateIdRoots: children(root, 'templateId').map((t) => t.getAttribute('root') ?? ''),
  };
}

export function selectXsdSet(header: CdaHeader): XsdSetName | null {
  const ext = header.typeIdExtension;
  return (XSD_SETS as readonly string[]).includes(ext ?? '') ? (ext as XsdSetName) : null;
}

/**
 * The rules file for a document: the index entry of its FIRST templateId root. When several
 * index rows share a root (a newer official version dropped in next to the old one), the
 * highest version wins, as the gateway takes the newest (FSE-GATEWAY.md §7 step 2).
 */
export function selectSchematron(header: CdaHeader, index: readonly SchematronIndexEntry[]): SchematronIndexEntry | null {
  const first = header.templateIdRoots[0];
  if (first === undefined) return null;
  const candidates = index.filter((e) => e.templateIdRoot === first);
  candidates.sort((a, b) => compareVersions(b.version, a.version));
  return candidates[0] ?? null;
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.\-_]/).map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split(/[.\-_]/).map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Parse INDEX.csv (header `file,version,clinicaldocument_templateId_root,gateway_last_update_date,…`). */
export function parseSchematronIndex(csv: string): SchematronIndexEntry[] {
  const lines = csv.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = splitCsvLine(lines[0] ?? '');
  const col = (name: string): number => header.indexOf(name);
  const iFile = col('file');
  const iVersion = col('version');
  const iRoot = col('clinicaldocument_templateId_root');
  const iDate = col('gateway_last_update_date');
  if (iFile < 0 || iRoot < 0) throw new Error('INDEX.csv: missing "file" or "clinicaldocument_templateId_root" column');
  return lines.slice(1).map((line) => {
    const f = splitCsvLine(line);
    return { file: f[iFile] ?? '', version: f[iVersion] ?? '', templateIdRoot: f[iRoot] ?? '', updated: f[iDate] ?? '' };
  });
}

/** RFC 4180 line split (quoted fields with doubled quotes). */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}
