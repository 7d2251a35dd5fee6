/**
 * The two JWTs of every gateway call (FSE-GATEWAY.md §4; IG §2.3, §15.1, tables 54–55; DSP
 * JWTPayloadDTO/JwtSRV; TOOLS jwt-generator). Pure: builds claim objects and checks them; the
 * signing (RS256 with the signature certificate, x5c header) is in electron/services/gateway.
 *
 * Where the official samples disagree with the guide (§9), the guide wins: raw `&` in CX
 * values (the samples have `&amp;`), an XON `locality` (the samples have a bare code),
 * seconds for iat/exp (the IG example shows ms), and the `auth:`/`integrity:` issuer prefixes.
 */
import { checkCodiceFiscale } from '../domain/codice-fiscale.ts';
import {
  ACTION_ID,
  OID_LOINC,
  OID_MEF_CF,
  OID_TEAM,
  PURPOSE_OF_USE,
  SUBJECT_ORGANIZATIONS,
  SUBJECT_ROLE,
  type ActionId,
  type PurposeOfUse,
  type SubjectRole,
} from './enums.ts';
import type { GatewayOperation } from './schemas.ts';

/** Operations that carry the FSE-JWT-Signature token. */
export type SignedOperation = Exclude<GatewayOperation, 'statusByWorkflowInstanceId' | 'statusByTraceId' | 'health'>;

/** purpose_of_use and action_id per operation (IG table 55; DSP JwtSRV coherence checks). */
export const OPERATION_CLAIMS: Readonly<Record<SignedOperation, { purposeOfUse: readonly PurposeOfUse[]; actionId: readonly ActionId[] }>> = {
  validation: { purposeOfUse: ['TREATMENT'], actionId: ['CREATE', 'UPDATE'] },
  create: { purposeOfUse: ['TREATMENT'], actionId: ['CREATE'] },
  validateAndCreate: { purposeOfUse: ['TREATMENT'], actionId: ['CREATE'] },
  replace: { purposeOfUse: ['UPDATE', 'TREATMENT'], actionId: ['UPDATE'] },
  validateAndReplace: { purposeOfUse: ['UPDATE', 'TREATMENT'], actionId: ['UPDATE'] },
  updateMetadata: { purposeOfUse: ['UPDATE', 'ACCESS UPDATE'], actionId: ['UPDATE'] },
  delete: { purposeOfUse: ['UPDATE'], actionId: ['DELETE'] },
};

/** Operations where the gateway compares attachment_hash with the file (create/replace; not validation). */
export const HASH_CHECKED: ReadonlySet<SignedOperation> = new Set(['create', 'replace', 'validateAndCreate', 'validateAndReplace']);
/** Operations that send a file (attachment_hash is sent when there is a file). */
export const WITH_FILE: ReadonlySet<SignedOperation> = new Set(['validation', 'create', 'replace', 'validateAndCreate', 'validateAndReplace']);
/** Operations where `locality` must be XON (create/replace/update/delete, not validation). */
export const LOCALITY_CHECKED: ReadonlySet<SignedOperation> = new Set(['create', 'replace', 'validateAndCreate', 'validateAndReplace', 'updateMetadata', 'delete']);

export const JWT_HEADER_ALG = 'RS256';
export const ALLOWED_ALGS = ['RS256', 'RS384', 'RS512'] as const;

/** XON per IG table 55: `NAME^^^^^&<catalog OID>&ISO^^^^<code>`. */
export const XON_PATTERN = /^[^^]*\^{5}&[^&]*&ISO\^{4}[^^&]*$/;
/** CX of a person: `<id>^^^&<root OID>&ISO`. */
export const CX_PATTERN = /^([^^&]+)\^\^\^&([0-2](?:\.\d+)+)&ISO$/;

export interface Xon {
  /** Name of the structure, e.g. "STUDIO MEDICO ROSSI". */
  name: string;
  /** Catalog OID: 2.16.840.1.113883.2.9.4.1.3 (STS.11) or 2.16.840.1.113883.2.9.4.1.2 (HSP.11). */
  catalogOid: string;
  /** Code of the structure in that catalog. */
  code: string;
}

export function formatXon(x: Xon): string {
  const clean = (s: string) => s.replace(/[\^&]/g, ' ').trim();
  return `${clean(x.name)}^^^^^&${x.catalogOid}&ISO^^^^${clean(x.code)}`;
}

/** A person's CX with raw `&` (not `&amp;`). */
export function formatCx(id: string, root: string = OID_MEF_CF): string {
  return `${id}^^^&${root}&ISO`;
}

export function parseCx(cx: string): { id: string; root: string } | undefined {
  const m = CX_PATTERN.exec(cx);
  return m ? { id: m[1] as string, root: m[2] as string } : undefined;
}

/** `('<code>^^<codeSystem>')` of the first `<code>` of the CDA. */
export function formatResourceHl7Type(code: string, codeSystem: string = OID_LOINC): string {
  return `('${code}^^${codeSystem}')`;
}

/** Who sends: the practice's configuration, fixed between calls. */
export interface JwtIdentity {
  /** CN of the signature certificate, e.g. `S1#110201234567XX`; issuers are `auth:`/`integrity:` + CN. */
  signatureCertCn: string;
  /** The gateway base URL including /v1 (aud). */
  audience: string;
  /** The doctor's codice fiscale (sub, as CX with the MEF OID). */
  subjectFiscalCode: string;
  /** `APR` for MMG/PLS. */
  subjectRole: SubjectRole;
  /** e.g. `120` (Lazio); subject_organization is taken from the official table. */
  subjectOrganizationId: string;
  locality: Xon;
  application: { id: string; vendor: string; version: string };
  useSubjectAsAuthor?: boolean;
}

/** What the integrity token says about the document and the patient. */
export interface JwtDocumentFacts {
  /** recordTarget/patientRole/id of the CDA. */
  patient: { extension: string; root: string };
  /** First `<code>` of the CDA (LOINC code of the document type). */
  documentCode?: { code: string; codeSystem: string };
  /** SHA-256 hex of the whole PDF file. */
  attachmentHash?: string;
  patientConsent?: boolean;
  /**
   * Who asks for this operation when it is not the identity's doctor: the doctor at work who
   * wrote and queued the document (a sostituto). `sub` is "Codice Fiscale dell'utente … che fa
   * richiesta del servizio" (IG §15.1, tables 54 and 55); the gateway's metadata mapping takes
   * the author from the CDA (authorPerson ← author/assignedAuthor/id) and authorRole and
   * authorInstitution from subject_role and locality, which stay the practice's (APR, the
   * titolare's structure). The guide names no other claim for a substitute.
   */
  requester?: { fiscalCode: string };
}

export interface TokenTiming {
  /** Seconds since the epoch. */
  iat: number;
  /** Lifetime in seconds (default 300). */
  ttl?: number;
  jti: string;
}

export interface AuthClaims {
  iss: string;
  sub: string;
  aud: string;
  iat: number;
  exp: number;
  jti: string;
}

export interface IntegrityClaims extends AuthClaims {
  subject_role: string;
  subject_organization_id: string;
  subject_organization: string;
  locality: string;
  purpose_of_use: string;
  action_id: string;
  person_id: string;
  patient_consent: boolean;
  resource_hl7_type?: string;
  attachment_hash?: string;
  subject_application_id: string;
  subject_application_vendor: string;
  subject_application_version: string;
  use_subject_as_author?: boolean;
}

export function buildAuthClaims(id: JwtIdentity, t: TokenTiming, requester?: { fiscalCode: string }): AuthClaims {
  return {
    iss: `auth:${id.signatureCertCn}`,
    sub: formatCx((requester?.fiscalCode ?? id.subjectFiscalCode).toUpperCase()),
    aud: id.audience,
    iat: t.iat,
    exp: t.iat + (t.ttl ?? 300),
    jti: t.jti,
  };
}

export interface IntegrityOptions {
  /** For updateMetadata: the change touches P99 (oscuramento) → purpose_of_use `ACCESS UPDATE`. */
  changesP99?: boolean;
}

export function buildIntegrityClaims(
  op: SignedOperation,
  id: JwtIdentity,
  doc: JwtDocumentFacts,
  t: TokenTiming,
  opts: IntegrityOptions = {},
): IntegrityClaims {
  const organization = SUBJECT_ORGANIZATIONS[id.subjectOrganizationId];
  if (organization === undefined) throw new Error(`Unknown subject_organization_id ${id.subjectOrganizationId}`);
  const rules = OPERATION_CLAIMS[op];
  const purpose: PurposeOfUse = op === 'updateMetadata' && opts.changesP99 ? 'ACCESS UPDATE' : (rules.purposeOfUse[0] as PurposeOfUse);
  const claims: IntegrityClaims = {
    iss: `integrity:${id.signatureCertCn}`,
    sub: formatCx((doc.requester?.fiscalCode ?? id.subjectFiscalCode).toUpperCase()),
    aud: id.audience,
    iat: t.iat,
    exp: t.iat + (t.ttl ?? 300),
    jti: t.jti,
    subject_role: id.subjectRole,
    subject_organization_id: id.subjectOrganizationId,
    subject_organization: organization,
    locality: formatXon(id.locality),
    purpose_of_use: purpose,
    action_id: rules.actionId[0] as ActionId,
    person_id: formatCx(doc.patient.extension, doc.patient.root),
    patient_consent: doc.patientConsent ?? true,
    subject_application_id: id.application.id,
    subject_application_vendor: id.application.vendor,
    subject_application_version: id.application.version,
  };
  if (op !== 'delete') {
    if (!doc.documentCode) throw new Error(`${op} needs the document code for resource_hl7_type`);
    claims.resource_hl7_type = formatResourceHl7Type(doc.documentCode.code, doc.documentCode.codeSystem);
  }
  if (WITH_FILE.has(op)) {
    if (doc.attachmentHash === undefined) throw new Error(`${op} needs attachment_hash`);
    if (!/^[0-9a-f]{64}$/i.test(doc.attachmentHash)) throw new Error('attachment_hash must be SHA-256 hex');
    claims.attachment_hash = doc.attachmentHash.toLowerCase();
  }
  if (id.useSubjectAsAuthor !== undefined) claims.use_subject_as_author = id.useSubjectAsAuthor;
  return claims;
}

// ---------------------------------------------------------------------------------------------
// Checks (the gateway's side, used by the simulator and by tests on the official samples)

/** `instance` values of /msg/jwt-validation (DSP ErrorInstanceEnum). */
export type ClaimProblemInstance =
  | '/jwt-mandatory-field-missing'
  | '/jwt-mandatory-field-malformed'
  | '/jwt-document-type'
  | '/jwt-person-id'
  | '/jwt-hash-match';

export interface ClaimProblem {
  claim: string;
  instance: ClaimProblemInstance;
  /** The error type to answer with: /msg/jwt-validation, or /msg/document-hash for the hash. */
  type: '/msg/jwt-validation' | '/msg/document-hash';
  message: string;
}

/** What the gateway knows when it checks the claims. */
export interface ClaimCheckContext {
  op: SignedOperation;
  /** Now, seconds. Omit to skip iat/exp freshness (official samples expired long ago). */
  now?: number;
  /** Expected `aud` (the base URL); omit to skip. */
  audience?: string;
  /** Expected issuer CN (from the x5c certificate); omit to skip. */
  issuerCn?: string;
  /** SHA-256 hex of the received file. */
  fileSha256?: string;
  /** recordTarget/patientRole/id of the CDA in the file. */
  patientIds?: readonly { extension: string; root: string }[];
  /** First `<code>` of the CDA. */
  documentCode?: { code: string; codeSystem: string };
  /** The update touches P99. */
  changesP99?: boolean;
}

const MANDATORY: readonly string[] = [
  'iss', 'sub', 'aud', 'iat', 'exp', 'jti', 'subject_role', 'subject_organization_id', 'subject_organization', 'locality',
  'purpose_of_use', 'action_id', 'person_id', 'patient_consent', 'subject_application_id', 'subject_application_vendor',
  'subject_application_version',
];

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Check the Authorization Bearer payload. */
export function checkAuthClaims(claims: Record<string, unknown>, ctx: Pick<ClaimCheckContext, 'now' | 'audience' | 'issuerCn'>): ClaimProblem[] {
  const problems: ClaimProblem[] = [];
  const missing = (claim: string) => problems.push({ claim, instance: '/jwt-mandatory-field-missing', type: '/msg/jwt-validation', message: `Campo ${claim} mancante nel token di autenticazione` });
  const malformed = (claim: string, why: string) => problems.push({ claim, instance: '/jwt-mandatory-field-malformed', type: '/msg/jwt-validation', message: `Campo ${claim} non valido nel token di autenticazione: ${why}` });
  for (const c of ['iss', 'sub', 'aud', 'iat', 'exp', 'jti']) if (claims[c] === undefined || claims[c] === '') missing(c);
  const iss = str(claims.iss);
  if (iss && !iss.startsWith('auth:')) malformed('iss', 'deve iniziare con auth:');
  else if (iss && ctx.issuerCn !== undefined && iss !== `auth:${ctx.issuerCn}`) malformed('iss', 'non corrisponde al certificato di firma');
  checkTimes(claims, ctx, malformed);
  if (ctx.audience !== undefined && claims.aud !== undefined && claims.aud !== ctx.audience) malformed('aud', 'audience diversa dal gateway');
  return problems;
}

function checkTimes(claims: Record<string, unknown>, ctx: Pick<ClaimCheckContext, 'now'>, malformed: (c: string, why: string) => void): void {
  const iat = claims.iat;
  const exp = claims.exp;
  if (iat !== undefined && (typeof iat !== 'number' || !Number.isInteger(iat) || iat > 1e11)) malformed('iat', 'deve essere in secondi');
  if (exp !== undefined && (typeof exp !== 'number' || !Number.isInteger(exp) || exp > 1e11)) malformed('exp', 'deve essere in secondi');
  if (typeof iat === 'number' && typeof exp === 'number' && exp <= iat) malformed('exp', 'scadenza non successiva a iat');
  if (ctx.now !== undefined && typeof exp === 'number' && exp < ctx.now) malformed('exp', 'token scaduto');
  if (ctx.now !== undefined && typeof iat === 'number' && iat > ctx.now + 60) malformed('iat', 'emesso nel futuro');
}

/** Check the FSE-JWT-Signature payload as the dispatcher does (DSP JwtSRV, IG table 55). */
export function checkIntegrityClaims(claims: Record<string, unknown>, ctx: ClaimCheckContext): ClaimProblem[] {
  const problems: ClaimProblem[] = [];
  const missing = (claim: string) => problems.push({ claim, instance: '/jwt-mandatory-field-missing', type: '/msg/jwt-validation', message: `Campo obbligatorio ${claim} mancante nel token` });
  const malformed = (claim: string, why: string) => problems.push({ claim, instance: '/jwt-mandatory-field-malformed', type: '/msg/jwt-validation', message: `Campo ${claim} non valido: ${why}` });
  const mandatory = [...MANDATORY];
  if (ctx.op !== 'delete') mandatory.push('resource_hl7_type');
  if (HASH_CHECKED.has(ctx.op)) mandatory.push('attachment_hash');
  for (const c of mandatory) if (claims[c] === undefined || claims[c] === null || claims[c] === '') missing(c);

  const iss = str(claims.iss);
  if (iss && !iss.startsWith('integrity:')) malformed('iss', 'deve iniziare con integrity:');
  else if (iss && ctx.issuerCn !== undefined && iss !== `integrity:${ctx.issuerCn}`) malformed('iss', 'non corrisponde al certificato di firma');
  checkTimes(claims, ctx, malformed);
  if (ctx.audience !== undefined && claims.aud !== undefined && claims.aud !== ctx.audience) malformed('aud', 'audience diversa dal gateway');

  const sub = str(claims.sub);
  if (sub) {
    const cx = parseCx(sub);
    if (!cx) malformed('sub', 'formato CX atteso CF^^^&OID&ISO (con & non codificato)');
    else if (cx.root === OID_MEF_CF && !checkCodiceFiscale(cx.id).valid) malformed('sub', 'codice fiscale non valido');
  }
  const orgId = str(claims.subject_organization_id);
  const org = str(claims.subject_organization);
  if (orgId !== undefined) {
    const expected = SUBJECT_ORGANIZATIONS[orgId];
    if (expected === undefined) malformed('subject_organization_id', 'valore non ammesso');
    else if (org !== undefined && org !== expected) malformed('subject_organization', `non coerente con subject_organization_id (${expected})`);
  }
  const locality = str(claims.locality);
  if (locality !== undefined && LOCALITY_CHECKED.has(ctx.op) && !XON_PATTERN.test(locality)) malformed('locality', 'formato XON atteso NOME^^^^^&OID&ISO^^^^CODICE');
  const role = str(claims.subject_role);
  if (role !== undefined && !(SUBJECT_ROLE as readonly string[]).includes(role)) malformed('subject_role', 'valore non ammesso');
  const rules = OPERATION_CLAIMS[ctx.op];
  const purpose = str(claims.purpose_of_use);
  if (purpose !== undefined) {
    if (!(PURPOSE_OF_USE as readonly string[]).includes(purpose)) malformed('purpose_of_use', 'valore non ammesso');
    else if (!rules.purposeOfUse.includes(purpose as PurposeOfUse)) malformed('purpose_of_use', `non coerente con l'operazione (${rules.purposeOfUse.join(', ')})`);
    else if (ctx.op === 'updateMetadata' && ctx.changesP99 === true && purpose !== 'ACCESS UPDATE') malformed('purpose_of_use', 'la modifica di P99 richiede ACCESS UPDATE');
  }
  const action = str(claims.action_id);
  if (action !== undefined) {
    if (!(ACTION_ID as readonly string[]).includes(action)) malformed('action_id', 'valore non ammesso');
    else if (!rules.actionId.includes(action as ActionId)) malformed('action_id', `non coerente con l'operazione (${rules.actionId.join(', ')})`);
  }
  if (claims.patient_consent !== undefined && typeof claims.patient_consent !== 'boolean') malformed('patient_consent', 'deve essere booleano');
  if (claims.use_subject_as_author !== undefined && typeof claims.use_subject_as_author !== 'boolean') malformed('use_subject_as_author', 'deve essere booleano');

  const personId = str(claims.person_id);
  if (personId !== undefined) {
    const cx = parseCx(personId);
    if (!cx) malformed('person_id', 'formato CX atteso CF^^^&OID&ISO (con & non codificato)');
    else {
      if (ctx.patientIds !== undefined) {
        const match = ctx.patientIds.find((p) => p.extension === cx.id);
        if (!match) problems.push({ claim: 'person_id', instance: '/jwt-person-id', type: '/msg/jwt-validation', message: 'person_id non corrisponde al paziente del CDA (recordTarget/patientRole/id)' });
        else if (match.root !== OID_TEAM && match.root === OID_MEF_CF && !checkCodiceFiscale(cx.id).valid) malformed('person_id', 'codice fiscale non valido');
      } else if (cx.root === OID_MEF_CF && !checkCodiceFiscale(cx.id).valid) malformed('person_id', 'codice fiscale non valido');
    }
  }
  const hl7 = str(claims.resource_hl7_type);
  if (hl7 !== undefined && ctx.op !== 'delete') {
    if (!/^\('[^^']+\^\^[0-2](\.\d+)+'\)$/.test(hl7)) malformed('resource_hl7_type', "formato atteso ('CODICE^^OID')");
    else if (ctx.documentCode && hl7 !== formatResourceHl7Type(ctx.documentCode.code, ctx.documentCode.codeSystem)) {
      problems.push({ claim: 'resource_hl7_type', instance: '/jwt-document-type', type: '/msg/jwt-validation', message: 'resource_hl7_type non corrisponde al codice del documento nel CDA' });
    }
  }
  const hash = str(claims.attachment_hash);
  if (hash !== undefined && HASH_CHECKED.has(ctx.op)) {
    if (!/^[0-9a-f]{64}$/i.test(hash)) malformed('attachment_hash', 'atteso SHA-256 esadecimale');
    else if (ctx.fileSha256 !== undefined && hash.toLowerCase() !== ctx.fileSha256.toLowerCase()) {
      problems.push({ claim: 'attachment_hash', instance: '/jwt-hash-match', type: '/msg/document-hash', message: "L'hash del file non corrisponde ad attachment_hash del token" });
    }
  }
  return problems;
}
