/**
 * Plain-data types of the signing service (JSON-serialisable except the document bytes,
 * which are Uint8Array so that they cross IPC by structured clone without base64).
 */
import type { PinTriesState, RpcError } from '../errors/index.ts';

/** A PKCS#11 module (the card middleware's shared library). */
export interface Pkcs11ModuleRef {
  /** Absolute path of the .so / .dylib / .dll. */
  path: string;
  /**
   * Environment variables to set before C_Initialize (e.g. SOFTHSM2_CONF for the test token).
   * Applied once per process per module path.
   */
  env?: Record<string, string>;
}

export type OsName = 'linux' | 'darwin' | 'win32';

export interface ModulePreset {
  id: string;
  vendor: string;
  /** Italian description for the settings screen. */
  description: string;
  os: OsName;
  /** Candidate paths, most likely first. */
  paths: string[];
}

export interface FoundModule {
  presetId: string;
  vendor: string;
  path: string;
}

export interface PinFlags {
  countLow: boolean;
  finalTry: boolean;
  locked: boolean;
  toBeChanged: boolean;
}

export interface TokenStatus {
  label: string;
  manufacturer: string;
  model: string;
  serialNumber: string;
  /** Raw CK_TOKEN_INFO.flags. */
  flags: number;
  pin: PinFlags;
  pinTriesState: PinTriesState;
  loginRequired: boolean;
  /** PIN pad on the reader: login without a PIN string. */
  protectedAuthenticationPath: boolean;
}

export interface SlotInfo {
  /** Slot handle as a decimal string (stable while the module stays loaded). */
  slotId: string;
  description: string;
  tokenPresent: boolean;
  token?: TokenStatus;
}

/** Italian reading of an X.500 name. */
export interface SubjectInfo {
  commonName?: string;
  givenName?: string;
  surname?: string;
  /** Codice fiscale taken from serialNumber (TINIT-…, IT:…) or from a CNS common name. */
  codiceFiscale?: string;
  serialNumber?: string;
  organization?: string;
  organizationalUnit?: string;
  country?: string;
  dnQualifier?: string;
  title?: string;
  /** One-line RFC 4514-like rendering (most significant first as in the certificate). */
  text: string;
}

export type KeyUsageName =
  | 'digitalSignature'
  | 'nonRepudiation'
  | 'keyEncipherment'
  | 'dataEncipherment'
  | 'keyAgreement'
  | 'keyCertSign'
  | 'cRLSign'
  | 'encipherOnly'
  | 'decipherOnly';

/** signature = firma digitale (nonRepudiation); authentication = CNS / TLS client. */
export type CertificateRole = 'signature' | 'authentication' | 'ca' | 'other';

export interface CertificateInfo {
  /** CKA_ID as hex (pairs the certificate with its private key); '' outside a token. */
  id: string;
  label: string;
  subject: SubjectInfo;
  issuer: SubjectInfo;
  serialNumberHex: string;
  notBefore: string;
  notAfter: string;
  keyUsage: KeyUsageName[];
  extendedKeyUsage: string[];
  isCA: boolean;
  role: CertificateRole;
  keyAlgorithm: 'RSA' | 'EC' | 'other';
  /** SHA-256 of the DER, hex. */
  sha256: string;
  pem: string;
}

export interface TokenSelector {
  module: Pkcs11ModuleRef;
  /** Token label (trailing blanks ignored); the first token with a signature certificate otherwise. */
  tokenLabel?: string;
  tokenSerial?: string;
  /** CKA_ID hex of the certificate/key to use; the nonRepudiation certificate otherwise. */
  certificateId?: string;
}

export interface PinInput {
  /** Absent only with a protected authentication path (PIN pad). */
  pin?: string;
  /** Required (true) to attempt a login when the token reports CKF_USER_PIN_FINAL_TRY. */
  confirmFinalTry?: boolean;
}

export type SignatureKind = 'pades' | 'cades-enveloping' | 'cades-detached';

export interface PadesOptions {
  reason?: string;
  location?: string;
  contactInfo?: string;
  /** Signer name shown in /Name; the certificate CN by default. */
  name?: string;
}

export interface DocumentToSign {
  /** Caller's id, echoed in results and progress. */
  id: string;
  kind: SignatureKind;
  data: Uint8Array;
  /** Refuse to sign unless SHA-256 (hex) of the embedded cda.xml of the PDF equals this. */
  expectedCdaSha256?: string;
  /** Refuse to sign unless SHA-256 (hex) of `data` itself equals this. */
  expectedContentSha256?: string;
  pades?: PadesOptions;
}

export type SignedDocumentResult =
  | { id: string; ok: true; kind: SignatureKind; signed: Uint8Array; sha256: string; signedAt: string }
  | { id: string; ok: false; kind: SignatureKind; error: RpcError };

export interface BatchProgress {
  done: number;
  total: number;
  /** Id of the document just finished. */
  id: string;
  ok: boolean;
}

export interface BatchRequest extends PinInput {
  token: TokenSelector;
  documents: DocumentToSign[];
}

export interface BatchResult {
  signer: CertificateInfo;
  mechanism: string;
  results: SignedDocumentResult[];
  cancelled: boolean;
}

// ---------------------------------------------------------------- verification

export type VerdictStatus = 'VALID' | 'INVALID' | 'INDETERMINATE';

/** error → INVALID; indeterminate → INDETERMINATE (unless an error); warning/info do not change the status. */
export type ReasonSeverity = 'error' | 'indeterminate' | 'warning' | 'info';

export type ReasonCode =
  | 'NO_SIGNATURE'
  | 'FORMAT_UNKNOWN'
  | 'CMS_MALFORMED'
  | 'DETACHED_CONTENT_MISSING'
  | 'SIGNED_ATTRIBUTES_MISSING'
  | 'SIGNER_CERT_NOT_FOUND'
  | 'UNSUPPORTED_ALGORITHM'
  | 'CONTENT_DIGEST_MISMATCH'
  | 'SIGNATURE_CRYPTO_INVALID'
  | 'SIGNATURE_CRYPTO_VALID'
  | 'ESS_SIGNING_CERT_MISSING'
  | 'ESS_SIGNING_CERT_HASH_MISMATCH'
  | 'ESS_SIGNING_CERT_OK'
  | 'SIGNING_TIME_UNKNOWN'
  | 'SIGNING_TIME_ATTRIBUTE_IN_PADES'
  | 'CERT_NOT_YET_VALID'
  | 'CERT_EXPIRED'
  | 'CERT_VALID_AT_SIGNING_TIME'
  | 'CHAIN_TRUSTED'
  | 'CHAIN_UNTRUSTED'
  | 'CHAIN_NOT_CHECKED'
  | 'CHAIN_CERT_INVALID'
  | 'KEY_USAGE_NOT_FOR_SIGNING'
  | 'KEY_USAGE_NO_NON_REPUDIATION'
  | 'KEY_USAGE_OK'
  | 'PDF_BYTERANGE_INVALID'
  | 'PDF_SUBFILTER_NOT_PADES'
  | 'PDF_MODIFIED_AFTER_SIGNATURE'
  | 'PDF_UNSIGNED_CHANGES'
  | 'PDF_SIGNATURE_COVERS_DOCUMENT'
  | 'PDF_CONTENTS_TAMPERED'
  | 'CMS_TRAILING_DATA'
  | 'CONTENT_TYPE_MISMATCH'
  | 'SIGNER_CERT_MALFORMED';

export interface VerificationReason {
  code: ReasonCode;
  severity: ReasonSeverity;
  /** Italian text for the user. */
  message: string;
  /** Which signature (0-based) the reason is about; absent for the file as a whole. */
  signatureIndex?: number;
}

export interface SignatureReport {
  index: number;
  format: 'PAdES' | 'CAdES';
  /** /SubFilter of the PDF signature dictionary. */
  subFilter?: string;
  status: VerdictStatus;
  signer?: CertificateInfo;
  /** ISO time used for the certificate checks. */
  signingTime?: string;
  signingTimeSource: 'signing-time-attribute' | 'pdf-M' | 'none';
  /** PDF: whether this signature's /ByteRange reaches the end of the file. */
  coversWholeDocument?: boolean;
  /**
   * For a signature inside the content of a CAdES envelope (a signed PDF in a .pdf.p7m): the
   * index of the enveloping signature. Absent for the file's own signatures.
   */
  envelope?: number;
  reasons: VerificationReason[];
}

export interface Verdict {
  status: VerdictStatus;
  fileType: 'pdf' | 'p7m';
  signatures: SignatureReport[];
  /** All reasons (file-level and per signature). */
  reasons: VerificationReason[];
}

export interface VerifyRequest {
  data: Uint8Array;
  /** For detached CAdES (.p7s). */
  detachedContent?: Uint8Array;
  /** PEM certificates of the trust anchors (and optional intermediates). */
  trustedCertificatesPem?: string[];
  /** Time used when the signature carries none (default: now). */
  now?: Date;
}

export interface GatewayCertificate {
  certPem: string;
  keyPem: string;
  /** Further certificates found in the .p12 (chain), PEM. */
  chainPem: string[];
  subject: SubjectInfo;
  issuer: SubjectInfo;
  notBefore: string;
  notAfter: string;
  serialNumberHex: string;
}

/** What the UI (through the typed contract) can ask the signing service. */
export interface SigningService {
  /** Presets for this OS (or the given one). */
  modulePresets(os?: OsName): ModulePreset[];
  /** Scans the usual install paths for known card middlewares. */
  findModules(os?: OsName): Promise<FoundModule[]>;
  listSlots(module: Pkcs11ModuleRef): Promise<SlotInfo[]>;
  /** Certificates on a token (public objects: no PIN needed). */
  listCertificates(selector: TokenSelector): Promise<CertificateInfo[]>;
  /** Token status with the PIN flags, read without logging in. */
  tokenStatus(selector: TokenSelector): Promise<TokenStatus>;
  /**
   * Signs all documents with one login. Throws AppError PIN_INCORRECT / PIN_LOCKED /
   * PIN_FINAL_TRY_NEEDS_CONSENT / TOKEN_NOT_PRESENT / CERTIFICATE_INVALID before any document;
   * per-document problems are in the results.
   */
  signBatch(
    request: BatchRequest,
    options?: { signal?: AbortSignal; onProgress?: (p: BatchProgress) => void },
  ): Promise<BatchResult>;
  verify(request: VerifyRequest): Promise<Verdict>;
}
