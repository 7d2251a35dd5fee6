/** A logged-in session on one token with one key, for one batch: open (PIN checks, login, key), sign, close. */
import { createHash } from 'node:crypto';
import pkcs11js from 'pkcs11js';
import { AppError } from '../../../shared/errors/index.ts';
import { decideLogin } from '../../../shared/signing/pin.ts';
import { ecdsaRawToDer, sha256DigestInfo } from '../../../shared/signing/der.ts';
import type { CertificateInfo, PinInput, TokenSelector } from '../../../shared/signing/types.ts';
import { mapTokenError } from './pkcs11-errors.ts';
import type { Handle, Pkcs11 } from './pkcs11-module.ts';
import { chooseSigningCertificate, findToken, tokenStatus } from './token-discovery.ts';
import { chooseMechanism, findPrivateKey, type SignMechanism } from './token-key.ts';
import { acquireTokenLock, login } from './token-login.ts';

/** What CMS building needs from a signer (the token, or a software key in tests). */
export interface ExternalSigner {
  /** DER of the signer certificate. */
  certificate: Buffer;
  keyType: 'RSA' | 'EC';
  /** Signs DER-encoded signed attributes with SHA-256; returns PKCS#1 v1.5 or DER ECDSA signature. */
  sign(tbs: Uint8Array): Promise<Buffer>;
}

let sessionCounter = 0;

/** A logged-in session on one token with one key, for one batch. */
export class TokenSession implements ExternalSigner {
  readonly certificate: Buffer;
  readonly keyType: 'RSA' | 'EC';
  readonly mechanism: SignMechanism;
  readonly alwaysAuthenticate: boolean;
  readonly certificateInfo: CertificateInfo;
  readonly id = ++sessionCounter;
  private pin: string | undefined;
  private closed = false;

  private constructor(
    private readonly p11: Pkcs11,
    private readonly session: Handle,
    private readonly key: Handle,
    private readonly releaseLock: () => void,
    init: { cert: CertificateInfo; der: Buffer; keyType: 'RSA' | 'EC'; mechanism: SignMechanism; alwaysAuthenticate: boolean; pin: string | undefined },
  ) {
    this.certificate = init.der;
    this.certificateInfo = init.cert;
    this.keyType = init.keyType;
    this.mechanism = init.mechanism;
    this.alwaysAuthenticate = init.alwaysAuthenticate;
    this.pin = init.pin;
  }

  /**
   * Checks the PIN flags, logs in once and finds the private key paired (by CKA_ID) with the
   * signature certificate. Throws AppError: PIN_LOCKED, PIN_FINAL_TRY_NEEDS_CONSENT,
   * PIN_INCORRECT { triesState }, TOKEN_NOT_PRESENT, CERTIFICATE_INVALID.
   */
  static async open(p11: Pkcs11, modulePath: string, selector: TokenSelector, pinInput: PinInput): Promise<TokenSession> {
    const token = findToken(p11, selector);
    const cert = chooseSigningCertificate(token.certificates, selector.certificateId);
    const release = await acquireTokenLock(`${modulePath}#${token.slotId}`);
    let session: Handle | undefined;
    try {
      const status = tokenStatus(p11, token.slot);
      const decision = decideLogin(status.pinTriesState, pinInput.confirmFinalTry);
      if (decision === 'refuse-locked') throw new AppError('PIN_LOCKED', 'the token PIN is locked', {});
      if (decision === 'refuse-needs-consent') {
        throw new AppError('PIN_FINAL_TRY_NEEDS_CONSENT', 'final PIN try: explicit confirmation required', {});
      }
      if (pinInput.pin === undefined && !status.protectedAuthenticationPath) {
        throw new AppError('PIN_INCORRECT', 'no PIN given', { triesState: status.pinTriesState });
      }
      try {
        session = p11.C_OpenSession(token.slot, pkcs11js.CKF_SERIAL_SESSION);
      } catch (e) {
        mapTokenError(e, 'C_OpenSession');
      }
      login(p11, token.slot, session, pkcs11js.CKU_USER, pinInput.pin);

      const key = findPrivateKey(p11, session, cert);
      if (!key) throw new AppError('CERTIFICATE_INVALID', `no private key paired with certificate id ${cert.id}`);
      const attrs = p11.C_GetAttributeValue(session, key, [{ type: pkcs11js.CKA_KEY_TYPE }]);
      const kt = (attrs[0]?.value as Buffer | undefined)?.readUInt32LE(0);
      const keyType = kt === pkcs11js.CKK_EC ? 'EC' : kt === pkcs11js.CKK_RSA ? 'RSA' : undefined;
      if (!keyType) throw new AppError('CERTIFICATE_INVALID', `unsupported key type ${kt}`);
      let alwaysAuthenticate = false;
      try {
        const aa = p11.C_GetAttributeValue(session, key, [{ type: pkcs11js.CKA_ALWAYS_AUTHENTICATE }]);
        const v = aa[0]?.value as Buffer | undefined;
        alwaysAuthenticate = !!v && v.length > 0 && v[0] !== 0;
      } catch {
        alwaysAuthenticate = false; // attribute unknown to older modules
      }
      const mechanism = chooseMechanism(keyType, p11.C_GetMechanismList(token.slot));
      const der = Buffer.from(cert.pem.replace(/-----[^-]+-----|\s+/g, ''), 'base64');
      return new TokenSession(p11, session, key, release, {
        cert, der, keyType, mechanism, alwaysAuthenticate, pin: alwaysAuthenticate ? pinInput.pin : undefined,
      });
    } catch (e) {
      if (session) {
        try {
          p11.C_Logout(session);
        } catch {
          /* not logged in */
        }
        try {
          p11.C_CloseSession(session);
        } catch {
          /* ignore */
        }
      }
      release();
      if (e instanceof AppError) throw e;
      mapTokenError(e, 'open session');
    }
  }

  /** One token signature over SHA-256(tbs); runs on the libuv pool (C_SignAsync). */
  async sign(tbs: Uint8Array): Promise<Buffer> {
    if (this.closed) throw new AppError('CANCELLED', 'signing session closed');
    const data = Buffer.from(tbs);
    const input =
      this.mechanism === 'CKM_SHA256_RSA_PKCS'
        ? data
        : this.mechanism === 'CKM_RSA_PKCS'
          ? Buffer.from(sha256DigestInfo(createHash('sha256').update(data).digest()))
          : createHash('sha256').update(data).digest();
    try {
      this.p11.C_SignInit(this.session, { mechanism: pkcs11js[this.mechanism] }, this.key);
      if (this.alwaysAuthenticate) {
        // CKA_ALWAYS_AUTHENTICATE: context-specific login between C_SignInit and C_Sign
        login(this.p11, undefined, this.session, pkcs11js.CKU_CONTEXT_SPECIFIC, this.pin);
      }
      const sig = await this.p11.C_SignAsync(this.session, input, Buffer.alloc(1024));
      return this.keyType === 'EC' ? Buffer.from(ecdsaRawToDer(sig)) : Buffer.from(sig);
    } catch (e) {
      if (e instanceof AppError) throw e;
      mapTokenError(e, 'C_Sign');
    }
  }

  /** Logs out, closes the session and drops the PIN. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pin = undefined;
    try {
      this.p11.C_Logout(this.session);
    } catch {
      /* ignore */
    }
    try {
      this.p11.C_CloseSession(this.session);
    } catch {
      /* ignore */
    }
    this.releaseLock();
  }
}
