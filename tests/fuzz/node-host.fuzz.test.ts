/**
 * Fuzz: the node host (a spawned process, as in use) under a token holder's worst: JSON-RPC
 * messages with random and mutated methods and parameters, and WebSocket frames at the byte
 * level (reserved opcodes and bits, unmasked, bad UTF-8, oversized or fragmented control
 * frames, bad close codes, huge announced lengths, stray continuations, garbage). Every
 * message gets a JSON-RPC answer (a result, a protocol error or a typed application error
 * other than INTERNAL); every frame an answer or a closed socket; the host serves afterwards.
 */
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../shared/api/index.ts';
import { ERROR_CODES } from '../../shared/errors/codes.ts';
import { APPLICATION_ERROR, INVALID_REQUEST, PARSE_ERROR } from '../../shared/rpc/jsonrpc.ts';
import { startHost, type RunningHost } from '../e2e-web/node-host.ts';
import { frame, openRawWebSocket, serverFrames, type RawSocket } from '../helpers/raw-websocket.ts';
import { CASE_LIMIT_MS, FUZZ_CASES, mutate, mutateJson, randomJson, rngFor, suiteTimeout, Tally, within, type Rng } from './kit.ts';

const METHODS = Object.keys(contract);

/** Parameters a method takes, roughly, so that mutations reach past the first check. */
const SEEDS: Record<string, unknown> = {
  'patients.create': { surname: 'Rossi', givenName: 'Mario', sex: 'M', birthDate: '1922-01-01', identifierKind: 'CF', identifier: 'RSSMRA22A01A399Z' },
  'patients.search': { text: 'Ros', limit: 10 },
  'patients.get': { id: 1 },
  'patients.checkIdentifier': { identifierKind: 'CF', identifier: 'RSSMRA22A01A399Z' },
  'record.get': { patientId: 1 },
  'pss.preview': { patientId: 1 },
  'pss.validate': { patientId: 1 },
  'pss.importPreview': { patientId: 1, fileBase64: Buffer.from('<ClinicalDocument xmlns="urn:hl7-org:v3"/>').toString('base64') },
  'terms.search': { system: 'icd9cm', text: 'diab', limit: 5 },
  'outbox.list': { limit: 10 },
  'signing.verify': { fileBase64: Buffer.from('%PDF-1.7\n').toString('base64') },
  'audit.verify': {},
  'system.info': undefined,
};

/** A message, and whether its id is surely `id` (mutated text may have changed it). */
function rpcMessage(r: Rng, id: number): { text: string; exactId: boolean } {
  const text = rpcText(r, id);
  return { text, exactId: text.includes(`"id":${id},`) };
}

function rpcText(r: Rng, id: number): string {
  const kind = r.int(20);
  if (kind < 12) {
    const method = r.chance(0.9) ? r.pick(METHODS) : r.pick(['', 'x', 'patients.', '__proto__', 'constructor', 'system.info ', 'toString']);
    const seed = SEEDS[method];
    const params = seed !== undefined && r.chance(0.6) ? mutateJson(r, seed) : r.chance(0.1) ? undefined : randomJson(r);
    return JSON.stringify({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) });
  }
  if (kind < 15) {
    // an envelope JSON-RPC does not allow
    return JSON.stringify(r.pick([
      { id, method: 'system.info' },
      { jsonrpc: '1.0', id, method: 'system.info' },
      { jsonrpc: '2.0', id: String(id), method: 'system.info' },
      { jsonrpc: '2.0', id, method: 42 },
      [{ jsonrpc: '2.0', id, method: 'system.info' }],
      { jsonrpc: '2.0', method: 'system.info' },
      null,
      randomJson(r),
    ]));
  }
  if (kind < 18) return mutate(r, Buffer.from(JSON.stringify({ jsonrpc: '2.0', id, method: r.pick(METHODS), params: SEEDS['patients.create'] })), ['{', '}', '"', '\\', '\\u0000', '[', ']', ','], 3).bytes.toString('latin1');
  // nesting and size at the limits of JSON.parse and of the schemas
  return r.pick([
    () => `{"jsonrpc":"2.0","id":${id},"method":"patients.search","params":${'['.repeat(20_000)}${']'.repeat(20_000)}}`,
    () => JSON.stringify({ jsonrpc: '2.0', id, method: 'patients.search', params: { text: 'x'.repeat(2_000_000), limit: 5 } }),
    () => `{"jsonrpc":"2.0","id":${id},"method":"patients.create","params":{"__proto__":{"admin":true},"constructor":{"prototype":{}}}}`,
    () => JSON.stringify({ jsonrpc: '2.0', id, method: 'patients.get', params: { id: 1e308 } }),
  ])();
}

/** One answer to a message: what kind, or a reason it is not an answer the contract allows. */
function judge(answer: { id?: unknown; result?: unknown; error?: { code?: number; data?: { code?: string } } }, id: number | undefined): string {
  if (id !== undefined && answer.id !== id && answer.id !== null) return `wrong id ${String(answer.id)}`;
  if ('result' in answer) return 'result';
  const e = answer.error;
  if (!e) return 'neither result nor error';
  if (e.code === PARSE_ERROR || e.code === INVALID_REQUEST) return `jsonrpc ${e.code}`;
  if (e.code !== APPLICATION_ERROR) return `unknown JSON-RPC code ${e.code}`;
  const code = e.data?.code;
  if (!code || !(ERROR_CODES as readonly string[]).includes(code)) return `untyped error ${String(code)}`;
  if (code === 'INTERNAL') return `INTERNAL ${JSON.stringify(e).slice(0, 300)}`;
  return code;
}

const JSON_PAYLOAD = () => Buffer.from(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'system.info' }));

/** Frames RFC 6455 forbids, or allows in unusual ways. */
function fuzzFrames(r: Rng): Buffer {
  const one = (): Buffer => {
    switch (r.int(11)) {
      case 0:
        return frame(JSON_PAYLOAD(), { opcode: r.int(16), rsv: r.int(8) });
      case 1:
        return frame(r.bytes(r.between(1, 64)));
      case 2:
        return frame(JSON_PAYLOAD(), { mask: false });
      case 3:
        return frame(r.bytes(r.pick([0, 1, 125, 126, 200])), { opcode: r.pick([8, 9, 10]), fin: r.chance(0.7) });
      case 4: {
        const body = r.chance(0.2) ? r.bytes(1) : Buffer.concat([Buffer.from([r.int(256), r.int(256)]), r.bytes(r.int(30))]);
        return frame(body, { opcode: 8 });
      }
      case 5: {
        const text = JSON_PAYLOAD();
        const cut = r.between(1, text.length - 1);
        const parts = [frame(text.subarray(0, cut), { fin: false }), frame(text.subarray(cut), { opcode: 0 })];
        return r.chance(0.5) ? Buffer.concat(parts) : r.pick(parts);
      }
      case 6:
        return frame(Buffer.alloc(0), { announcedLength: r.pick([64 * 1024 * 1024 + 1, 2 ** 32, 2 ** 52]) });
      case 7:
        return r.bytes(r.between(1, 64));
      case 8:
        return frame(JSON_PAYLOAD(), { opcode: 2 });
      case 9:
        return frame(mutate(r, JSON_PAYLOAD(), ['{', '"', '\u00ff'], 3).bytes);
      default:
        return frame(Buffer.from(r.pick(['', ' ', 'null', '[]', '{}', '\u0000'])));
    }
  };
  return Buffer.concat(Array.from({ length: r.chance(0.8) ? 1 : r.between(2, 4) }, one));
}

/** Waits for `done()` (polled as data arrives) up to `ms`; false when it did not happen. */
async function until(raw: RawSocket, done: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (done()) return true;
    if (await raw.closed(5)) return done();
  }
  return done();
}

describe(`fuzz: node host RPC and WebSocket frames (${FUZZ_CASES} cases each)`, () => {
  let host: RunningHost;
  beforeAll(async () => {
    host = await startHost();
  }, 90_000);
  afterAll(async () => host?.stop());

  async function rpcClient(): Promise<{ ws: WebSocket; next: (id: number) => Promise<Record<string, unknown>> }> {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/rpc`, { headers: { authorization: `Bearer ${host.token}` } });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    const waiting = new Map<number | null, (m: Record<string, unknown>) => void>();
    let fail: ((e: Error) => void) | undefined;
    ws.on('close', () => fail?.(new Error('the host closed the RPC connection')));
    ws.on('message', (d) => {
      const m = JSON.parse(String(d)) as Record<string, unknown>;
      if (m['method'] === 'event') return;
      const key = typeof m['id'] === 'number' ? m['id'] : null;
      const w = waiting.get(key) ?? waiting.get(null);
      waiting.delete(key);
      w?.(m);
    });
    return {
      ws,
      next: (id) =>
        new Promise((resolve, reject) => {
          // A message without a usable id is answered with id null: whichever comes first is ours.
          waiting.set(id, resolve);
          waiting.set(null, resolve);
          fail = reject;
        }),
    };
  }

  it('answers every JSON-RPC message with a result or a typed error', async () => {
    const r = rngFor('node-host-rpc');
    const tally = new Tally();
    let client = await rpcClient();
    for (let i = 0; i < FUZZ_CASES; i++) {
      const id = i + 1;
      const { text, exactId } = rpcMessage(r, id);
      const label = `case ${i} (${text.slice(0, 120)})`;
      const answer = client.next(id);
      client.ws.send(text);
      const verdict = judge(await within(CASE_LIMIT_MS, label, answer), exactId ? id : undefined);
      expect(['result', 'jsonrpc -32700', 'jsonrpc -32600', ...ERROR_CODES.filter((c) => c !== 'INTERNAL')], label).toContain(verdict);
      tally.add(verdict);
      if (client.ws.readyState !== WebSocket.OPEN) client = await rpcClient();
    }
    client.ws.close();
    process.stdout.write(`node host RPC fuzz: ${tally}\n`);
    expect(tally.get('result')).toBeGreaterThan(0);
  }, suiteTimeout(40));

  it('answers every frame or closes the socket, and keeps serving', async () => {
    const r = rngFor('node-host-frames');
    const tally = new Tally();
    let raw: RawSocket | undefined;
    for (let i = 0; i < FUZZ_CASES; i++) {
      raw ??= await openRawWebSocket(host.port, host.token);
      const conn = raw;
      const bytes = fuzzFrames(r);
      const probeId = 1_000_000 + i;
      const label = `case ${i} (${bytes.subarray(0, 24).toString('hex')})`;
      const answered = () => serverFrames(conn.received()).some((f) => f.opcode === 1 && f.payload.includes(`"id":${probeId},`));
      conn.socket.write(bytes);
      conn.socket.write(frame(Buffer.from(JSON.stringify({ jsonrpc: '2.0', id: probeId, method: 'system.info' }))));
      let outcome: string;
      if (await until(conn, answered, 1500)) outcome = 'answered';
      else if (await conn.closed(0)) outcome = 'closed';
      else {
        // A header that announced more bytes than came: the host is waiting for them. Our end
        // of the stream must make it close.
        conn.socket.end();
        outcome = (await conn.closed(CASE_LIMIT_MS)) ? 'closed after end' : 'hung';
      }
      expect(outcome, label).not.toBe('hung');
      tally.add(outcome);
      if (outcome !== 'answered') {
        conn.socket.destroy();
        raw = undefined;
      }
    }
    raw?.socket.destroy();
    process.stdout.write(`node host frame fuzz: ${tally}\n`);
    expect(tally.get('answered')).toBeGreaterThan(0);
    expect(tally.get('closed') + tally.get('closed after end')).toBeGreaterThan(0);
    const client = await rpcClient();
    const info = client.next(1);
    client.ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'system.info' }));
    expect(await within(CASE_LIMIT_MS, 'system.info after the fuzz', info)).toMatchObject({ result: { runtime: 'node-host' } });
    client.ws.close();
  }, suiteTimeout(60));
});
