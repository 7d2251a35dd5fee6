import { fromJsonRpcResponse, type JsonRpcEvent, type JsonRpcRequest, type JsonRpcResponse } from '../../../shared/rpc/jsonrpc.ts';
import type { RpcResult, RpcTransport } from '../../../shared/rpc/result.ts';
import type { ConnectionSource, ConnectionState } from './connection.ts';

/** How long a call made while the connection is down waits for it to come back. */
const WAIT_WHILE_DOWN_MS = 15_000;
/** How long a sent call waits for its answer. */
const CALL_TIMEOUT_MS = 30_000;
const BACKOFF_MS = [250, 500, 1000, 2000, 4000, 8000];

interface Pending {
  resolve(result: RpcResult): void;
  timer: ReturnType<typeof setTimeout>;
}

interface Queued {
  frame: Omit<JsonRpcRequest, 'id'>;
  resolve(result: RpcResult): void;
  timer: ReturnType<typeof setTimeout>;
}

const timeout = (message: string): RpcResult => ({ ok: false, error: { code: 'TIMEOUT', message } });

/**
 * JSON-RPC 2.0 over the node host's WebSocket (same origin, authorised by its cookie).
 * Reconnects with backoff after a drop; calls made while down wait for the connection, then
 * fail with TIMEOUT; calls in flight when it drops fail with TIMEOUT (their outcome is unknown).
 */
export class WebSocketTransport implements RpcTransport, ConnectionSource {
  private socket: WebSocket | undefined;
  private state: ConnectionState = 'connecting';
  private nextId = 1;
  private attempt = 0;
  private readonly pending = new Map<number, Pending>();
  private queue: Queued[] = [];
  private readonly stateListeners = new Set<() => void>();
  private readonly eventListeners = new Map<string, Set<(payload: unknown) => void>>();

  constructor(private readonly url: string) {
    this.connect();
  }

  get(): ConnectionState {
    return this.state;
  }

  listen(listener: () => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  call(method: string, params: unknown): Promise<RpcResult> {
    return new Promise((resolve) => {
      const frame = { jsonrpc: '2.0' as const, method, params };
      if (this.state === 'open' && this.socket) {
        this.send(frame, resolve);
        return;
      }
      const queued: Queued = {
        frame,
        resolve,
        timer: setTimeout(() => {
          this.queue = this.queue.filter((q) => q !== queued);
          resolve(timeout('Service unreachable'));
        }, WAIT_WHILE_DOWN_MS),
      };
      this.queue.push(queued);
    });
  }

  subscribe(event: string, listener: (payload: unknown) => void): () => void {
    let set = this.eventListeners.get(event);
    if (!set) this.eventListeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  private send(frame: Omit<JsonRpcRequest, 'id'>, resolve: (r: RpcResult) => void): void {
    const id = this.nextId++;
    const timer = setTimeout(() => {
      this.pending.delete(id);
      resolve(timeout('No answer'));
    }, CALL_TIMEOUT_MS);
    this.pending.set(id, { resolve, timer });
    this.socket!.send(JSON.stringify({ ...frame, id }));
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    for (const l of this.stateListeners) l();
  }

  private connect(): void {
    const ws = new WebSocket(this.url);
    this.socket = ws;
    ws.onopen = () => {
      this.attempt = 0;
      this.setState('open');
      const waiting = this.queue;
      this.queue = [];
      for (const q of waiting) {
        clearTimeout(q.timer);
        this.send(q.frame, q.resolve);
      }
    };
    ws.onmessage = (e) => this.receive(String(e.data));
    ws.onclose = () => {
      this.socket = undefined;
      for (const [id, p] of this.pending) {
        clearTimeout(p.timer);
        p.resolve(timeout('Connection lost during the call'));
        this.pending.delete(id);
      }
      this.setState('down');
      const delay = BACKOFF_MS[Math.min(this.attempt++, BACKOFF_MS.length - 1)]!;
      setTimeout(() => this.connect(), delay);
    };
  }

  private receive(text: string): void {
    let msg: JsonRpcResponse | JsonRpcEvent;
    try {
      msg = JSON.parse(text) as JsonRpcResponse | JsonRpcEvent;
    } catch {
      return;
    }
    if ('method' in msg && msg.method === 'event') {
      for (const l of this.eventListeners.get(msg.params.event) ?? []) l(msg.params.payload);
      return;
    }
    const response = msg as JsonRpcResponse;
    if (typeof response.id !== 'number') return;
    const p = this.pending.get(response.id);
    if (!p) return;
    clearTimeout(p.timer);
    this.pending.delete(response.id);
    p.resolve(fromJsonRpcResponse(response));
  }
}

/** ws://host/rpc for the page's own origin. */
export function sameOriginRpcUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/rpc`;
}
