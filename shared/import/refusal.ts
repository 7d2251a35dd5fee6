/**
 * Why a file cannot be imported: a closed list (ARCHITECTURE.md §1.5), carried by the error
 * code IMPORT_REFUSED with `{ reason, detail? }`. Nothing is written when an import is refused.
 * The sentences below are the CLI's (Italian, as the doctor reads them); the UI has its own
 * in renderer/src/i18n/features/import.{it,en}.json under `importDoc.refusals`.
 */
import { z } from 'zod';
import { AppError } from '../errors/index.ts';

export const ImportRefusal = z.enum([
  'EMPTY',
  'UNSUPPORTED',
  'XML',
  'XML_TOO_DEEP',
  'XML_ENCODING_UNSUPPORTED',
  'XML_ENCODING_INVALID',
  'NOT_CDA',
  'NO_CDA',
  'P7M',
  'FHIR',
  'CSV_COLUMNS',
  'CSV_VALUES',
  'OTHER_PATIENT',
  'UNKNOWN_PATIENT',
  'NO_PATIENT',
  'PATIENT_INVALID',
]);
export type ImportRefusal = z.infer<typeof ImportRefusal>;

export const REFUSAL_TEXT: Record<ImportRefusal, string> = {
  EMPTY: 'Il file è vuoto.',
  UNSUPPORTED: 'Formato non riconosciuto: si importano CDA (XML), PDF con il CDA allegato, file firmati .p7m, FHIR JSON e CSV.',
  XML: 'Il file non è un XML leggibile.',
  XML_TOO_DEEP: 'Il file XML ha elementi annidati oltre il limite (256 livelli, quello di libxml2 e del gateway): non viene letto.',
  XML_ENCODING_UNSUPPORTED: 'La codifica dei caratteri dichiarata nel file XML non è tra quelle accettate (UTF-8, UTF-16, ISO-8859-1, ISO-8859-15, windows-1252, US-ASCII).',
  XML_ENCODING_INVALID: 'Il file XML contiene byte non validi per la codifica dei caratteri che dichiara.',
  NOT_CDA: 'Il file XML non è un documento clinico CDA (manca ClinicalDocument).',
  NO_CDA: 'Il PDF non contiene un CDA da importare (né allegato né come risorsa).',
  P7M: 'Il file firmato .p7m non contiene un documento leggibile.',
  FHIR: 'Il file JSON non è un Bundle o un\'Observation FHIR che la scheda sa leggere.',
  CSV_COLUMNS: 'Le colonne del CSV non corrispondono a nessun formato noto né alla mappatura salvata: indicare quali colonne importare.',
  CSV_VALUES: 'Alcune righe del CSV hanno date o valori illeggibili con il formato indicato.',
  OTHER_PATIENT: 'Il documento è di un altro assistito: l\'identificativo del paziente non corrisponde. Nulla è stato importato.',
  UNKNOWN_PATIENT: 'L\'assistito del documento non è tra i pazienti: registrarlo prima, oppure usare --create-patient.',
  NO_PATIENT: 'Il documento non indica l\'assistito: importarlo dalla scheda del paziente.',
  PATIENT_INVALID: 'L\'assistito del documento non si può registrare: codice fiscale o dati anagrafici mancanti o non validi.',
};

/** The Italian sentence, with the checker's detail when there is one. */
export function refusalText(reason: ImportRefusal, detail?: string): string {
  return detail ? `${REFUSAL_TEXT[reason]} (${detail})` : REFUSAL_TEXT[reason];
}

export function refuse(reason: ImportRefusal, detail?: string, columns?: string[]): AppError<'IMPORT_REFUSED'> {
  return new AppError('IMPORT_REFUSED', `Import refused: ${reason}`, {
    reason, ...(detail ? { detail: detail.slice(0, 300) } : {}), ...(columns ? { columns: columns.slice(0, 100).map((c) => c.slice(0, 200)) } : {}),
  });
}
