import { fromJsonRpcResponse, type JsonRpcEvent, type JsonRpcRequest, type JsonRpcResponse } from './jsonrpc.ts';
import type { RpcResult, RpcTransport } from './result.ts';

/** The part of the WebSocket API we use: the browser's, or the `ws` package's in Node. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  addEventListener(type: 'message', listener: (e: { data: unknown }) => void): void;
  addEventListener(type: 'close' | 'open' | 'error', listener: (e: unknown) => void): void;
}

const OPEN = 1;

/**
 * JSON-RPC 2.0 over one WebSocket connection (the node host's transport). A call made while
 * the socket is closed, or pending when it closes, resolves to a typed DB_UNAVAILABLE error
 * instead of hanging.
 */
export function websocketTransport(socket: WebSocketLike): RpcTransport & { close(): void } {
  let nextId = 1;
  const pending = new Map<number, (r: RpcResult) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  socket.addEventListener('message', (e) => {
    const msg = JSON.parse(String(e.data)) as JsonRpcResponse | JsonRpcEvent;
    if ('method' in msg && msg.method === 'event') {
      for (const l of listeners.get(msg.params.event) ?? []) l(msg.params.payload);
      return;
    }
    const response = msg as JsonRpcResponse;
    if (typeof response.id !== 'number') return;
    pending.get(response.id)?.(fromJsonRpcResponse(response));
    pending.delete(response.id);
  });
  socket.addEventListener('close', () => {
    for (const resolve of pending.values()) {
      resolve({ ok: false, error: { code: 'DB_UNAVAILABLE', message: 'Connection to the services closed' } });
    }
    pending.clear();
  });

  return {
    call(method, params) {
      if (socket.readyState !== OPEN) {
        return Promise.resolve({ ok: false, error: { code: 'DB_UNAVAILABLE', message: 'Not connected to the services' } });
      }
      const id = nextId++;
      const request: JsonRpcRequest = { jsonrpc: '2.0', id, method, params };
      return new Promise((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify(request));
      });
    },
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
    close: () => socket.close(),
  };
}
