import { fromJsonRpcResponse, type JsonRpcEvent, type JsonRpcRequest, type JsonRpcResponse } from './jsonrpc.ts';
import type { RpcResult, RpcTransport } from './result.ts';

/** The part of the WebSocket API we use: the browser's, or the `ws` package's in Node. */
export interface WebSocketLike {
  // `never` parameters: any handler signature (DOM Event, ws's own event types) fits.
  onopen: ((e: never) => void) | null;
  onclose: ((e: never) => void) | null;
  onmessage: ((e: never) => void) | null;
  send(data: string): void;
  close(): void;
}

/** The state of the link to the services, shown in the header and the offline banner. */
export type ConnectionState = 'connecting' | 'open' | 'down';

export interface WebSocketTransportOptions {
  /** How long a call made while the connection is down waits for it to come back. */
  waitWhileDownMs?: number;
  /**
   * How long a sent call waits for its answer. A dropped connection is noticed at once by the
   * socket closing, so this only guards a service that never answers; it is generous because
   * a batch (signing, bulk PSS) answers once, at its end, after progress events.
   */
  callTimeoutMs?: number;
  backoffMs?: readonly number[];
}

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
 * JSON-RPC 2.0 over the node host's WebSocket; the renderer and the contract tests use this
 * same class. Reconnects with backoff after a drop; calls made while down wait for the
 * connection, then fail with TIMEOUT; calls in flight when it drops fail with TIMEOUT (their
 * outcome is unknown, so the caller decides whether to ask again).
 */
export class WebSocketTransport implements RpcTransport {
  private socket: WebSocketLike | undefined;
  private state: ConnectionState = 'connecting';
  private closed = false;
  private nextId = 1;
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly pending = new Map<number, Pending>();
  private queue: Queued[] = [];
  private readonly stateListeners = new Set<() => void>();
  private readonly eventListeners = new Map<string, Set<(payload: unknown) => void>>();
  private readonly waitWhileDownMs: number;
  private readonly callTimeoutMs: number;
  private readonly backoffMs: readonly number[];

  /** `open` makes a new socket (the browser's `new WebSocket(url)`, or `ws` with headers). */
  constructor(
    private readonly open: () => WebSocketLike,
    options: WebSocketTransportOptions = {},
  ) {
    this.waitWhileDownMs = options.waitWhileDownMs ?? 15_000;
    this.callTimeoutMs = options.callTimeoutMs ?? 300_000;
    this.backoffMs = options.backoffMs ?? [250, 500, 1000, 2000, 4000, 8000];
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
      if (this.closed) {
        resolve({ ok: false, error: { code: 'CANCELLED', message: 'Transport closed' } });
        return;
      }
      const queued: Queued = {
        frame,
        resolve,
        timer: setTimeout(() => {
          this.queue = this.queue.filter((q) => q !== queued);
          resolve(timeout('Service unreachable'));
        }, this.waitWhileDownMs),
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

  /** Stops for good: no reconnection, waiting calls fail. */
  close(): void {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    for (const q of this.queue) {
      clearTimeout(q.timer);
      q.resolve({ ok: false, error: { code: 'CANCELLED', message: 'Transport closed' } });
    }
    this.queue = [];
    this.socket?.close();
  }

  private send(frame: Omit<JsonRpcRequest, 'id'>, resolve: (r: RpcResult) => void): void {
    const id = this.nextId++;
    const timer = setTimeout(() => {
      this.pending.delete(id);
      resolve(timeout('No answer'));
    }, this.callTimeoutMs);
    this.pending.set(id, { resolve, timer });
    this.socket!.send(JSON.stringify({ ...frame, id }));
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    for (const l of this.stateListeners) l();
  }

  private connect(): void {
    const ws = this.open();
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
    ws.onmessage = (e: { data: unknown }) => this.receive(String(e.data));
    ws.onclose = () => {
      this.socket = undefined;
      for (const [id, p] of this.pending) {
        clearTimeout(p.timer);
        p.resolve(timeout('Connection lost during the call'));
        this.pending.delete(id);
      }
      if (this.closed) return;
      this.setState('down');
      const delay = this.backoffMs[Math.min(this.attempt++, this.backoffMs.length - 1)]!;
      this.reconnectTimer = setTimeout(() => this.connect(), delay);
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
