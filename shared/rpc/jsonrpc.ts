import { isErrorCode, type RpcError } from '../errors/index.ts';
import type { RpcResult } from './result.ts';

/**
 * JSON-RPC 2.0 framing for the WebSocket transport. Application errors travel as a JSON-RPC
 * error with code -32000 and our `RpcError` as `data`; protocol errors use the standard codes.
 */
export interface JsonRpcRequest {
  jsonrpc: '2.0';
  id: number;
  method: string;
  params?: unknown;
}

export interface JsonRpcResponse {
  jsonrpc: '2.0';
  id: number | null;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

/** Server-to-client event notification (no id). */
export interface JsonRpcEvent {
  jsonrpc: '2.0';
  method: 'event';
  params: { event: string; payload: unknown };
}

export const APPLICATION_ERROR = -32000;
export const PARSE_ERROR = -32700;
export const INVALID_REQUEST = -32600;

export function toJsonRpcResponse(id: number, result: RpcResult): JsonRpcResponse {
  return result.ok
    ? { jsonrpc: '2.0', id, result: result.value }
    : { jsonrpc: '2.0', id, error: { code: APPLICATION_ERROR, message: result.error.message, data: result.error } };
}

export function fromJsonRpcResponse(response: JsonRpcResponse): RpcResult {
  if (!response.error) return { ok: true, value: response.result };
  const data = response.error.data as Partial<RpcError> | undefined;
  if (data && isErrorCode(data.code)) return { ok: false, error: data as RpcError };
  return { ok: false, error: { code: 'INTERNAL', message: response.error.message } };
}

export function parseJsonRpcRequest(text: string): JsonRpcRequest | { error: JsonRpcResponse } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: { jsonrpc: '2.0', id: null, error: { code: PARSE_ERROR, message: 'Parse error' } } };
  }
  const v = value as Partial<JsonRpcRequest>;
  if (v?.jsonrpc !== '2.0' || typeof v.id !== 'number' || typeof v.method !== 'string') {
    return { error: { jsonrpc: '2.0', id: typeof v?.id === 'number' ? v.id : null, error: { code: INVALID_REQUEST, message: 'Invalid request' } } };
  }
  return v as JsonRpcRequest;
}
