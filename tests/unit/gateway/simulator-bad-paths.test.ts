/**
 * The simulator answers a path it cannot decode as the gateway would: an RFC 7807 problem
 * (FSE-GATEWAY.md §6), never a bare 500 or a closed socket.
 */
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
});
