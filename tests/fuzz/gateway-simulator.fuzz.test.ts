/**
 * Fuzz: the gateway simulator as the sandbox runs it (the CDA validator and reader in the
 * validation worker, the PAdES check) under requests built right (both JWTs signed, the PDF's
 * hash in the integrity token) and then damaged: paths and methods, missing or corrupt JWTs,
 * JWTs signed over odd claims, multipart structure, the requestBody JSON, the PDF's bytes.
 * Every request gets an answer within the time limit: a JSON success, or an RFC 7807 problem
 * (application/problem+json with type, status and traceID) for every refusal; the simulator
 * still validates the intact document afterwards.
 */
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { factsFromPdf, sha256Hex } from '../../electron/services/gateway/client/client.ts';
import { SANDBOX_IDENTITY, ephemeralSignatureCredential } from '../../electron/services/gateway/dev-credentials.ts';
import { newJti, signGatewayJwt } from '../../electron/services/gateway/jwt.ts';
import type { GatewaySimulator } from '../../electron/services/gateway/simulator/simulator.ts';
import { startSandboxSimulator } from '../../electron/services/outbox/sandbox-gateway.ts';
import { buildAuthClaims, buildIntegrityClaims, type JwtDocumentFacts, type JwtIdentity, type SignedOperation } from '../../shared/gateway/jwt-claims.ts';
import { ENDPOINTS, endpointPath, type GatewayOperation } from '../../shared/gateway/schemas.ts';
import { NO_CDA_PDF, PSS_PDF, UNSIGNED_PDF, pssBody } from '../unit/gateway/helpers.ts';
import { CASE_LIMIT_MS, FUZZ_CASES, mutate, mutateJson, randomJson, rngFor, suiteTimeout, Tally, within, type Rng } from './kit.ts';

type Op = Exclude<GatewayOperation, 'health'>;
const OPS = Object.keys(ENDPOINTS).filter((o) => o !== 'health') as Op[];
const CREDENTIAL = ephemeralSignatureCredential();
const CN = 'S1#SANDBOXCARTELLA';

interface HttpRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

interface HttpAnswer {
  status: number;
  contentType: string;
  body: string;
}

function send(base: URL, req: HttpRequest): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const r = httpRequest({ host: base.hostname, port: base.port, method: req.method, path: req.path, headers: { ...req.headers, ...(req.body ? { 'content-length': String(req.body.length) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    r.on('error', reject);
    r.end(req.body);
  });
}

const JWT_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ';

/** A JWT with a few characters changed, cut, or its parts shuffled (printable ASCII only). */
function damageJwt(r: Rng, jwt: string): string {
  const parts = jwt.split('.');
  switch (r.int(5)) {
    case 0:
      return jwt.slice(0, r.int(jwt.length));
    case 1:
      return [parts[1], parts[0], parts[2]].join('.');
    case 2:
      return `${parts[0]}.${Buffer.from(JSON.stringify(randomJson(r))).toString('base64url')}.${parts[2]}`;
    case 3:
      return r.pick(['', 'x', '..', 'a.b.c', 'e30.e30.', jwt + jwt]);
    default: {
      const c = [...jwt];
      for (let k = r.between(1, 4); k > 0; k--) c[r.int(c.length)] = JWT_CHARS[r.int(JWT_CHARS.length)] as string;
      return c.join('');
    }
  }
}

describe(`fuzz: gateway simulator (${FUZZ_CASES} cases)`, () => {
  let sim: GatewaySimulator;
  let base: URL;
  let identity: JwtIdentity;
  const facts = new Map<Uint8Array, Omit<JwtDocumentFacts, 'attachmentHash'>>();
  /** A PDF carrying the official PSS example, which the validator passes. */
  let validPdf: Uint8Array;
  beforeAll(async () => {
    sim = await startSandboxSimulator();
    base = new URL(sim.url);
    identity = { ...SANDBOX_IDENTITY, signatureCertCn: CN, audience: sim.url };
    const doc = await PDFDocument.create();
    doc.addPage([595, 842]);
    await doc.attach(readFileSync(join(import.meta.dirname, '../fixtures/cda/official-examples/PSS.xml')), 'cda.xml', { mimeType: 'application/xml' });
    validPdf = await doc.save();
    for (const pdf of [validPdf, PSS_PDF, UNSIGNED_PDF]) {
      const f = await factsFromPdf(pdf);
      facts.set(pdf, { patient: f.patient, documentCode: f.documentCode });
    }
  }, 60_000);
  afterAll(async () => sim?.close());

  const timing = () => ({ iat: Math.floor(Date.now() / 1000), ttl: 300, jti: newJti() });

  /** A request as the client builds it for `op`, then damaged in 0 to 3 ways. */
  async function fuzzRequest(r: Rng, i: number): Promise<{ req: HttpRequest; ops: string[] }> {
    const op = r.pick(OPS);
    const spec = ENDPOINTS[op];
    const pdf = r.pick([validPdf, validPdf, PSS_PDF, UNSIGNED_PDF, NO_CDA_PDF]);
    let fileBytes: Buffer = Buffer.from(pdf);
    const ops: string[] = [op];
    const publication = pssBody(`2.16.840.1.113883.2.9.2.120.4.4^FUZZ${r.int(i + 1)}`);
    const { identificativoDoc: _d, identificativoRep: _r, mode: _m, healthDataFormat: _h, ...metadata } = publication;
    let requestBody: unknown =
      op === 'validation' ? { activity: r.pick(['VALIDATION', 'VERIFICA']), mode: 'ATTACHMENT', healthDataFormat: 'CDA' } : op === 'updateMetadata' ? metadata : publication;
    if (r.chance(0.3)) {
      requestBody = mutateJson(r, requestBody);
      ops.push('requestBody');
    }
    if (r.chance(0.25)) {
      fileBytes = mutate(r, fileBytes, ['%PDF-', '/EmbeddedFiles', '/Names', 'endobj', 'trailer', '<ClinicalDocument'], 3, r.chance(0.5)).bytes;
      ops.push('pdf');
    }
    // The integrity token names the file it travels with, unless the damage is that it does not.
    const hashOf = r.chance(0.85) ? fileBytes : pdf;
    const docFacts: JwtDocumentFacts = { ...(facts.get(pdf) ?? { patient: { root: '2.16.840.1.113883.2.9.4.3.2', extension: 'RSSMRA80A01H501U' }, documentCode: { code: '60591-5', codeSystem: '2.16.840.1.113883.6.1' } }), attachmentHash: sha256Hex(hashOf) };
    let integrity: object = spec.integrityToken ? buildIntegrityClaims(op as SignedOperation, identity, docFacts, timing()) : {};
    if (r.chance(0.15)) {
      integrity = mutateJson(r, integrity) as object;
      ops.push('claims');
    }
    const headers: Record<string, string> = {
      accept: 'application/json',
      authorization: `Bearer ${await signGatewayJwt(buildAuthClaims(identity, timing()), CREDENTIAL)}`,
    };
    if (spec.integrityToken) headers['fse-jwt-signature'] = await signGatewayJwt(integrity, CREDENTIAL);
    let body: Buffer | undefined;
    if (spec.body === 'multipart') {
      const boundary = `----Fuzz${i}`;
      body = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="requestBody"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(requestBody)}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="documento.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
        fileBytes,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
    } else if (spec.body === 'json') {
      body = Buffer.from(JSON.stringify(requestBody));
      headers['content-type'] = 'application/json';
    }
    let path = `${base.pathname}${endpointPath(op, spec.path.includes('{id}') ? r.pick([`2.16.840.1.113883.2.9.2.120.4.4^FUZZ${r.int(i + 1)}`, 'wf-1', 'x'.repeat(300)]) : undefined)}`;
    let method: string = spec.method;
    for (let k = r.int(4); k > 0; k--) {
      const damage = r.int(8);
      if (damage === 0) {
        path = r.pick([`${path}/%E0%A4%A`, `${path}/..`, `${path}//x`, `${base.pathname}/documents/%`, `${base.pathname}/${'a/'.repeat(200)}`, '/', '/v2/documents', `${path}?x=%ZZ`, `${base.pathname}/status/${encodeURIComponent(JSON.stringify(randomJson(r)) ?? '')}`]);
        ops.push('path');
      } else if (damage === 1) {
        method = r.pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']);
        ops.push(`method ${method}`);
      } else if (damage === 2) {
        delete headers[r.pick(['authorization', 'fse-jwt-signature', 'content-type'])];
        ops.push('header removed');
      } else if (damage === 3) {
        const h = r.pick(['authorization', 'fse-jwt-signature']);
        if (headers[h]) headers[h] = h === 'authorization' ? `Bearer ${damageJwt(r, headers[h].slice(7))}` : damageJwt(r, headers[h]);
        ops.push(`${h} damaged`);
      } else if (damage === 4 && body) {
        body = mutate(r, body, ['\r\n', '--', `--${'----Fuzz'}${i}--`, 'Content-Disposition: form-data; name="file"', '{', '}'], 3).bytes;
        ops.push('body');
      } else if (damage === 5) {
        headers['content-type'] = r.pick(['multipart/form-data', 'multipart/form-data; boundary=', 'application/json', 'text/plain', 'multipart/form-data; boundary="a"; boundary=b', 'application/pdf']);
        ops.push('content-type');
      } else if (damage === 6 && body) {
        body = body.subarray(0, r.int(body.length));
        ops.push('body cut');
      } else {
        headers['authorization'] = r.pick(['Basic eDp5', 'Bearer', 'bearer x.y.z', `Bearer ${'A'.repeat(20_000)}`]);
        ops.push('authorization scheme');
      }
    }
    return { req: { method, path, headers, ...(body && method !== 'GET' && method !== 'HEAD' ? { body } : {}) }, ops };
  }

  it('answers every request with JSON or an RFC 7807 problem, in time, and still validates after', async () => {
    const r = rngFor('gateway-simulator');
    const tally = new Tally();
    const internal: string[] = [];
    // pdf-lib reports each damaged object on the console: not this suite's output.
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    for (let i = 0; i < FUZZ_CASES; i++) {
      const { req, ops } = await fuzzRequest(r, i);
      const label = `case ${i} (${req.method} ${req.path.slice(0, 80)}: ${ops.join(', ')})`;
      const a = await within(CASE_LIMIT_MS, label, send(base, req)).catch((e: unknown) => {
        throw new Error(`${label}: ${e instanceof Error ? e.message : String(e)} ${JSON.stringify(req.headers).slice(0, 400)}`);
      });
      if (req.method === 'HEAD') expect(a.body, label).toBe('');
      else if (a.status >= 400) {
        expect(a.contentType, `${label}: ${a.status} ${a.body.slice(0, 200)}`).toBe('application/problem+json');
        const p = JSON.parse(a.body) as { type?: unknown; status?: unknown; traceID?: unknown };
        expect(typeof p.type, label).toBe('string');
        expect(p.status, label).toBe(a.status);
        expect(typeof p.traceID, label).toBe('string');
      } else {
        expect(a.status, label).toBeGreaterThanOrEqual(200);
        expect(() => JSON.parse(a.body), label).not.toThrow();
      }
      const type = a.status >= 400 && req.method !== 'HEAD' ? String((JSON.parse(a.body) as { type: string }).type) : '';
      tally.add(`${a.status}${type ? ` ${type}` : ''}`);
      if (a.status === 500) internal.push(`${label}: ${a.body.slice(0, 300)}`);
    }
    vi.restoreAllMocks();
    process.stdout.write(`gateway simulator fuzz: ${tally}\n`);
    // The simulator's own failure (an exception in a check) is no answer the gateway gives.
    expect(internal).toEqual([]);
    expect([...tally.toString().matchAll(/(^| )2\d\d[ =]/g)].length).toBeGreaterThan(0); // some requests got through every check
    // Alive and right: the intact PSS still validates.
    const intact = await (async () => {
      const f = { ...facts.get(validPdf)!, attachmentHash: sha256Hex(validPdf) };
      const boundary = '----Intact';
      const body = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="requestBody"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify({ activity: 'VERIFICA', mode: 'ATTACHMENT', healthDataFormat: 'CDA' })}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="documento.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
        Buffer.from(validPdf),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return send(base, {
        method: 'POST',
        path: `${base.pathname}/documents/validation`,
        headers: {
          authorization: `Bearer ${await signGatewayJwt(buildAuthClaims(identity, timing()), CREDENTIAL)}`,
          'fse-jwt-signature': await signGatewayJwt(buildIntegrityClaims('validation', identity, f, timing()), CREDENTIAL),
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
        body,
      });
    })();
    expect(intact.status, intact.body).toBeLessThan(300);
  }, suiteTimeout(150));
});
