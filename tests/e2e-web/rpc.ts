/** A direct JSON-RPC call to the node host over `ws`, as a program would make it (bearer token). */
import WebSocket from 'ws';
import type { RunningHost } from './node-host.ts';

export async function rpc<T = unknown>(host: RunningHost, method: string, params: unknown): Promise<T> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/rpc`, { headers: { authorization: `Bearer ${host.token}` } });
  try {
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const answer = new Promise<{ result?: T; error?: { data?: { code?: string } } }>((resolve) => {
      ws.on('message', (data) => {
        const msg = JSON.parse(String(data)) as { id?: number };
        if (msg.id === 1) resolve(msg as never);
      });
    });
    ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }));
    const r = await answer;
    if (r.error) throw new Error(`${method} failed: ${r.error.data?.code ?? JSON.stringify(r.error)}`);
    return r.result as T;
  } finally {
    ws.close();
  }
}
