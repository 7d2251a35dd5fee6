import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebSocket, WebSocketServer } from 'ws';
import { requestTarget } from '../../shared/http/request-target.ts';
import { parseJsonRpcRequest, toJsonRpcResponse, type JsonRpcEvent } from '../../shared/rpc/index.ts';
import type { Services } from '../services/container.ts';
import type { Logger } from '../services/ports.ts';
import { isAllowedOrigin, presentedToken, TOKEN_COOKIE, tokenMatches } from './auth.ts';
import { serveStatic } from './static-files.ts';

/** Largest RPC message accepted: a batch of documents to sign travels as base64 in one call. */
export const MAX_RPC_MESSAGE_BYTES = 64 * 1024 * 1024;

export interface NodeHostOptions {
  services: Services;
  logger: Logger;
  /** Folder of the built renderer (out/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** A fixed token for tests; otherwise 32 random bytes per run. */
  token?: string;
}

export interface NodeHost {
  url: string;
  /** The URL to open: it carries the token once; the page then keeps it as a cookie. */
  loginUrl: string;
  port: number;
  token: string;
  /** Settles when the first page opens its WebSocket (the sandbox panel's records wait for it). */
  firstConnection: Promise<void>;
  close(): Promise<void>;
}

/**
 * The second transport (ARCHITECTURE.md §1.2): serves the built renderer and carries the very
 * same contract as JSON-RPC 2.0 over a WebSocket at /rpc, on 127.0.0.1 only. Every request
 * must present the per-run token (401) and, from a browser, come from our own origin (403).
 */
export async function startNodeHost(options: NodeHostOptions): Promise<NodeHost> {
  let connected!: () => void;
  const firstConnection = new Promise<void>((r) => (connected = r));
  const token = options.token ?? randomBytes(32).toString('hex');
  const { services, logger } = options;
  let port = 0;

  const server: Server = createServer((req, res) => {
    try {
      handleHttp(req, res);
    } catch (e) {
      // Nothing a request carries may end the process: answer, log, keep serving.
      logger.warn('Node host: request refused', { error: e instanceof Error ? e.message : String(e) });
      if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Richiesta non valida');
    }
  });

  function handleHttp(req: IncomingMessage, res: ServerResponse): void {
    const url = requestTarget(req.url);
    if (!url) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Richiesta non valida');
      return;
    }
    if (!isAllowedOrigin(req.headers.origin, port)) {
      res.writeHead(403).end('Forbidden origin');
      return;
    }
    if (!tokenMatches(presentedToken(req, url), token)) {
      res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' }).end('Token mancante o non valido');
      return;
    }
    if (url.searchParams.has('token')) {
      // First visit: keep the token in a same-site, script-invisible cookie and drop it from the URL.
      res.writeHead(303, {
        'set-cookie': `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
        location: url.pathname,
      });
      res.end();
      return;
    }
    serveStatic(options.rendererDir, url.pathname, res);
  }

  // `ws` loads once the server listens, not before: the page asks for index.html and its scripts
  // first, and opens the WebSocket only once they run (bench "node host start"). An upgrade that
  // comes earlier waits for it; the socket keeps what the client sends meanwhile.
  let wss: WebSocketServer | undefined;
  let loadWss: Promise<WebSocketServer> | undefined;
  const webSocketServer = () =>
    (loadWss ??= import('ws').then(({ WebSocketServer: Wss }) => {
      // maxPayload: a frame announcing more is refused with close code 1009 (RFC 6455 §7.4.1).
      wss = new Wss({ noServer: true, maxPayload: MAX_RPC_MESSAGE_BYTES });
      return wss;
    }));
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const url = requestTarget(req.url);
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (!url) return refuse(400, 'Bad Request');
    if (url.pathname !== '/rpc') return refuse(404, 'Not Found');
    if (!isAllowedOrigin(req.headers.origin, port)) return refuse(403, 'Forbidden');
    if (!tokenMatches(presentedToken(req, url), token)) return refuse(401, 'Unauthorized');
    void webSocketServer().then(
      (w) =>
        w.handleUpgrade(req, socket, head, (ws) => {
          connected();
          serveConnection(ws);
        }),
      (e: unknown) => {
        logger.error('Node host: WebSocket server not loaded', { error: e instanceof Error ? e.message : String(e) });
        refuse(500, 'Internal Server Error');
      },
    );
  });

  function serveConnection(ws: WebSocket): void {
    const stop = services.events.listen((event, payload) => {
      const note: JsonRpcEvent = { jsonrpc: '2.0', method: 'event', params: { event, payload } };
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(note));
    });
    ws.on('close', stop);
    // A frame RFC 6455 forbids (bad UTF-8, RSV bits, unmasked, unknown opcode, too long): `ws`
    // closes the connection with the matching code and reports it here; without a listener the
    // error would be thrown and end the process.
    ws.on('error', (e) => {
      logger.warn('Node host: WebSocket connection closed on a protocol error', { error: e.message });
      ws.terminate();
    });
    ws.on('message', (data, isBinary) => {
      void answer(ws, isBinary ? Buffer.from(data as Buffer).toString('utf8') : String(data)).catch((e: unknown) => {
        logger.error('Node host: RPC answer failed', { error: e instanceof Error ? e.message : String(e) });
        ws.terminate();
      });
    });
  }

  async function answer(ws: WebSocket, text: string): Promise<void> {
    const req = parseJsonRpcRequest(text);
    if ('error' in req) {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(req.error));
      return;
    }
    const result = await services.dispatcher.dispatch(req.method, req.params, { actor: 'local-user', transport: 'websocket' });
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(toJsonRpcResponse(req.id, result)));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  logger.info('Node host listening', { port });
  void webSocketServer().catch(() => undefined);
  return {
    url,
    loginUrl: `${url}?token=${token}`,
    port,
    token,
    firstConnection,
    async close() {
      if (wss) {
        for (const c of wss.clients) c.terminate();
        wss.close();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
