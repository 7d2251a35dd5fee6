/**
 * The simulator's JWT checks (FSE-GATEWAY.md §4), as GovWay and the dispatcher make them:
 * both tokens verified (signature with the x5c certificate, issued by the configured CA when
 * there is one and valid now), then the claims — the Authorization token's on every call, the
 * FSE-JWT-Signature token's against the document facts (attachment_hash vs the received PDF,
 * person_id vs the CDA patient, the document type, P99 changes).
 */
import { checkAuthClaims, checkIntegrityClaims, type ClaimCheckContext, type SignedOperation } from '../../../../shared/gateway/jwt-claims.ts';
import { JwtVerificationError, verifyGatewayJwt, type VerifiedJwt } from '../jwt.ts';
import { Problem } from './problem.ts';

export interface JwtCheckOptions {
  /** CA(s) the x5c signature certificate must be issued by; none = any certificate (signature still verified). */
  jwtCaPems?: string[] | undefined;
  /** Expected `aud` (read per call: the simulator's URL is known only once it listens). */
  audience: () => string;
  /** Clock in ms. */
  now: () => number;
  /** Off: iat/exp are not compared with the clock. */
  checkTokenTimes?: boolean | undefined;
}

/** What the integrity claims are checked against, besides the operation. */
export type DocumentFacts = Pick<ClaimCheckContext, 'fileSha256' | 'patientIds' | 'documentCode' | 'changesP99'>;

export class JwtChecks {
  constructor(private readonly o: JwtCheckOptions) {}

  private verify(token: string): Promise<VerifiedJwt> {
    return verifyGatewayJwt(token, { ...(this.o.jwtCaPems ? { caPems: this.o.jwtCaPems } : {}), now: new Date(this.o.now()) });
  }

  private times(): { now?: number } {
    return this.o.checkTokenTimes === false ? {} : { now: Math.floor(this.o.now() / 1000) };
  }

  /** `Authorization: Bearer` on every operation: present, verified, its claims right. */
  async authentication(authorization: string | undefined): Promise<VerifiedJwt> {
    const auth = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1];
    if (!auth) throw new Problem('/msg/missing-token', 'Token di autenticazione mancante', 403);
    const jwt = await this.verify(auth);
    const problems = checkAuthClaims(jwt.payload, { ...this.times(), audience: this.o.audience(), ...(jwt.signerCn ? { issuerCn: jwt.signerCn } : {}) });
    if (problems[0]) throw new Problem('/msg/jwt-validation', problems[0].message, 403, problems[0].instance);
    return jwt;
  }

  /** `FSE-JWT-Signature`: present and verified (its claims are checked once the document is read). */
  async integrityToken(header: string | string[] | undefined): Promise<VerifiedJwt> {
    if (typeof header !== 'string' || header === '') throw new Problem('/msg/missing-token', 'Token FSE-JWT-Signature mancante', 403);
    return this.verify(header);
  }

  /** The integrity claims against the operation and the document. */
  integrityClaims(jwt: VerifiedJwt, op: SignedOperation, facts: DocumentFacts): void {
    const problems = checkIntegrityClaims(jwt.payload, {
      op,
      ...this.times(),
      audience: this.o.audience(),
      ...(jwt.signerCn ? { issuerCn: jwt.signerCn } : {}),
      ...facts,
    });
    if (problems[0]) throw new Problem(problems[0].type, problems[0].message, 403, problems[0].instance);
  }
}

/** A token that could not be verified, as the gateway answers it. */
export function jwtProblem(e: JwtVerificationError): Problem {
  return e.reason === 'undecodable' ? new Problem('/msg/mandatory-element-token', e.message, 401) : new Problem('/msg/jwt-validation', e.message, 403, '/jwt-signature');
}
