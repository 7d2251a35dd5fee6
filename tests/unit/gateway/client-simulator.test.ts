/**
 * The client against the simulator over real loopback HTTPS with mTLS (127.0.0.1 only):
 * every endpoint's happy path, RFC 7807 errors, JWT tampering, attachment_hash and person_id
 * mismatches, unsigned PDFs; and every request the client sends checked against the official
 * swagger_gtw.yaml with openapi-backend.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayClient, GatewayCallError, factsFromPdf, sha256Hex, type SentRequest } from '../../../electron/services/gateway/client/client.ts';
import { signGatewayJwt } from '../../../electron/services/gateway/jwt.ts';
import { gatewayOpenApi } from '../../../electron/services/gateway/openapi.ts';
import { loadPdfSignatureCheck, structuralSignatureCheck } from '../../../electron/services/gateway/simulator/plugins.ts';
import { buildIntegrityClaims } from '../../../shared/gateway/jwt-claims.ts';
import { IDENTITY, NO_CDA_PDF, PSS_PDF, UNSIGNED_PDF, pssBody, simulatorAndClient, testPki } from './helpers.ts';

const ID = (n: string) => `2.16.840.1.113883.2.9.2.120.4.4^TEST${n}`;

async function rejection(p: Promise<unknown>): Promise<GatewayCallError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof GatewayCallError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

describe('gateway client ↔ simulator over mTLS', () => {
  let env: Awaited<ReturnType<typeof simulatorAndClient>>;
  const sent: SentRequest[] = [];
  let facts: Awaited<ReturnType<typeof factsFromPdf>>;

  beforeAll(async () => {
    const signatureCheck = (await loadPdfSignatureCheck()) ?? structuralSignatureCheck;
    env = await simulatorAndClient({ checkSignature: signatureCheck, validateCda: async () => ({ valid: true, issues: [] }) }, { onRequest: (r) => sent.push(structuredClone(r)) });
    facts = await factsFromPdf(PSS_PDF, 'ATTACHMENT');
  }, 60_000);
  afterAll(() => env?.close());

  const jwtFacts = () => ({ patient: facts.patient, documentCode: facts.documentCode });

  it('reads the JWT facts from the CDA inside the PDF', () => {
    expect(facts.patient).toEqual({ extension: 'GTWGWY82B42G920M', root: '2.16.840.1.113883.2.9.4.3.2' });
    expect(facts.documentCode).toEqual({ code: '60591-5', codeSystem: '2.16.840.1.113883.6.1' });
    expect(facts.attachmentHash).toBe('29975781234185261127c11efe2533f71876941b7fd6d28860333274d0bd7898');
  });

  it('health, validation (VERIFICA 200, VALIDATION 201), status by workflowInstanceId and traceId', async () => {
    expect(await env.client.health()).toBe(true);
    const verifica = await env.client.validate({ pdf: PSS_PDF, body: { activity: 'VERIFICA', mode: 'ATTACHMENT', healthDataFormat: 'CDA' }, facts: jwtFacts() });
    expect(verifica.httpStatus).toBe(200);
    const v = await env.client.validate({ pdf: PSS_PDF, body: { activity: 'VALIDATION', mode: 'ATTACHMENT', healthDataFormat: 'CDA' }, facts: jwtFacts() });
    expect(v.httpStatus).toBe(201);
    expect(v.workflowInstanceId).toMatch(/^2\.16\.840\.1\.113883\.2\.9\.2\.\d+\.4\.4\.[0-9a-f]{64}\.[0-9a-f]{10}\^\^\^\^urn:ihe:iti:xdw:2013:workflowInstanceId$|^[0-9.]+\.[0-9a-f]{64}\.[0-9a-f]{10}\^\^\^\^urn:ihe:iti:xdw:2013:workflowInstanceId$/);
    const byWii = await env.client.statusByWorkflowInstanceId(v.workflowInstanceId!);
    expect(byWii.transactionData).toEqual([expect.objectContaining({ eventType: 'VALIDATION', eventStatus: 'SUCCESS' })]);
    const byTrace = await env.client.statusByTraceId(v.traceID!);
    expect(byTrace.transactionData[0]?.workflowInstanceId).toBe(v.workflowInstanceId);
  });

  it('create (202) with the validation workflowInstanceId, replace, metadata update, delete; ledger records each once', async () => {
    const v = await env.client.validate({ pdf: PSS_PDF, body: { activity: 'VALIDATION', mode: 'ATTACHMENT' }, facts: jwtFacts() });
    const c = await env.client.create({ pdf: PSS_PDF, body: pssBody(ID('1'), v.workflowInstanceId), facts: jwtFacts() });
    expect(c.httpStatus).toBe(202);
    expect(c.workflowInstanceId).toBe(v.workflowInstanceId);
    expect(env.sim.ledger.publications(ID('1'))).toBe(1);
    expect(env.sim.ledger.entries.at(-1)).toMatchObject({ op: 'create', attachmentHash: sha256Hex(PSS_PDF), outcome: 'published' });
    const st = await env.client.statusByWorkflowInstanceId(c.workflowInstanceId!);
    expect(st.transactionData.map((e) => e.eventType)).toEqual(['VALIDATION', 'PUBLICATION', 'RIFERIMENTI_INI', 'SEND_TO_INI']);

    // The validation is consumed: publishing again with it is refused (nothing published twice).
    const again = await rejection(env.client.create({ pdf: PSS_PDF, body: pssBody(ID('1b'), v.workflowInstanceId), facts: jwtFacts() }));
    expect(again.data).toMatchObject({ type: '/msg/cda-match', status: 400 });

    const { identificativoDoc: _i, ...rest } = pssBody(ID('1'));
    const r = await env.client.replace({ identificativoDoc: ID('1'), pdf: PSS_PDF, body: { ...rest, identificativoDoc: ID('1') }, facts: jwtFacts() });
    expect(r.httpStatus).toBe(202);
    const m = await env.client.updateMetadata({
      identificativoDoc: ID('1'),
      body: { tipologiaStruttura: 'Territorio', tipoDocumentoLivAlto: 'SUM', assettoOrganizzativo: 'AD_PSC130', tipoAttivitaClinica: 'OBS', identificativoSottomissione: '2.16.840.1.113883.2.9.2.120.4.3.1', attiCliniciRegoleAccesso: ['P99'] },
      facts: jwtFacts(),
    });
    expect(m.httpStatus).toBe(200);
    const d = await env.client.delete({ identificativoDoc: ID('1'), facts: { patient: facts.patient } });
    expect(d.httpStatus).toBe(200);
    expect(env.sim.ledger.entries.filter((e) => e.identificativoDoc === ID('1')).map((e) => e.outcome)).toEqual(['published', 'replaced', 'metadata-updated', 'deleted']);
  });

  it('validate-and-create and validate-and-replace (recovery)', async () => {
    const c = await env.client.validateAndCreate({ pdf: PSS_PDF, body: pssBody(ID('2')), facts: jwtFacts() });
    expect(c.httpStatus).toBe(202);
    const r = await env.client.validateAndReplace({ identificativoDoc: ID('2'), pdf: PSS_PDF, body: pssBody(ID('2')), facts: jwtFacts() });
    expect(r.httpStatus).toBe(202);
    const missing = await rejection(env.client.validateAndReplace({ identificativoDoc: ID('nope'), pdf: PSS_PDF, body: pssBody(ID('nope')), facts: jwtFacts() }));
    expect(missing.data).toMatchObject({ type: '/msg/record-not-found', status: 404 });
  });

  it.each([
    ['create with an unknown workflowInstanceId', (c: GatewayClient) => c.create({ pdf: PSS_PDF, body: pssBody(ID('3'), '9.9.9.abc^^^^urn:ihe:iti:xdw:2013:workflowInstanceId'), facts: jwtFacts() }), '/msg/workflow-id-error-extraction', 400],
    ['replace of an unknown document', (c: GatewayClient) => c.replace({ identificativoDoc: ID('x'), pdf: PSS_PDF, body: pssBody(ID('x')), facts: jwtFacts() }), '/msg/record-not-found', 404],
    ['delete of an unknown document', (c: GatewayClient) => c.delete({ identificativoDoc: ID('x'), facts: { patient: facts.patient } }), '/msg/record-not-found', 404],
    ['status of an unknown workflow', (c: GatewayClient) => c.statusByWorkflowInstanceId('1.2.3^^^^urn:ihe:iti:xdw:2013:workflowInstanceId'), '/msg/record-not-found', 404],
    ['status of an unknown trace', (c: GatewayClient) => c.statusByTraceId('0000'), '/msg/record-not-found', 404],
    ['validation of a non-PDF', (c: GatewayClient) => c.validate({ pdf: new TextEncoder().encode('<ClinicalDocument/>'), body: { activity: 'VERIFICA' }, facts: jwtFacts() }), '/msg/document-type', 415],
    ['validation of an empty file', (c: GatewayClient) => c.validate({ pdf: new Uint8Array(0), body: { activity: 'VERIFICA' }, facts: jwtFacts() }), '/msg/empty-file', 400],
    ['validation of a PDF without CDA', (c: GatewayClient) => c.validate({ pdf: NO_CDA_PDF, body: { activity: 'VERIFICA' }, facts: jwtFacts() }), '/msg/cda-element', 400],
    ['metadata update with a bad date', (c: GatewayClient) => c.updateMetadata({ identificativoDoc: ID('2'), body: { tipologiaStruttura: 'Territorio', tipoDocumentoLivAlto: 'SUM', assettoOrganizzativo: 'AD_PSC130', tipoAttivitaClinica: 'OBS', identificativoSottomissione: 'x', dataInizioPrestazione: '2022-05-10' }, facts: jwtFacts() }), '/msg/invalid-format', 400],
  ])('RFC 7807: %s → %s %i, GATEWAY_REJECTED with the Italian explanation', async (_n, call, type, status) => {
    const e = await rejection(call(env.client));
    expect(e.code).toBe('GATEWAY_REJECTED');
    expect(e.data).toMatchObject({ type, status });
    expect((e.data as { title: string }).title.length).toBeGreaterThan(10);
    expect(e.failure).toMatchObject({ kind: 'http', status, type });
  });

  it('every request the client sent validates against swagger_gtw.yaml (openapi-backend)', async () => {
    const oas = await gatewayOpenApi();
    expect(sent.length).toBeGreaterThan(15);
    const ops = new Set<string>();
    for (const r of sent) {
      if (r.operation === 'health') continue;
      const body = r.body?.requestBody !== undefined ? { requestBody: r.body.requestBody, file: 'binary' } : r.body?.json;
      const v = oas.validate({ method: r.method, path: r.path, headers: { 'content-type': (r.headers['content-type'] ?? '').split(';')[0] as string }, body });
      // The client's own bad-date request is the one meant to fail; it still fits the swagger (a string ≤ 100).
      expect(v.errors, `${r.method} ${r.path}`).toEqual([]);
      ops.add(v.operationId as string);
      expect(r.headers.authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
      if (!r.operation.startsWith('status')) expect(r.headers['fse-jwt-signature']).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(JSON.stringify(r.body?.requestBody ?? {})).not.toContain('priorita');
    }
    expect([...ops].sort()).toEqual(['create_1', 'delete', 'getEvents', 'getEventsByTraceId', 'replace_1', 'updateMetadata', 'validate', 'validateAndCreate', 'validateAndReplace']);
  });
});

describe('JWT and signature checks of the simulator (table-driven)', () => {
  let env: Awaited<ReturnType<typeof simulatorAndClient>>;
  let facts: Awaited<ReturnType<typeof factsFromPdf>>;
  const pki = testPki();
  beforeAll(async () => {
    env = await simulatorAndClient({ checkSignature: (await loadPdfSignatureCheck()) ?? structuralSignatureCheck });
    facts = await factsFromPdf(PSS_PDF, 'ATTACHMENT');
  }, 60_000);
  afterAll(() => env?.close());

  /** A client whose requests are altered just before sending. */
  const tampered = (alter: (r: SentRequest) => void | Promise<void>) =>
    new GatewayClient({
      environment: 'simulator',
      baseUrl: env.sim.url,
      tls: { cert: pki.auth.cert, key: pki.auth.key, ca: pki.ca },
      signature: { certPem: pki.signature.cert, keyPem: pki.signature.key },
      identity: IDENTITY,
      onRequest: (r) => void alter(r),
    });
  const resign = async (claims: object, cred = { certPem: pki.signature.cert, keyPem: pki.signature.key }) => signGatewayJwt(claims, cred);
  const claims = (over: Record<string, unknown> = {}, drop?: string, f = facts) => {
    const c = { ...buildIntegrityClaims('validateAndCreate', { ...IDENTITY, signatureCertCn: 'S1#120201234567XX', audience: env.sim.url }, { ...f }, { iat: Math.floor(Date.now() / 1000), jti: 'x' }), ...over } as Record<string, unknown>;
    if (drop) delete c[drop];
    return c;
  };

  const cases: [string, () => Promise<string | undefined>, Uint8Array, string, number][] = [
    ['a claim missing (person_id)', () => resign(claims({}, 'person_id')), PSS_PDF, '/msg/jwt-validation', 403],
    ['a claim missing (subject_role)', () => resign(claims({}, 'subject_role')), PSS_PDF, '/msg/jwt-validation', 403],
    ['wrong attachment_hash', () => resign(claims({ attachment_hash: 'ab'.repeat(32) })), PSS_PDF, '/msg/document-hash', 403],
    ['person_id of another patient', () => resign(claims({ person_id: 'RSSMRA80A01H501U^^^&2.16.840.1.113883.2.9.4.3.2&ISO' })), PSS_PDF, '/msg/jwt-validation', 403],
    ['resource_hl7_type of another document type', () => resign(claims({ resource_hl7_type: "('11502-2^^2.16.840.1.113883.6.1')" })), PSS_PDF, '/msg/jwt-validation', 403],
    ['locality not XON', () => resign(claims({ locality: '201123456' })), PSS_PDF, '/msg/jwt-validation', 403],
    ['action_id not fitting the operation', () => resign(claims({ action_id: 'DELETE' })), PSS_PDF, '/msg/jwt-validation', 403],
    ['signed by a certificate of another CA', () => resign(claims(), { certPem: pki.rogue.cert, keyPem: pki.rogue.key }), PSS_PDF, '/msg/jwt-validation', 403],
    ['payload altered after signing', async () => {
      const t = await resign(claims());
      const [h, , s] = t.split('.');
      return `${h}.${Buffer.from(JSON.stringify(claims({ person_id: 'RSSMRA80A01H501U^^^&2.16.840.1.113883.2.9.4.3.2&ISO' }))).toString('base64url')}.${s}`;
    }, PSS_PDF, '/msg/jwt-validation', 403],
    ['token not decodable', async () => 'not-a-jwt', PSS_PDF, '/msg/mandatory-element-token', 401],
    ['token missing', async () => undefined, PSS_PDF, '/msg/missing-token', 403],
    ['unsigned PDF', async () => resign(claims({}, undefined, await factsFromPdf(UNSIGNED_PDF))), UNSIGNED_PDF, '/msg/sign-error', 400],
  ];

  it.each(cases)('%s → %s %i', async (_name, token, pdf, type, status) => {
    const value = await token();
    const c = tampered((r) => {
      if (value === undefined) delete r.headers['fse-jwt-signature'];
      else r.headers['fse-jwt-signature'] = value;
    });
    try {
      const e = await rejection(c.validateAndCreate({ pdf, body: pssBody(ID(`jwt${Math.random()}`)), facts: { patient: facts.patient, documentCode: facts.documentCode } }));
      expect(e.data).toMatchObject({ type, status });
    } finally {
      await c.close();
    }
    expect(env.sim.ledger.entries).toEqual([]);
  });

  it('a PAdES signature that no longer verifies (one signed byte changed) → /msg/sign-error 400', async (ctx) => {
    if (!(await loadPdfSignatureCheck())) ctx.skip();
    const altered = new Uint8Array(PSS_PDF);
    altered[10] = 0xe5; // inside the binary comment on line 2: parsing is unaffected, the signed bytes are not
    const f = await factsFromPdf(altered, 'ATTACHMENT');
    const c = tampered(() => undefined);
    try {
      const e = await rejection(c.validateAndCreate({ pdf: altered, body: pssBody(ID('badsig')), facts: { patient: f.patient, documentCode: f.documentCode } }));
      expect(e.data).toMatchObject({ type: '/msg/sign-error', status: 400, detail: 'La firma del pdf non risulta valida' });
    } finally {
      await c.close();
    }
  });

  it('a tampered Authorization token is refused too', async () => {
    const c = tampered((r) => {
      const [h, p, s] = (r.headers.authorization as string).slice(7).split('.');
      const payload = JSON.parse(Buffer.from(p as string, 'base64url').toString()) as Record<string, unknown>;
      r.headers.authorization = `Bearer ${h}.${Buffer.from(JSON.stringify({ ...payload, sub: 'XXX' })).toString('base64url')}.${s}`;
    });
    try {
      const e = await rejection(c.statusByTraceId('abc'));
      expect(e.data).toMatchObject({ type: '/msg/jwt-validation', status: 403 });
    } finally {
      await c.close();
    }
  });

  it('mTLS: without the authentication certificate (or without the server CA) the connection is refused (CERTIFICATE_INVALID)', async () => {
    const c = new GatewayClient({ environment: 'simulator', baseUrl: env.sim.url, tls: { cert: '', key: '', ca: pki.ca } as never, signature: { certPem: pki.signature.cert, keyPem: pki.signature.key }, identity: IDENTITY, timeoutMs: 3_000 });
    const noCert = new GatewayClient({ environment: 'simulator', baseUrl: env.sim.url, signature: { certPem: pki.signature.cert, keyPem: pki.signature.key }, identity: IDENTITY, timeoutMs: 3_000 });
    try {
      for (const client of [c, noCert]) {
        const e = await rejection(client.statusByTraceId('abc'));
        expect(e.code).toBe('CERTIFICATE_INVALID');
        expect(e.failure.kind).not.toBe('http');
      }
    } finally {
      await c.close();
      await noCert.close();
    }
  });
});
