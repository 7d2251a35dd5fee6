/**
 * The simulator's answers: JSON bodies and RFC 7807 problems (FSE-GATEWAY.md §6) carrying the
 * request's traceID and spanID, as the dispatcher sends them.
 */
import type { ServerResponse } from 'node:http';
import { problemBody } from '../../../../shared/gateway/errors.ts';

/** A refusal with its RFC 7807 type (`/msg/...`), detail and, when not the type's default, status. */
export class Problem extends Error {
  constructor(
    readonly type: string,
    readonly detail: string,
    readonly status?: number,
    readonly instance?: string,
    readonly workflowInstanceId?: string,
  ) {
    super(detail);
  }
}

export interface Responder {
  readonly traceID: string;
  readonly spanID: string;
  send(status: number, body: unknown, type?: string, headers?: Record<string, string>): void;
  fail(p: Problem, headers?: Record<string, string>): void;
}

export function responder(res: ServerResponse, traceID: string, spanID: string): Responder {
  const send: Responder['send'] = (status, body, type = 'application/json', headers = {}) => {
    if (res.destroyed) return;
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text), ...headers });
    res.end(text);
  };
  return {
    traceID,
    spanID,
    send,
    fail(p, headers = {}) {
      const ids: { traceID: string; spanID: string; instance?: string; workflowInstanceId?: string } = { traceID, spanID };
      if (p.instance !== undefined) ids.instance = p.instance;
      if (p.workflowInstanceId !== undefined) ids.workflowInstanceId = p.workflowInstanceId;
      send(p.status ?? problemBody(p.type, p.detail, ids).status, problemBody(p.type, p.detail, ids, p.status), 'application/problem+json', headers);
    },
  };
}
