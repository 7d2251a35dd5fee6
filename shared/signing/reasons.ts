/** Italian messages and severities of the verification reasons (pure). */
import type { ReasonCode, ReasonSeverity, VerdictStatus, VerificationReason } from './types.ts';

export const REASON_MESSAGES_IT: Record<ReasonCode, string> = {
  NO_SIGNATURE: 'Il file non contiene firme digitali.',
  FORMAT_UNKNOWN: 'Formato del file non riconosciuto (atteso PDF o busta CAdES .p7m).',
  CMS_MALFORMED: 'La busta di firma (CMS) è danneggiata o non leggibile.',
  DETACHED_CONTENT_MISSING: 'Firma separata (detached): manca il documento firmato per la verifica.',
  SIGNED_ATTRIBUTES_MISSING: 'La firma non contiene gli attributi firmati richiesti da CAdES-BES.',
  SIGNER_CERT_NOT_FOUND: 'Il certificato del firmatario non è presente nella firma.',
  UNSUPPORTED_ALGORITHM: 'Algoritmo di firma o di hash non supportato.',
  CONTENT_DIGEST_MISMATCH: 'Il documento è stato modificato dopo la firma (impronta non corrispondente).',
  SIGNATURE_CRYPTO_INVALID: 'La firma non è valida: non corrisponde al certificato del firmatario.',
  SIGNATURE_CRYPTO_VALID: 'Integrità verificata: il documento non è stato modificato dopo la firma.',
  ESS_SIGNING_CERT_MISSING: "Manca l'attributo signing-certificate-v2: la firma non è conforme a CAdES-BES.",
  ESS_SIGNING_CERT_HASH_MISMATCH:
    "L'attributo signing-certificate-v2 indica un certificato diverso da quello del firmatario.",
  ESS_SIGNING_CERT_OK: "L'attributo signing-certificate-v2 corrisponde al certificato del firmatario.",
  SIGNING_TIME_UNKNOWN: "Data di firma non indicata: il certificato è stato verificato all'ora attuale.",
  SIGNING_TIME_ATTRIBUTE_IN_PADES: "La firma PAdES contiene l'attributo signingTime, non ammesso da PAdES baseline.",
  CERT_NOT_YET_VALID: 'Il certificato del firmatario non era ancora valido alla data di firma.',
  CERT_EXPIRED: 'Il certificato del firmatario era scaduto alla data di firma.',
  CERT_VALID_AT_SIGNING_TIME: 'Il certificato del firmatario era valido alla data di firma.',
  CHAIN_TRUSTED: "Il certificato è emesso da un'autorità di certificazione attendibile.",
  CHAIN_UNTRUSTED: "Il certificato non è emesso da un'autorità di certificazione attendibile.",
  CHAIN_NOT_CHECKED: 'Nessun elenco di autorità attendibili: catena del certificato non verificata.',
  CHAIN_CERT_INVALID: "Un certificato della catena non era valido alla data di firma.",
  KEY_USAGE_NOT_FOR_SIGNING: 'Il certificato non è abilitato alla firma digitale (key usage).',
  KEY_USAGE_NO_NON_REPUDIATION:
    'Il certificato non ha il key usage nonRepudiation: non è un certificato di firma qualificata.',
  KEY_USAGE_OK: 'Il certificato è abilitato alla firma (nonRepudiation).',
  PDF_BYTERANGE_INVALID: 'La firma del PDF non copre correttamente il file (ByteRange non valido).',
  PDF_SUBFILTER_NOT_PADES: 'La firma del PDF non è PAdES (SubFilter diverso da ETSI.CAdES.detached).',
  PDF_MODIFIED_AFTER_SIGNATURE: 'Il PDF ha modifiche successive a questa firma (aggiornamento incrementale).',
  PDF_UNSIGNED_CHANGES:
    "Il PDF è stato modificato dopo l'ultima firma: le modifiche successive non sono coperte da alcuna firma.",
  PDF_SIGNATURE_COVERS_DOCUMENT: "La firma copre l'intero documento.",
  PDF_CONTENTS_TAMPERED:
    'Lo spazio riservato alla firma nel PDF (/Contents) è stato alterato: contiene caratteri non esadecimali o dati dopo la firma.',
  CMS_TRAILING_DATA: 'Dopo la busta di firma (CMS) il file contiene dati che nessuna firma copre.',
  CONTENT_TYPE_MISMATCH:
    "L'attributo firmato contentType manca o non corrisponde al tipo del contenuto firmato (eContentType).",
  SIGNER_CERT_MALFORMED: 'Il certificato del firmatario è danneggiato o non leggibile.',
};

export const REASON_SEVERITY: Record<ReasonCode, ReasonSeverity> = {
  NO_SIGNATURE: 'error',
  FORMAT_UNKNOWN: 'error',
  CMS_MALFORMED: 'error',
  DETACHED_CONTENT_MISSING: 'indeterminate',
  SIGNED_ATTRIBUTES_MISSING: 'error',
  SIGNER_CERT_NOT_FOUND: 'error',
  UNSUPPORTED_ALGORITHM: 'indeterminate',
  CONTENT_DIGEST_MISMATCH: 'error',
  SIGNATURE_CRYPTO_INVALID: 'error',
  SIGNATURE_CRYPTO_VALID: 'info',
  ESS_SIGNING_CERT_MISSING: 'warning',
  ESS_SIGNING_CERT_HASH_MISMATCH: 'error',
  ESS_SIGNING_CERT_OK: 'info',
  SIGNING_TIME_UNKNOWN: 'info',
  SIGNING_TIME_ATTRIBUTE_IN_PADES: 'warning',
  CERT_NOT_YET_VALID: 'error',
  CERT_EXPIRED: 'error',
  CERT_VALID_AT_SIGNING_TIME: 'info',
  CHAIN_TRUSTED: 'info',
  CHAIN_UNTRUSTED: 'indeterminate',
  CHAIN_NOT_CHECKED: 'indeterminate',
  CHAIN_CERT_INVALID: 'indeterminate',
  KEY_USAGE_NOT_FOR_SIGNING: 'error',
  KEY_USAGE_NO_NON_REPUDIATION: 'warning',
  KEY_USAGE_OK: 'info',
  PDF_BYTERANGE_INVALID: 'error',
  PDF_SUBFILTER_NOT_PADES: 'warning',
  PDF_MODIFIED_AFTER_SIGNATURE: 'info',
  PDF_UNSIGNED_CHANGES: 'indeterminate',
  PDF_SIGNATURE_COVERS_DOCUMENT: 'info',
  PDF_CONTENTS_TAMPERED: 'error',
  CMS_TRAILING_DATA: 'error',
  CONTENT_TYPE_MISMATCH: 'error',
  SIGNER_CERT_MALFORMED: 'error',
};

export function reason(code: ReasonCode, signatureIndex?: number): VerificationReason {
  const r: VerificationReason = { code, severity: REASON_SEVERITY[code], message: REASON_MESSAGES_IT[code] };
  if (signatureIndex !== undefined) r.signatureIndex = signatureIndex;
  return r;
}

export function statusOf(reasons: VerificationReason[]): VerdictStatus {
  if (reasons.some((r) => r.severity === 'error')) return 'INVALID';
  if (reasons.some((r) => r.severity === 'indeterminate')) return 'INDETERMINATE';
  return 'VALID';
}

/** The file's status: the worst of its signatures (INVALID > INDETERMINATE > VALID). */
export function worstStatus(statuses: VerdictStatus[]): VerdictStatus {
  if (statuses.includes('INVALID')) return 'INVALID';
  if (statuses.includes('INDETERMINATE')) return 'INDETERMINATE';
  return 'VALID';
}
