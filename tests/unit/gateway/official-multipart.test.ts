/**
 * The official multipart samples (it-fse-gtw-test-container .http files) sent byte for byte to
 * the simulator — their boundary, part headers and requestBody JSON, with the sample PDF in
 * place of the `< ./../files/pdf/PSS.pdf` include — and our own JWTs (the samples' tokens are
 * FAKE_HEADER/FAKE_SIGNATURE). Then the in-process CDA validator plugged into the simulator.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayCallError, factsFromPdf, type SentRequest } from '../../../electron/services/gateway/client/client.ts';
import { loadCdaValidatorCheck } from '../../../electron/services/gateway/simulator/plugins.ts';
import { FIXTURES, PSS_PDF, simulatorAndClient, testPki } from './helpers.ts';

/** The first request of an .http file: its body with the PDF include replaced by the bytes. */
function sampleBody(file: string, pdf: Uint8Array): { contentType: string; body: Buffer } {
  const text = readFileSync(join(FIXTURES, 'http', file), 'utf8').replace(/\r?\n/g, '\r\n');
  const ct = /content-type: (multipart\/form-data; boundary=\S+)/i.exec(text)?.[1] as string;
  const boundary = ct.split('boundary=')[1] as string;
  const start = text.indexOf(`--${boundary}`);
  const end = text.indexOf(`--${boundary}--`, start) + `--${boundary}--`.length;
  const [before, after] = text.slice(start, end).split(/< \.\/\.\.\/files\/pdf\/PSS\.pdf\r\n/);
  return { contentType: ct, body: Buffer.concat([Buffer.from(before as string, 'utf8'), Buffer.from(pdf), Buffer.from(`\r\n${after}`, 'utf8')]) };
}

describe('official multipart samples through the simulator', () => {
  let env: Awaited<ReturnType<typeof simulatorAndClient>>;
  let headers: Record<string, string> = {};
  beforeAll(async () => {
    // A client request only to capture freshly signed tokens for the PSS sample.
    env = await simulatorAndClient({}, { onRequest: (r: SentRequest) => (headers = { ...r.headers }) });
    const facts = await factsFromPdf(PSS_PDF, 'ATTACHMENT');
    await env.client.validate({ pdf: PSS_PDF, body: { activity: 'VERIFICA' }, facts: { patient: facts.patient, documentCode: facts.documentCode } });
  }, 60_000);
  afterAll(() => env?.close());

  it.each([['t1.5-validate-pss.http', 200], ['t2.5-create-pss.http', 201]])('%s: the sample validation request is accepted (%i)', async (file, status) => {
    const { contentType, body } = sampleBody(file, PSS_PDF);
    expect(body.subarray(0, 200).toString()).toMatch(/^------WebKitFormBoundary7MA4YWxkTrZu0gW\r\nContent-Disposition: form-data; name="requestBody";/);
    const pki = testPki();
    const { Agent } = await import('undici');
    const agent = new Agent({ connect: { cert: pki.auth.cert, key: pki.auth.key, ca: pki.ca } });
    try {
      const res = await request(`${env.sim.url}/documents/validation`, {
        method: 'POST',
        headers: { authorization: headers.authorization as string, 'fse-jwt-signature': headers['fse-jwt-signature'] as string, 'content-type': contentType, accept: 'application/json' },
        body,
        dispatcher: agent,
      });
      const json = (await res.body.json()) as Record<string, unknown>;
      expect(json.detail).toBeUndefined();
      expect(json).toMatchObject({ traceID: expect.any(String), workflowInstanceId: expect.stringMatching(/workflowInstanceId$/) });
      // t1.5 is activity VERIFICA (200); the first request of t2.5 is activity VALIDATION (201).
      expect(res.statusCode).toBe(status);
    } finally {
      await agent.close();
    }
  });
});

describe('the in-process CDA validator plugged into the simulator', () => {
  let env: Awaited<ReturnType<typeof simulatorAndClient>> | undefined;
  let available = false;
  beforeAll(async () => {
    const check = await loadCdaValidatorCheck();
    available = check !== undefined;
    if (check) env = await simulatorAndClient({ validateCda: check });
  }, 120_000);
  afterAll(() => env?.close());

  async function pdfWith(cdaXml: Uint8Array): Promise<Uint8Array> {
    const doc = await PDFDocument.create();
    doc.addPage([595, 842]);
    await doc.attach(cdaXml, 'cda.xml', { mimeType: 'application/xml', description: 'CDA' });
    return doc.save();
  }

  it('the official PSS example (passes PSS v4.0) is validated: 201', async (ctx) => {
    if (!available || !env) ctx.skip();
    const pdf = await pdfWith(new Uint8Array(readFileSync(join(import.meta.dirname, '../../fixtures/cda/official-examples/PSS.xml'))));
    const facts = await factsFromPdf(pdf, 'ATTACHMENT');
    const r = await env!.client.validate({ pdf, body: { activity: 'VALIDATION', mode: 'ATTACHMENT' }, facts: { patient: facts.patient, documentCode: facts.documentCode } });
    expect(r.httpStatus).toBe(201);
  }, 120_000);

  it('the 2023 test-container PSS (fails PSS v4.0, FSE-GATEWAY.md §9) is refused: 422 /msg/semantic with the ERRORE codes', async (ctx) => {
    if (!available || !env) ctx.skip();
    const facts = await factsFromPdf(PSS_PDF, 'ATTACHMENT');
    try {
      await env!.client.validate({ pdf: PSS_PDF, body: { activity: 'VERIFICA', mode: 'ATTACHMENT' }, facts: { patient: facts.patient, documentCode: facts.documentCode } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(GatewayCallError);
      expect((e as GatewayCallError).data).toMatchObject({ type: '/msg/semantic', status: 422, detail: expect.stringMatching(/ERRORE-b2\d\d/) });
    }
  }, 120_000);
});
