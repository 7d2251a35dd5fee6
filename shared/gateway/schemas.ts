/**
 * Request and response bodies of the FSE 2.0 gateway (swagger_gtw.yaml "2.6.3", IG v2.22,
 * FSE-GATEWAY.md §2–3). Request schemas are strict (the swagger says
 * `additionalProperties: false`); response schemas keep unknown fields out but accept them,
 * because the gateway may add fields without notice.
 */
import { z } from 'zod';
import { isCalendarDateText, NOT_ON_CALENDAR } from '../domain/calendar-date.ts';
import {
  ACTIVITY,
  ADMINISTRATIVE_REQUEST,
  ASSETTO_ORGANIZZATIVO,
  EVENT_STATUS,
  HEALTH_DATA_FORMAT,
  MODE,
  TIPO_ATTIVITA_CLINICA,
  TIPO_DOCUMENTO_LIV_ALTO,
  TIPOLOGIA_STRUTTURA,
} from './enums.ts';

/** `yyyyMMddHHmmss`, otherwise the gateway answers `/msg/invalid-format`. */
export const GatewayDateTime = z
  .string()
  .regex(/^\d{4}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])([01]\d|2[0-3])[0-5]\d[0-5]\d$/, 'yyyyMMddHHmmss')
  .refine(isCalendarDateText, NOT_ON_CALENDAR);

/** XDSDocumentEntry.uniqueId: `<oid>^<id>`; the dispatcher wants a non-empty id after `^` (CdaUtility.isValidMasterId). */
export const IdentificativoDoc = z.string().min(3).max(256).regex(/^[0-2](\.\d+)+\^[^^]+$/, '<OID>^<id>');

const assetto = z.string().refine((v) => ASSETTO_ORGANIZZATIVO.includes(v), 'assettoOrganizzativo AD_PSCnnn');

/** Fields shared by publication, replace, metadata update and validate-and-*. */
const metadataFields = {
  tipologiaStruttura: z.enum(TIPOLOGIA_STRUTTURA),
  attiCliniciRegoleAccesso: z.array(z.string().max(1000)).max(100).optional(),
  tipoDocumentoLivAlto: z.enum(TIPO_DOCUMENTO_LIV_ALTO),
  assettoOrganizzativo: assetto,
  dataInizioPrestazione: GatewayDateTime.optional(),
  dataFinePrestazione: GatewayDateTime.optional(),
  conservazioneANorma: z.string().max(100).optional(),
  tipoAttivitaClinica: z.enum(TIPO_ATTIVITA_CLINICA),
  identificativoSottomissione: z.string().min(1).max(100),
  descriptions: z.array(z.string().max(1000).regex(/^[^^]+\^[^^]*\^[0-2](\.\d+)+$/, 'CODE^Description^OID')).max(100).optional(),
  administrativeRequest: z.array(z.enum(ADMINISTRATIVE_REQUEST)).max(1000).optional(),
};

const documentFields = {
  identificativoDoc: IdentificativoDoc,
  identificativoRep: z.string().min(1).max(100),
  mode: z.enum(MODE).optional(),
  healthDataFormat: z.enum(HEALTH_DATA_FORMAT).optional(),
};

/** POST /documents/validation, part `requestBody` (ValidationCDAReqDTO). */
export const ValidationCdaReq = z.strictObject({
  healthDataFormat: z.enum(HEALTH_DATA_FORMAT).optional(),
  mode: z.enum(MODE).optional(),
  activity: z.enum(ACTIVITY),
});
export type ValidationCdaReq = z.infer<typeof ValidationCdaReq>;

/**
 * POST /documents (PublicationCreationReqDTO). `priorita` is deprecated (IG §5 banner): the
 * schema accepts it from old samples, our client never sends it.
 */
export const PublicationCreationReq = z.strictObject({
  ...metadataFields,
  ...documentFields,
  workflowInstanceId: z.string().max(256).optional(),
  priorita: z.boolean().optional(),
});
export type PublicationCreationReq = z.infer<typeof PublicationCreationReq>;

/** PUT /documents/{idDoc} (PublicationUpdateReqDTO). */
export const PublicationUpdateReq = z.strictObject({
  ...metadataFields,
  ...documentFields,
  workflowInstanceId: z.string().max(256).optional(),
});
export type PublicationUpdateReq = z.infer<typeof PublicationUpdateReq>;

/** PUT /documents/{idDoc}/metadata and /metadata-iti-57 (PublicationMetadataReqDTO), plain JSON. */
export const PublicationMetadataReq = z.strictObject({ ...metadataFields });
export type PublicationMetadataReq = z.infer<typeof PublicationMetadataReq>;

/** POST /documents/validate-and-create (ValidateAndCreateDTO). */
export const ValidateAndCreateReq = z.strictObject({ ...metadataFields, ...documentFields });
export type ValidateAndCreateReq = z.infer<typeof ValidateAndCreateReq>;

/** PUT /documents/validate-and-replace/{idDoc} (ValidateAndReplaceDTO). */
export const ValidateAndReplaceReq = z.strictObject({ ...metadataFields, ...documentFields });
export type ValidateAndReplaceReq = z.infer<typeof ValidateAndReplaceReq>;

/** Success body of validation (ValidationResDTO) and of every write (PublicationResDTO, ResponseWifDTO). */
export const GatewayResult = z.object({
  traceID: z.string().max(100).optional(),
  spanID: z.string().max(100).optional(),
  workflowInstanceId: z.string().max(256).optional(),
  warning: z.string().max(200000).optional().nullable(),
});
export type GatewayResult = z.infer<typeof GatewayResult>;

/** One event of a transaction (StatusCheckDTO). */
export const StatusEvent = z.object({
  eventType: z.string().optional().nullable(),
  eventDate: z.string().optional().nullable(),
  eventStatus: z.union([z.enum(EVENT_STATUS), z.string()]).optional().nullable(),
  message: z.string().optional().nullable(),
  identificativoDocumento: z.string().optional().nullable(),
  subject: z.string().optional().nullable(),
  subjectRole: z.string().optional().nullable(),
  tipoAttivita: z.string().optional().nullable(),
  organizzazione: z.string().optional().nullable(),
  workflowInstanceId: z.string().optional().nullable(),
  traceId: z.string().optional().nullable(),
  issuer: z.string().optional().nullable(),
  expiringDate: z.string().optional().nullable(),
  extra: z.string().optional().nullable(),
});
export type StatusEvent = z.infer<typeof StatusEvent>;

/** GET /status/{workflowInstanceId} and /status/search/{traceId} (TransactionInspectResDTO). */
export const TransactionInspectRes = z.object({
  traceID: z.string().optional(),
  spanID: z.string().optional(),
  transactionData: z.array(StatusEvent).default([]),
});
export type TransactionInspectRes = z.infer<typeof TransactionInspectRes>;

/** RFC 7807 body (ErrorResponseDTO; ValidationErrorResponseDTO adds workflowInstanceId). GovWay adds govway_id. */
export const ProblemDetails = z.object({
  traceID: z.string().optional(),
  spanID: z.string().optional(),
  type: z.string().optional(),
  title: z.string().optional(),
  detail: z.string().optional(),
  status: z.number().int().min(100).max(599).optional(),
  instance: z.string().optional(),
  workflowInstanceId: z.string().optional(),
  govway_id: z.string().optional(),
});
export type ProblemDetails = z.infer<typeof ProblemDetails>;

/** The gateway operations Cartella uses. */
export const GATEWAY_OPERATIONS = [
  'validation',
  'create',
  'replace',
  'updateMetadata',
  'delete',
  'validateAndCreate',
  'validateAndReplace',
  'statusByWorkflowInstanceId',
  'statusByTraceId',
  'health',
] as const;
export type GatewayOperation = (typeof GATEWAY_OPERATIONS)[number];

export interface EndpointSpec {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path under the base URL (which ends in /v1); `{id}` is the URL-encoded path parameter. */
  path: string;
  body: 'multipart' | 'json' | 'none';
  /** HTTP statuses that mean success. */
  success: readonly number[];
  /** Whether the FSE-JWT-Signature token is sent (status endpoints need only the Bearer, IG §12–13). */
  integrityToken: boolean;
  /** swagger operationId (for the OpenAPI validator); undefined when swagger lacks the path (⚠ /metadata). */
  operationId?: string;
}

/** FSE-GATEWAY.md §2 table. */
export const ENDPOINTS: Readonly<Record<GatewayOperation, EndpointSpec>> = {
  validation: { method: 'POST', path: '/documents/validation', body: 'multipart', success: [200, 201], integrityToken: true, operationId: 'validate' },
  create: { method: 'POST', path: '/documents', body: 'multipart', success: [202, 200, 201], integrityToken: true, operationId: 'create_1' },
  replace: { method: 'PUT', path: '/documents/{id}', body: 'multipart', success: [202, 200], integrityToken: true, operationId: 'replace_1' },
  updateMetadata: { method: 'PUT', path: '/documents/{id}/metadata', body: 'json', success: [200, 202], integrityToken: true },
  delete: { method: 'DELETE', path: '/documents/{id}', body: 'none', success: [200, 202], integrityToken: true, operationId: 'delete' },
  validateAndCreate: { method: 'POST', path: '/documents/validate-and-create', body: 'multipart', success: [202], integrityToken: true, operationId: 'validateAndCreate' },
  validateAndReplace: { method: 'PUT', path: '/documents/validate-and-replace/{id}', body: 'multipart', success: [202], integrityToken: true, operationId: 'validateAndReplace' },
  statusByWorkflowInstanceId: { method: 'GET', path: '/status/{id}', body: 'none', success: [200], integrityToken: false, operationId: 'getEvents' },
  statusByTraceId: { method: 'GET', path: '/status/search/{id}', body: 'none', success: [200], integrityToken: false, operationId: 'getEventsByTraceId' },
  health: { method: 'GET', path: '/status', body: 'none', success: [200], integrityToken: false, operationId: 'health' },
};

export function endpointPath(op: GatewayOperation, id?: string): string {
  const spec = ENDPOINTS[op];
  if (!spec.path.includes('{id}')) return spec.path;
  if (id === undefined || id === '') throw new Error(`${op} needs a path parameter`);
  return spec.path.replace('{id}', encodeURIComponent(id));
}

/** Base URLs per environment (IG §2). The simulator's is given at run time. */
export const GATEWAY_BASE_URLS = {
  validation: 'https://modipa-val.fse.salute.gov.it/govway/rest/in/FSE/gateway/v1',
  production: 'https://modipa.fse.salute.gov.it/govway/rest/in/FSE/gateway/v1',
} as const;
export type GatewayEnvironment = keyof typeof GATEWAY_BASE_URLS | 'simulator';

/** Final event types: a status poll may stop when one of these reports SUCCESS or BLOCKING_ERROR. */
export function isFinalEvent(e: StatusEvent): boolean {
  return e.eventStatus === 'BLOCKING_ERROR' || (e.eventStatus === 'SUCCESS' && /^(RIFERIMENTI_INI|EDS_|INI_|UAR_FINAL_STATUS|SEND_TO_INI|DELETE|UPDATE)/.test(e.eventType ?? ''));
}

/**
 * The published/rejected verdict of a transaction from its events: a PUBLICATION/REPLACE
 * (or VALIDATION_FOR_*) SUCCESS means the gateway took the document; any BLOCKING_ERROR
 * means it refused; otherwise it is unknown (no such transaction, or still running).
 */
export function transactionOutcome(events: readonly StatusEvent[], kind: 'create' | 'replace' | 'validation' = 'create'):
  | { outcome: 'accepted'; workflowInstanceId?: string; traceId?: string }
  | { outcome: 'rejected'; message?: string }
  | { outcome: 'unknown' } {
  const wanted = kind === 'create' ? ['PUBLICATION', 'VALIDATION_FOR_PUBLICATION'] : kind === 'replace' ? ['REPLACE', 'VALIDATION_FOR_REPLACE'] : ['VALIDATION'];
  const blocking = events.find((e) => e.eventStatus === 'BLOCKING_ERROR' && (e.eventType === null || e.eventType === undefined || wanted.includes(e.eventType)));
  const ok = events.find((e) => e.eventStatus === 'SUCCESS' && wanted.includes(e.eventType ?? ''));
  if (ok) {
    const r: { outcome: 'accepted'; workflowInstanceId?: string; traceId?: string } = { outcome: 'accepted' };
    if (ok.workflowInstanceId) r.workflowInstanceId = ok.workflowInstanceId;
    if (ok.traceId) r.traceId = ok.traceId;
    return r;
  }
  if (blocking) return blocking.message ? { outcome: 'rejected', message: blocking.message } : { outcome: 'rejected' };
  return { outcome: 'unknown' };
}
