import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { parseJsonRpcRequest, toJsonRpcResponse, type JsonRpcEvent } from '../../shared/rpc/index.ts';
import type { Services } from '../services/container.ts';
import type { Logger } from '../services/ports.ts';
import { isAllowedOrigin, presentedToken, TOKEN_COOKIE, tokenMatches } from './auth.ts';
import { serveStatic } from './static-files.ts';

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
  close(): Promise<void>;
}

/**
 * The second transport (ARCHITECTURE.md §1.2): serves the built renderer and carries the very
 * same contract as JSON-RPC 2.0 over a WebSocket at /rpc, on 127.0.0.1 only. Every request
 * must present the per-run token (401) and, from a browser, come from our own origin (403).
 */
export async function startNodeHost(options: NodeHostOptions): Promise<NodeHost> {
  const token = options.token ?? randomBytes(32).toString('hex');
  const { services, logger } = options;
  let port = 0;

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
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
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== '/rpc') return refuse(404, 'Not Found');
    if (!isAllowedOrigin(req.headers.origin, port)) return refuse(403, 'Forbidden');
    if (!tokenMatches(presentedToken(req, url), token)) return refuse(401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => serveConnection(ws));
  });

  function serveConnection(ws: WebSocket): void {
    const stop = services.events.listen((event, payload) => {
      const note: JsonRpcEvent = { jsonrpc: '2.0', method: 'event', params: { event, payload } };
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(note));
    });
    ws.on('close', stop);
    ws.on('message', async (data) => {
      const req = parseJsonRpcRequest(String(data));
      if ('error' in req) {
        ws.send(JSON.stringify(req.error));
        return;
      }
      const result = await services.dispatcher.dispatch(req.method, req.params, { actor: 'local-user', transport: 'websocket' });
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(toJsonRpcResponse(req.id, result)));
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  logger.info('Node host listening', { port });
  return {
    url,
    loginUrl: `${url}?token=${token}`,
    port,
    token,
    async close() {
      for (const c of wss.clients) c.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
