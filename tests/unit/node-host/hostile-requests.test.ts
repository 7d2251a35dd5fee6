/**
 * The node host under malformed requests from a token holder (a spawned process, so a crash
 * shows as a dead process rather than a dead test worker): a path with a broken
 * percent-encoding, and WebSocket frames RFC 6455 forbids. Every one gets an answer or a
 * closed socket, and the host keeps serving afterwards.
 */
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../e2e-web/node-host.ts';
import { frame, openRawWebSocket } from '../../helpers/raw-websocket.ts';

async function rpc(host: RunningHost, method: string, params?: unknown): Promise<unknown> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/rpc`, { headers: { authorization: `Bearer ${host.token}` } });
  try {
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }));
    return await new Promise((resolve) => ws.on('message', (d) => {
      const m = JSON.parse(String(d)) as { id?: number };
      if (m.id === 1) resolve(m);
    }));
  } finally {
    ws.close();
  }
}

async function alive(host: RunningHost): Promise<void> {
  const r = (await rpc(host, 'system.info')) as { result?: { runtime: string } };
  expect(r.result?.runtime).toBe('node-host');
}

describe('node host: malformed requests', () => {
  let host: RunningHost;
  beforeAll(async () => {
    host = await startHost();
  }, 90_000);
  afterAll(async () => host?.stop());

  it('answers a path with a malformed percent-encoding with 400, and keeps serving', async () => {
    for (const path of ['/%E0%A4%A', '/%', '/assets/%ZZ.js', '/%C0%AF', '//%E0%A4%A']) {
      const r = await fetch(`${host.baseUrl.slice(0, -1)}${path}`, { headers: { authorization: `Bearer ${host.token}` } });
      expect([400, 403, 404, 200, 503]).toContain(r.status);
      if (path === '/%E0%A4%A' || path === '/%' || path === '//%E0%A4%A') expect(r.status).toBe(400);
    }
    await alive(host);
  });

  it('refuses an upgrade whose target starts with // (once read as a host: the throw ended the process)', async () => {
    await expect(openRawWebSocket(host.port, host.token, '//%E0%A4%A')).rejects.toThrow(/HTTP\/1\.1 4\d\d/);
    await alive(host);
  });

  const bad: [string, Buffer][] = [
    ['a text frame with invalid UTF-8', frame(Buffer.from([0xc3, 0x28, 0xff]))],
    ['RSV1 set without an extension', frame(Buffer.from('{}'), { rsv: 4 })],
    ['an unmasked client frame', frame(Buffer.from('{}'), { mask: false })],
    ['a reserved opcode (3)', frame(Buffer.from('{}'), { opcode: 3 })],
    ['a header announcing 101 MiB', frame(Buffer.alloc(0), { announcedLength: 101 * 1024 * 1024 })],
  ];
  for (const [name, bytes] of bad) {
    it(`closes the connection on ${name}, and keeps serving`, async () => {
      const raw = await openRawWebSocket(host.port, host.token);
      raw.socket.write(bytes);
      expect(await raw.closed(5000)).toBe(true);
      await alive(host);
    });
  }

  it('answers a frame that is not JSON-RPC with a JSON-RPC error', async () => {
    const raw = await openRawWebSocket(host.port, host.token);
    raw.socket.write(frame(Buffer.from('not json')));
    await new Promise((r) => setTimeout(r, 300));
    expect(raw.received().toString('latin1')).toContain('Parse error');
    raw.socket.destroy();
  });
});
