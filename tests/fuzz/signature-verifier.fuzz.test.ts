/**
 * Fuzz: the signature verifier on mutated signed files made with the SoftHSM2 test token
 * (RSA and EC): a CAdES .p7m (DER and base64), a detached .p7s with its content, a PAdES PDF
 * and a .pdf.p7m around it. Every case is a verdict (never an exception), within the time
 * limit, whose reasons are known codes; a change to signed bytes is never VALID.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCades } from '../../electron/services/signing/cades.ts';
import { signPades } from '../../electron/services/signing/pades.ts';
import { loadModule, TokenSession, unloadAllModules } from '../../electron/services/signing/token.ts';
import { testTokenSelector } from '../../electron/services/signing/test-token.ts';
import { verifyDocument } from '../../electron/services/signing/verify.ts';
import { REASON_MESSAGES_IT } from '../../shared/signing/reasons.ts';
import type { Verdict } from '../../shared/signing/types.ts';
import { FIXTURES, TOKEN_SKIP_REASON, TOKEN_TIMEOUT, skipNote, testToken } from '../unit/signing/helpers.ts';
import { CASE_LIMIT_MS, FUZZ_CASES, mutate, rngFor, suiteTimeout, Tally, within } from './kit.ts';

interface Seed {
  name: string;
  data: Buffer;
  detachedContent?: Buffer;
  /** [start, end) ranges whose change must never verify VALID. */
  signed: [number, number][];
}

/** What trips CMS and PDF readers: ASN.1 headers and lengths, PDF keywords and hex. */
const TOKENS = [
  Buffer.from([0x30, 0x80]), Buffer.from([0x30, 0x84, 0xff, 0xff, 0xff, 0xff]), Buffer.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01]),
  Buffer.from([0x04, 0x00]), Buffer.from([0xa0, 0x82, 0x7f, 0xff]), Buffer.from([0x17, 0x0d]), Buffer.from([0x00, 0x00]),
  '/ByteRange [0 10 20 30]', '/ByteRange [0 99999999 1 1]', '/Contents <', '>', '/SubFilter /adbe.pkcs7.detached', '/M (D:20991231235959+01\'00\')', '%%EOF', 'endobj',
  '-----BEGIN PKCS7-----', 'MII', '====',
];

const codes = new Set(Object.keys(REASON_MESSAGES_IT));

function checkVerdict(v: Verdict, label: string): void {
  expect(['VALID', 'INVALID', 'INDETERMINATE'], label).toContain(v.status);
  expect(['pdf', 'p7m'], label).toContain(v.fileType);
  expect(v.reasons.length, label).toBeGreaterThan(0);
  for (const reason of v.reasons) expect(codes.has(reason.code), `${label}: ${reason.code}`).toBe(true);
  if (v.status === 'VALID') expect(v.reasons.some((x) => x.code === 'SIGNATURE_CRYPTO_VALID'), label).toBe(true);
}

describe.skipIf(TOKEN_SKIP_REASON !== undefined)(`fuzz: signature verifier (${FUZZ_CASES} cases)${skipNote(TOKEN_SKIP_REASON)}`, () => {
  const seeds: Seed[] = [];
  let ca = '';
  beforeAll(async () => {
    const info = testToken();
    ca = info.caPem;
    const content = Buffer.from(readFileSync(join(FIXTURES, '../cda/official-examples/SING_VACC.xml')));
    const pdf = readFileSync(join(FIXTURES, 'LAB_OK.pdf'));
    for (const profile of ['rsa', 'ec'] as const) {
      const sel = testTokenSelector(info, profile);
      const session = await TokenSession.open(loadModule(sel.module), sel.module.path, sel, { pin: info.pin });
      try {
        const p7m = await buildCades({ content, detached: false, signingTime: new Date(), signer: session });
        const at = p7m.indexOf(content);
        seeds.push({ name: `${profile} .p7m`, data: p7m, signed: [[at, at + content.length]] });
        seeds.push({ name: `${profile} .p7m base64`, data: Buffer.from(p7m.toString('base64').replace(/.{64}/g, '$&\n')), signed: [] });
        const p7s = await buildCades({ content, detached: true, signingTime: new Date(), signer: session });
        seeds.push({ name: `${profile} .p7s`, data: p7s, detachedContent: content, signed: [] });
        const pades = await signPades(pdf, session);
        const m = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)/.exec(pades.toString('latin1'))!;
        const [b, c, d] = [Number(m[2]), Number(m[3]), Number(m[4])];
        seeds.push({ name: `${profile} PAdES`, data: pades, signed: [[0, b], [c, c + d]] });
        const envelope = await buildCades({ content: pades, detached: false, signingTime: new Date(), signer: session });
        seeds.push({ name: `${profile} .pdf.p7m`, data: envelope, signed: [[envelope.indexOf(pades), envelope.indexOf(pades) + pades.length]] });
      } finally {
        session.close();
      }
    }
    for (const s of seeds) {
      const v = await verifyDocument({ data: s.data, trustedCertificatesPem: [ca], ...(s.detachedContent ? { detachedContent: s.detachedContent } : {}) });
      expect(v.status, s.name).toBe('VALID');
    }
  }, TOKEN_TIMEOUT);
  afterAll(() => unloadAllModules());

  it('judges every mutated signed file, never throws, and never calls changed signed bytes VALID', async () => {
    const r = rngFor('signature-verifier');
    const tally = new Tally();
    const valid: string[] = [];
    for (let i = 0; i < FUZZ_CASES; i++) {
      const seed = r.pick(seeds);
      const m = mutate(r, seed.data, TOKENS, 3, r.chance(0.6));
      const label = `case ${i} (${seed.name}: ${m.ops.join(' ')})`;
      const detached = seed.detachedContent && r.chance(0.2) ? mutate(r, seed.detachedContent).bytes : seed.detachedContent;
      const v = await within(CASE_LIMIT_MS, label, verifyDocument({ data: m.bytes, trustedCertificatesPem: [ca], ...(detached ? { detachedContent: detached } : {}) }));
      checkVerdict(v, label);
      if (m.at !== undefined && seed.signed.some(([a, b]) => m.at! >= a && m.at! < b) && !m.bytes.equals(seed.data)) {
        expect(v.status, `${label}: a change to signed bytes`).not.toBe('VALID');
      }
      if (v.status === 'VALID' && !m.bytes.equals(seed.data)) valid.push(label);
      tally.add(v.status === 'VALID' ? 'VALID' : (v.reasons.find((x) => x.severity === 'error' || x.severity === 'indeterminate')?.code ?? v.status));
    }
    // A mutated file may stay VALID only where no signature reaches: a byte set to its own
    // value, armour or white space in base64, an unsigned digestAlgorithms entry, a certificate
    // the chain does not use. Listed so that a run shows them.
    process.stdout.write(`signature verifier fuzz: ${tally}\n${valid.map((l) => `  still VALID: ${l}\n`).join('')}`);
    expect(tally.get('CMS_MALFORMED')).toBeLessThan(FUZZ_CASES); // the mutations reach past the envelope's parser
  }, suiteTimeout(60));
});
