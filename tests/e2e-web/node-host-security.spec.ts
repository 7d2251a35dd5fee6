/** The node host answers 401 without the token and 403 to a foreign Origin (HTTP and WebSocket). */
import http from 'node:http';
import WebSocket from 'ws';
import { expect, test } from './fixtures.ts';
import { rpc } from './rpc.ts';

function get(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject);
  });
}

/** The HTTP status of a WebSocket upgrade attempt (101 when it opens). */
function wsStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', (e) => {
      if (!/Unexpected server response/.test(e.message)) reject(e);
    });
  });
}

test('HTTP: 401 without the token, 403 with a foreign Origin, 200 with the token', async ({ host }) => {
  expect(await get(host.baseUrl)).toBe(401);
  expect(await get(`${host.baseUrl}?token=wrong`)).toBe(401);
  expect(await get(host.baseUrl, { origin: 'http://evil.example', authorization: `Bearer ${host.token}` })).toBe(403);
  expect(await get(host.baseUrl, { authorization: `Bearer ${host.token}` })).toBe(200);
});

test('WebSocket: 401 without the token, 403 with a foreign Origin, open with both right', async ({ host }) => {
  const url = `ws://127.0.0.1:${host.port}/rpc`;
  expect(await wsStatus(url)).toBe(401);
  expect(await wsStatus(`${url}?token=${host.token}`, { origin: 'http://evil.example' })).toBe(403);
  expect(await wsStatus(`${url}?token=${host.token}`, { origin: `http://127.0.0.1:${host.port}` })).toBe(101);
  const info = await rpc<{ runtime: string }>(host, 'system.info', {});
  expect(info.runtime).toBe('node-host');
});
