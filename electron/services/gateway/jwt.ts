/**
 * Signing and verifying the gateway JWTs (FSE-GATEWAY.md §4): RS256 (RS384/RS512 accepted),
 * header `{alg, typ: "JWT", x5c: [base64 DER of the signature certificate]}`, signed with the
 * signature certificate's private key — never the TLS authentication one. The header is read
 * by `jose`; the RSASSA-PKCS1-v1_5 signature (RFC 7518 §3.3) is made and checked by
 * node:crypto directly, in the calling thread: jose's WebCrypto path cost each request
 * several event-loop turns (milliseconds under load) for a 0.3 ms operation.
 */
import { X509Certificate, createPrivateKey, randomUUID, sign, verify, type KeyObject } from 'node:crypto';
import { decodeProtectedHeader } from 'jose';
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

/** The CN of a certificate's subject (`S1#...` for the gateway signature certificate). */
export function certificateCn(cert: X509Certificate): string | undefined {
  for (const line of cert.subject.split('\n')) if (line.startsWith('CN=')) return line.slice(3);
  return undefined;
}

export function newJti(): string {
  return randomUUID();
}

/**
 * The parsed key and the x5c of a credential, once per credential object: every request of
 * the outbox signs two JWTs, and parsing the PEM key each time was most of their cost.
 */
const signingKeys = new WeakMap<SignatureCredential, { keyPem: string; certPem: string; key: KeyObject; x5c: string }>();

function signingKey(cred: SignatureCredential): { key: KeyObject; x5c: string } {
  const hit = signingKeys.get(cred);
  if (hit && hit.keyPem === cred.keyPem && hit.certPem === cred.certPem) return hit;
  const entry = { keyPem: cred.keyPem, certPem: cred.certPem, key: createPrivateKey(cred.keyPem), x5c: pemToDer(cred.certPem).toString('base64') };
  signingKeys.set(cred, entry);
  return entry;
}

/** RFC 7518 §3.3: RSnnn is RSASSA-PKCS1-v1_5 with SHA-nnn (node:crypto's RSA default padding). */
const HASH_OF: Record<(typeof ALLOWED_ALGS)[number], string> = { RS256: 'sha256', RS384: 'sha384', RS512: 'sha512' };
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Signs a claims object as a compact JWS. */
export async function signGatewayJwt(claims: object, cred: SignatureCredential): Promise<string> {
  const alg = cred.alg ?? 'RS256';
  const { key, x5c } = signingKey(cred);
  const input = `${Buffer.from(JSON.stringify({ alg, typ: 'JWT', x5c: [x5c] })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${input}.${sign(HASH_OF[alg], Buffer.from(input), key).toString('base64url')}`;
}

/** Parsed certificates by their text (x5c base64 or CA PEM): the same few arrive on every request. */
const parsedCertificates = new Map<string, X509Certificate>();
const MAX_PARSED_CERTIFICATES = 64;

function parsedCertificate(text: string, bytes: () => Buffer | string): X509Certificate {
  const hit = parsedCertificates.get(text);
  if (hit) return hit;
  const cert = new X509Certificate(bytes());
  if (parsedCertificates.size >= MAX_PARSED_CERTIFICATES) parsedCertificates.delete(parsedCertificates.keys().next().value as string);
  parsedCertificates.set(text, cert);
  return cert;
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
    cert = parsedCertificate(x5c, () => Buffer.from(x5c, 'base64'));
  } catch {
    throw new JwtVerificationError('undecodable', 'x5c is not a certificate');
  }
  if (opts.caPems && opts.caPems.length > 0) {
    const now = opts.now ?? new Date();
    const trusted = opts.caPems.some((pem) => {
      const ca = parsedCertificate(pem, () => pem);
      try {
        return cert.checkIssued(ca) && cert.verify(ca.publicKey);
      } catch {
        return false;
      }
    });
    if (!trusted) throw new JwtVerificationError('untrusted', 'x5c certificate not issued by the configured CA');
    if (new Date(cert.validFrom) > now || new Date(cert.validTo) < now) throw new JwtVerificationError('untrusted', 'x5c certificate not valid now');
  }
  const [h = '', p = '', sig = ''] = token.split('.');
  // A certificate whose structure parses can still carry a key that does not (X509Certificate
  // reads the key only here): that is a bad token, not a failure of the verifier.
  let key: KeyObject;
  try {
    key = cert.publicKey;
  } catch {
    throw new JwtVerificationError('undecodable', 'x5c certificate with an unreadable public key');
  }
  // An RSnnn header with a key of another type would let a signature of that type through.
  if (key.asymmetricKeyType !== 'rsa' || (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) {
    throw new JwtVerificationError('signature', 'JWT signature invalid: the x5c key is not RSA of at least 2048 bits');
  }
  // RFC 7515 §4.1.11: a critical extension we do not understand makes the JWS invalid.
  if (header.crit !== undefined || header.b64 !== undefined) throw new JwtVerificationError('signature', 'JWT signature invalid: unsupported critical header');
  if (!BASE64URL.test(p) || !BASE64URL.test(sig) || sig === '') throw new JwtVerificationError('undecodable', 'JWT not decodable: not base64url');
  let valid: boolean;
  try {
    valid = verify(HASH_OF[header.alg as (typeof ALLOWED_ALGS)[number]], Buffer.from(`${h}.${p}`), key, Buffer.from(sig, 'base64url'));
  } catch (e) {
    throw new JwtVerificationError('signature', `JWT signature invalid: ${(e as Error).message}`);
  }
  if (!valid) throw new JwtVerificationError('signature', 'JWT signature invalid: signature verification failed');
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  } catch {
    throw new JwtVerificationError('undecodable', 'JWT payload is not JSON');
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new JwtVerificationError('undecodable', 'JWT payload is not a JSON object');
  return { payload: payload as Record<string, unknown>, signerCn: certificateCn(cert), certificate: cert };
}
