/**
 * Signing and verifying the gateway JWTs with `jose` (FSE-GATEWAY.md §4): RS256 (RS384/RS512
 * accepted), header `{alg, typ: "JWT", x5c: [base64 DER of the signature certificate]}`,
 * signed with the signature certificate's private key — never the TLS authentication one.
 */
import { X509Certificate, createPrivateKey, randomUUID } from 'node:crypto';
import { CompactSign, compactVerify, decodeProtectedHeader, importX509 } from 'jose';
import { ALLOWED_ALGS } from '../../../shared/gateway/jwt-claims.ts';

export interface SignatureCredential {
  /** PEM of the signature certificate (its DER goes in x5c). */
  certPem: string;
  /** PEM private key of the signature certificate. */
  keyPem: string;
  alg?: (typeof ALLOWED_ALGS)[number];
}

export function pemToDer(pem: string): Buffer {
  const b64 = pem.replace(/-----(BEGIN|END)[^-]+-----/g, '').replace(/\s+/g, '');
  return Buffer.from(b64, 'base64');
}

export function derToPem(der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n').trim();
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}

/** The CN of a certificate's subject (`S1#...` for the gateway signature certificate). */
export function certificateCn(cert: X509Certificate): string | undefined {
  for (const line of cert.subject.split('\n')) if (line.startsWith('CN=')) return line.slice(3);
  return undefined;
}

export function newJti(): string {
  return randomUUID();
}

/** Signs a claims object as a compact JWS. */
export async function signGatewayJwt(claims: object, cred: SignatureCredential): Promise<string> {
  const alg = cred.alg ?? 'RS256';
  const key = createPrivateKey(cred.keyPem);
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg, typ: 'JWT', x5c: [pemToDer(cred.certPem).toString('base64')] })
    .sign(key);
}

export type JwtFailure = 'undecodable' | 'algorithm' | 'no-x5c' | 'untrusted' | 'signature';

export class JwtVerificationError extends Error {
  constructor(readonly reason: JwtFailure, message: string) {
    super(message);
    this.name = 'JwtVerificationError';
  }
}

export interface VerifiedJwt {
  payload: Record<string, unknown>;
  /** CN of the x5c signer certificate. */
  signerCn: string | undefined;
  certificate: X509Certificate;
}

/**
 * Verifies a gateway JWT: header readable, algorithm allowed, x5c present, the x5c certificate
 * issued by one of `caPems` (when given) and valid now, and the signature made with its key.
 */
export async function verifyGatewayJwt(token: string, opts: { caPems?: string[]; now?: Date } = {}): Promise<VerifiedJwt> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
    if (token.split('.').length !== 3) throw new Error('not a compact JWS');
  } catch (e) {
    throw new JwtVerificationError('undecodable', `JWT not decodable: ${(e as Error).message}`);
  }
  if (!(ALLOWED_ALGS as readonly string[]).includes(String(header.alg))) throw new JwtVerificationError('algorithm', `JWT alg ${String(header.alg)} not allowed`);
  const x5c = header.x5c?.[0];
  if (!x5c) throw new JwtVerificationError('no-x5c', 'JWT header without x5c');
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(Buffer.from(x5c, 'base64'));
  } catch {
    throw new JwtVerificationError('undecodable', 'x5c is not a certificate');
  }
  if (opts.caPems && opts.caPems.length > 0) {
    const now = opts.now ?? new Date();
    const trusted = opts.caPems.some((pem) => {
      const ca = new X509Certificate(pem);
      return cert.checkIssued(ca) && cert.verify(ca.publicKey);
    });
    if (!trusted) throw new JwtVerificationError('untrusted', 'x5c certificate not issued by the configured CA');
    if (new Date(cert.validFrom) > now || new Date(cert.validTo) < now) throw new JwtVerificationError('untrusted', 'x5c certificate not valid now');
  }
  try {
    const key = await importX509(derToPem(cert.raw), String(header.alg));
    const { payload } = await compactVerify(token, key, { algorithms: [...ALLOWED_ALGS] });
    return { payload: JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>, signerCn: certificateCn(cert), certificate: cert };
  } catch (e) {
    if (e instanceof SyntaxError) throw new JwtVerificationError('undecodable', 'JWT payload is not JSON');
    throw new JwtVerificationError('signature', `JWT signature invalid: ${(e as Error).message}`);
  }
}
