/**
 * The gateway JWTs (electron/services/gateway/jwt.ts), signed and checked with node:crypto:
 * what we sign is a standard RS256 JWS that `jose` (a referee here) verifies, what `jose`
 * signs we verify, and the tokens a careless verifier would take are refused: another
 * algorithm, a key that is not RSA under an RS256 header, a changed payload, a critical header.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createPrivateKey, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompactSign, compactVerify, importX509 } from 'jose';
import { describe, expect, it } from 'vitest';
import { ephemeralSignatureCredential } from '../../../electron/services/gateway/dev-credentials.ts';
import { pemToDer, signGatewayJwt, verifyGatewayJwt } from '../../../electron/services/gateway/jwt.ts';

const cred = ephemeralSignatureCredential('S1#JWTTEST');
const claims = { iss: 'integrity:S1#JWTTEST', sub: 'RSSMRA80A01H501U', aud: 'https://gateway/v1', iat: 1_700_000_000, exp: 1_700_000_300, jti: 'j-1' };
const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const x5c = pemToDer(cred.certPem).toString('base64');

describe('gateway JWT', () => {
  it('signs a JWS jose verifies with the x5c certificate, and verifies one jose signed', async () => {
    const token = await signGatewayJwt(claims, cred);
    const { payload, protectedHeader } = await compactVerify(token, await importX509(cred.certPem, 'RS256'));
    expect(JSON.parse(new TextDecoder().decode(payload))).toEqual(claims);
    expect(protectedHeader).toEqual({ alg: 'RS256', typ: 'JWT', x5c: [x5c] });

    for (const alg of ['RS256', 'RS384', 'RS512'] as const) {
      const theirs = await new CompactSign(new TextEncoder().encode(JSON.stringify(claims))).setProtectedHeader({ alg, typ: 'JWT', x5c: [x5c] }).sign(createPrivateKey(cred.keyPem));
      const v = await verifyGatewayJwt(theirs);
      expect(v.payload).toEqual(claims);
      expect(v.signerCn).toBe('S1#JWTTEST');
    }
  });

  it('refuses a changed payload, a foreign algorithm, a critical header and a non-RSA key', async () => {
    const token = await signGatewayJwt(claims, cred);
    const [h, , s] = token.split('.');
    await expect(verifyGatewayJwt(`${h}.${b64url({ ...claims, sub: 'VRDGPP93H19H501P' })}.${s}`)).rejects.toMatchObject({ reason: 'signature' });

    const input = (header: object) => `${b64url(header)}.${b64url(claims)}`;
    const key = createPrivateKey(cred.keyPem);
    const signedWith = (header: object, alg = 'sha256', k = key) => `${input(header)}.${sign(alg, Buffer.from(input(header)), k).toString('base64url')}`;
    await expect(verifyGatewayJwt(signedWith({ alg: 'PS256', typ: 'JWT', x5c: [x5c] }))).rejects.toMatchObject({ reason: 'algorithm' });
    await expect(verifyGatewayJwt(`${input({ alg: 'none', x5c: [x5c] })}.`)).rejects.toMatchObject({ reason: 'algorithm' });
    await expect(verifyGatewayJwt(signedWith({ alg: 'RS256', typ: 'JWT', x5c: [x5c], crit: ['exp'], exp: 1 }))).rejects.toMatchObject({ reason: 'signature' });

    // An EC certificate (openssl's) under an RS256 header, the token signed with its EC key:
    // an ECDSA signature must not pass for RSASSA-PKCS1-v1_5.
    if (spawnSync('openssl', ['version']).status === 0) {
      const dir = mkdtempSync(join(tmpdir(), 'cartella-jwt-'));
      try {
        execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem'), '-subj', '/CN=S1#EC', '-days', '2'], { stdio: 'ignore' });
        const ecX5c = pemToDer(readFileSync(join(dir, 'c.pem'), 'utf8')).toString('base64');
        const ecKey = createPrivateKey(readFileSync(join(dir, 'k.pem')));
        await expect(verifyGatewayJwt(signedWith({ alg: 'RS256', typ: 'JWT', x5c: [ecX5c] }, 'sha256', ecKey))).rejects.toMatchObject({ reason: 'signature' });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });
});
