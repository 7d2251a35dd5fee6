import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeHost, type NodeHost } from '../../electron/node-host/server.ts';
import { tempServices } from '../helpers/temp-services.ts';

function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => undefined);
  });
}

describe('node host security', () => {
  let s: Awaited<ReturnType<typeof tempServices>>;
  let host: NodeHost;
  beforeAll(async () => {
    s = await tempServices();
    host = await startNodeHost({ services: s, logger: s.logger, rendererDir: s.dataDir });
  });
  afterAll(async () => {
    await host.close();
    await s.dispose();
  });

  it('binds loopback only', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('answers 401 without the token, and with a wrong one', async () => {
    expect((await fetch(host.url)).status).toBe(401);
    expect((await fetch(`${host.url}?token=wrong`)).status).toBe(401);
    expect(await upgradeStatus(`ws://127.0.0.1:${host.port}/rpc`, {})).toBe(401);
  });

  it('answers 403 to a foreign Origin even with the token', async () => {
    const headers = { origin: 'http://evil.example', authorization: `Bearer ${host.token}` };
    expect((await fetch(host.url, { headers })).status).toBe(403);
    expect(await upgradeStatus(`ws://127.0.0.1:${host.port}/rpc`, headers)).toBe(403);
  });

  it('trades the token in the URL for an HttpOnly SameSite cookie', async () => {
    const r = await fetch(host.loginUrl, { redirect: 'manual' });
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('/');
    expect(r.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
    const cookie = r.headers.get('set-cookie')!.split(';')[0]!;
    expect(await upgradeStatus(`ws://127.0.0.1:${host.port}/rpc`, { cookie, origin: host.url.slice(0, -1) })).toBe(101);
  });

  it('does not serve files outside the renderer folder', async () => {
    const r = await fetch(`${host.url}..%2f..%2fetc%2fpasswd`, { headers: { authorization: `Bearer ${host.token}` } });
    expect(r.status).not.toBe(200);
  });
});
