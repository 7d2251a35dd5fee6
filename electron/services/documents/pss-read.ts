/**
 * Reading a received PSS file (XML, or a PDF carrying one) into its header and coded record:
 * the CPU-heavy part of an import, run in the validation worker (validation/worker.ts) with a
 * time limit so no file can block the host's event loop. Typed refusals (VALIDATION_FAILED
 * with an issue code each) cross the thread boundary as AppErrors.
 */
import type { ClinicalRecord } from '../../../shared/domain/clinical-record.ts';
import { parseXml } from '../../../shared/documents/cda/pss/parse/dom.ts';
import { readPssHeader, type PssHeader } from '../../../shared/documents/cda/pss/parse/header.ts';
import { parsePssCda } from '../../../shared/documents/cda/pss/parse/index.ts';
import { AppError } from '../../../shared/errors/index.ts';
import { isPdf } from '../../../shared/files/sniff.ts';
import { extractCdaFromPdf } from '../../../shared/validation/cda/pdf.ts';
import { decodeXml, XmlEncodingError } from '../../../shared/xml/decode.ts';
import { XmlTooDeepError } from '../../../shared/xml/limits.ts';

export interface ReadPss {
  header: PssHeader;
  record: ClinicalRecord;
  warnings: string[];
}

export const invalid = (code: string, message: string, detail: string): AppError =>
  new AppError('VALIDATION_FAILED', message, { issues: [{ severity: 'error', code, path: '', message: detail }] });

/** Bytes → text as the validator decodes them (shared/xml/decode.ts). */
function decoded(bytes: Uint8Array): string {
  try {
    return decodeXml(bytes);
  } catch (e) {
    if (e instanceof XmlEncodingError) throw invalid(e.problem === 'unsupported' ? 'XML_ENCODING_UNSUPPORTED' : 'XML_ENCODING_INVALID', 'Unreadable character encoding', e.message);
    throw e;
  }
}

/** The CDA text of an uploaded file: the XML itself, or the one a PDF carries. */
async function cdaText(bytes: Uint8Array): Promise<string> {
  if (!isPdf(bytes)) return decoded(bytes);
  const found = await extractCdaFromPdf(bytes).catch(() => null);
  if (!found) throw invalid('NO_CDA', 'PDF without a CDA', 'Il PDF non contiene un CDA (né allegato né come risorsa)');
  return decoded(found.bytes);
}

export async function readPssFile(bytes: Uint8Array): Promise<ReadPss> {
  const xml = await cdaText(bytes);
  let root;
  try {
    root = parseXml(xml);
  } catch (e) {
    if (e instanceof XmlTooDeepError) throw invalid(e.code, 'XML nested too deep', e.message);
    throw invalid('XML', 'Not a readable XML document', e instanceof Error ? e.message : String(e));
  }
  const header = readPssHeader(root);
  if (!header.isPss) throw invalid('NOT_PSS', 'Not a Profilo Sanitario Sintetico', 'ClinicalDocument/code non è LOINC 60591-5');
  const parsed = parsePssCda(xml);
  return { header, record: parsed.record, warnings: parsed.warnings };
}
