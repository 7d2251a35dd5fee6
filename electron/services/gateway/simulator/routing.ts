/**
 * Routing of the simulator: the request path under /v1 matched against the official
 * swagger_gtw.yaml (openapi-backend), mapped to our GatewayOperation, with the path parameter
 * (identificativoDoc, workflowInstanceId or traceId); and reading a request body with a cap.
 */
import type { IncomingMessage } from 'node:http';
import type { GatewayOperation } from '../../../../shared/gateway/schemas.ts';
import type { gatewayOpenApi } from '../openapi.ts';
import { requestTarget } from '../../../../shared/http/request-target.ts';
import { Problem } from './problem.ts';

type OpenApi = Awaited<ReturnType<typeof gatewayOpenApi>>;

/** swagger_gtw.yaml operationId → our operation. */
export const OPERATION_BY_ID: Record<string, GatewayOperation> = {
  validate: 'validation',
  create_1: 'create',
  replace_1: 'replace',
  updateMetadata: 'updateMetadata',
  updateMetadataIti_57: 'updateMetadata',
  delete: 'delete',
  validateAndCreate: 'validateAndCreate',
  validateAndReplace: 'validateAndReplace',
  getEvents: 'statusByWorkflowInstanceId',
  getEventsByTraceId: 'statusByTraceId',
  health: 'health',
};

export interface Route {
  method: string;
  /** Path under /v1. */
  path: string;
  operationId: string;
  op: GatewayOperation;
  /** The decoded path parameter, if any. */
  idParam: string | undefined;
}

const PREFIX = '/v1';

/** The route of a request, or the 404 Problem for a path or operation the gateway does not have. */
export function routeOf(openapi: OpenApi, req: IncomingMessage): Route {
  const fullUrl = requestTarget(req.url);
  if (!fullUrl) throw new Problem('/msg/invalid-format', 'Percorso della richiesta non valido', 400);
  if (!fullUrl.pathname.startsWith(`${PREFIX}/`) && fullUrl.pathname !== PREFIX) throw new Problem('/msg/record-not-found', 'Risorsa non trovata', 404);
  const path = fullUrl.pathname.slice(PREFIX.length) || '/';
  const method = (req.method ?? 'GET').toUpperCase();
  const match = openapi.match(method, path);
  const op = match?.operationId ? OPERATION_BY_ID[match.operationId] : undefined;
  if (!match || !op) throw new Problem('/msg/record-not-found', `Operazione non trovata: ${method} ${path}`, 404);
  const m = /^\/(?:documents(?:\/validate-and-replace)?|status(?:\/search)?)\/([^/]+)/.exec(path);
  return { method, path, operationId: match.operationId as string, op, idParam: m ? decodePathParam(m[1] as string) : undefined };
}

/** A percent-encoded path segment; a malformed encoding (RFC 3986 §2.1) is the client's error. */
function decodePathParam(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new Problem('/msg/invalid-format', 'Parametro del percorso con codifica percentuale non valida', 400);
  }
}

export async function readBody(req: IncomingMessage, limit = 20 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > limit) throw new Problem('/msg/generic-error', 'Payload too large', 413);
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}
