/**
 * The request body checks of the simulator (FSE-GATEWAY.md §2.1, §3): multipart (`requestBody`
 * JSON field + `file`), JSON for the metadata update, nothing for delete; validated against the
 * official OpenAPI (openapi-backend), then our stricter formats (zod); and the file — not
 * empty, a PDF, with a CDA inside (ATTACHMENT or RESOURCE) whose facts the JWT is checked
 * against.
 */
import { createHash } from 'node:crypto';
import { readCdaFacts } from '../../../../shared/gateway/cda-facts.ts';
import type { SignedOperation } from '../../../../shared/gateway/jwt-claims.ts';
import {
  PublicationCreationReq,
  PublicationMetadataReq,
  PublicationUpdateReq,
  ValidateAndCreateReq,
  ValidateAndReplaceReq,
  ValidationCdaReq,
} from '../../../../shared/gateway/schemas.ts';
import { isPdf } from '../../../../shared/files/sniff.ts';
import { extractCdaFromPdf } from '../../../../shared/validation/cda/pdf.ts';
import type { gatewayOpenApi } from '../openapi.ts';
import { boundaryOf, parseMultipart, type MultipartPart } from './multipart.ts';
import { Problem } from './problem.ts';
import type { CdaReader } from './plugins.ts';
import { isAppError } from '../../../../shared/errors/index.ts';

type OpenApi = Awaited<ReturnType<typeof gatewayOpenApi>>;

const BODY_SCHEMAS = {
  validation: ValidationCdaReq,
  create: PublicationCreationReq,
  replace: PublicationUpdateReq,
  updateMetadata: PublicationMetadataReq,
  validateAndCreate: ValidateAndCreateReq,
  validateAndReplace: ValidateAndReplaceReq,
} as const;

export interface ParsedRequest {
  requestBody: Record<string, unknown>;
  /** The `file` part (multipart operations). */
  file: Uint8Array | undefined;
}

/** Splits the body by operation: JSON (metadata), multipart (file + requestBody) or none (delete). */
export function parseRequest(op: SignedOperation, contentType: string, body: Buffer): ParsedRequest {
  if (op === 'updateMetadata') {
    try {
      return { requestBody: JSON.parse(body.toString('utf8')) as Record<string, unknown>, file: undefined };
    } catch {
      throw new Problem('/msg/invalid-format', 'Il corpo della richiesta non è JSON valido', 400);
    }
  }
  if (op === 'delete') return { requestBody: {}, file: undefined };
  if (!contentType.startsWith('multipart/form-data')) throw new Problem('/msg/mandatory-element', 'Richiesta multipart/form-data attesa', 400);
  const boundary = boundaryOf(contentType);
  let parts: MultipartPart[];
  try {
    if (!boundary) throw new Error('no boundary');
    parts = parseMultipart(body, boundary);
  } catch {
    throw new Problem('/msg/invalid-format', 'Corpo multipart non leggibile', 400);
  }
  const rb = parts.find((p) => p.name === 'requestBody');
  const f = parts.find((p) => p.name === 'file');
  if (rb === undefined) throw new Problem('/msg/mandatory-element', 'Campo requestBody mancante', 400);
  let requestBody: Record<string, unknown>;
  try {
    requestBody = JSON.parse(rb.data.toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new Problem('/msg/invalid-format', 'requestBody non è JSON valido', 400);
  }
  if (f === undefined) throw new Problem('/msg/empty-file', 'File mancante', 400);
  // A view into the request body, not a copy: the body is this request's own buffer (routing.ts readBody).
  return { requestBody, file: f.data };
}

/** Against the official OpenAPI (openapi-backend), then our stricter formats. */
export function checkRequestBody(openapi: OpenApi, route: { method: string; path: string }, op: SignedOperation, requestBody: Record<string, unknown>): void {
  const check = openapi.validate({
    method: route.method,
    path: route.path,
    headers: { 'content-type': op === 'updateMetadata' ? 'application/json' : op === 'delete' ? '' : 'multipart/form-data' },
    body: op === 'updateMetadata' ? requestBody : op === 'delete' ? undefined : { requestBody, file: 'binary' },
  });
  if (!check.valid) {
    const missing = check.errors.find((e) => e.includes('required property'));
    throw new Problem(missing ? '/msg/mandatory-element' : '/msg/invalid-format', check.errors.join('; '), 400);
  }
  if (op !== 'delete') {
    const parsed = BODY_SCHEMAS[op].safeParse(requestBody);
    if (!parsed.success) throw new Problem('/msg/invalid-format', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), 400);
  }
}

export interface ReceivedDocument {
  cda: Uint8Array;
  facts: ReturnType<typeof readCdaFacts>;
  fileSha256: string;
}

/** In this thread: for a simulator without a worker (tests of the HTTP contract alone). */
export const inProcessCdaReader: CdaReader = async (pdf, mode) => {
  const extracted = await extractCdaFromPdf(pdf, mode).catch(() => null);
  if (!extracted) return null;
  try {
    return { bytes: extracted.bytes, facts: readCdaFacts(extracted.bytes) };
  } catch {
    return { bytes: extracted.bytes, facts: null };
  }
};

/** The file: not empty, a PDF, with a CDA (in the requested mode) that parses as XML. */
export async function readDocument(file: Uint8Array, requestBody: Record<string, unknown>, readCda: CdaReader = inProcessCdaReader): Promise<ReceivedDocument> {
  if (file.length === 0) throw new Problem('/msg/empty-file', 'Il file è vuoto', 400);
  if (!isPdf(file)) throw new Problem('/msg/document-type', 'Il file non è un PDF', 415);
  const fileSha256 = createHash('sha256').update(file).digest('hex');
  const mode = requestBody.mode === 'ATTACHMENT' || requestBody.mode === 'RESOURCE' ? requestBody.mode : undefined;
  let read: Awaited<ReturnType<CdaReader>>;
  try {
    read = await readCda(file, mode);
  } catch (e) {
    if (isAppError(e) && e.code === 'TIMEOUT') throw new Problem('/msg/generic-timeout', 'Tempo scaduto nell\'estrazione del CDA', 504);
    read = null;
  }
  if (!read) throw new Problem('/msg/cda-element', 'Errore in fase di estrazione del CDA', 400, '/cda-extraction');
  if (!read.facts) throw new Problem('/msg/cda-element', 'Il CDA estratto non è XML valido', 400, '/cda-extraction');
  return { cda: read.bytes, facts: read.facts, fileSha256 };
}
