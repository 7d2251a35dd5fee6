/**
 * The simulator answers a path it cannot decode as the gateway would: an RFC 7807 problem
 * (FSE-GATEWAY.md §6), never a bare 500 or a closed socket; so is a request Node's HTTP
 * parser refuses (headers too large), and a target starting `//` (read as a host, it threw).
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewaySimulator, type GatewaySimulator } from '../../../electron/services/gateway/simulator/simulator.ts';

describe('gateway simulator: malformed paths', () => {
  let sim: GatewaySimulator;
  beforeAll(async () => {
    sim = await startGatewaySimulator({ seed: 1 });
  });
  afterAll(async () => sim.close());

  for (const [method, path] of [
    ['GET', '/status/%E0%A4%A'],
    ['GET', '/status/search/%'],
    ['DELETE', '/documents/%ZZ'],
    ['PUT', '/documents/%C0%AF/metadata'],
    ['GET', '/nowhere/%E0%A4%A'],
  ] as const) {
    it(`${method} ${path} → RFC 7807`, async () => {
      const r = await fetch(`${sim.url}${path}`, { method, headers: { authorization: 'Bearer x' } });
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      expect(r.headers.get('content-type')).toBe('application/problem+json');
      const body = (await r.json()) as { type: string; status: number; traceID: string };
      expect(body.type).toMatch(/^\/msg\//);
      expect(body.status).toBe(r.status);
      expect(body.traceID).toMatch(/^[0-9a-f]{16}$/);
    });
  }

  /** A raw request (fetch would normalise the target or refuse the header). */
  const raw = (method: string, path: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
      const u = new URL(sim.url);
      const r = request({ host: u.hostname, port: u.port, method, path, headers }, (res) => {
        let body = '';
        res.on('data', (c) => (body += String(c)));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
      });
      r.on('error', reject);
      r.end();
    });

  for (const path of ['//%E0%A4%A', '//x/v1/status', '/v1//%E0%A4%A']) {
    it(`POST ${path} → RFC 7807, and the simulator keeps answering`, async () => {
      const a = await raw('POST', path, { authorization: 'Bearer x' });
      expect(a.status).toBeGreaterThanOrEqual(400);
      expect(a.status).toBeLessThan(500);
      expect(a.type).toBe('application/problem+json');
      expect((await raw('GET', '/v1/status')).status).toBeLessThan(500);
    });
  }

  it('headers too large → 431 as an RFC 7807 problem', async () => {
    const a = await raw('GET', '/v1/status', { authorization: `Bearer ${'A'.repeat(20_000)}` });
    expect(a.status).toBe(431);
    expect(a.type).toBe('application/problem+json');
    expect(JSON.parse(a.body)).toMatchObject({ status: 431, type: '/msg/invalid-format' });
  });
});
