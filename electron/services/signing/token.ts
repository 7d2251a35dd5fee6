/**
 * PKCS#11 access over pkcs11js: module loading (one initialised instance per module path per
 * process), slot/token discovery, certificate listing, PIN-safe login and token signing.
 *
 * PIN rules: the PIN is only passed in by the caller for one batch, kept in the TokenSession
 * (never written anywhere, never logged, never part of an error message) and dropped by close().
 * Token flags are read before every login; a locked PIN or a final try without consent is never
 * attempted; a wrong PIN is reported once and never retried by this code.
 */
import { createHash, X509Certificate } from 'node:crypto';
import pkcs11js from 'pkcs11js';
import { AppError } from '../../../shared/errors/index.ts';
import { decideLogin, pinFlagsFrom, pinTriesStateFromFlags, CKF_LOGIN_REQUIRED, CKF_PROTECTED_AUTHENTICATION_PATH } from '../../../shared/signing/pin.ts';
import { ecdsaRawToDer, sha256DigestInfo, toHex } from '../../../shared/signing/der.ts';
import type { CertificateInfo, PinInput, Pkcs11ModuleRef, SlotInfo, TokenSelector, TokenStatus } from '../../../shared/signing/types.ts';
import { certificateInfo } from './x509.ts';

export type Pkcs11 = pkcs11js.PKCS11;
type Handle = Buffer;

/** Lets tests observe the real module (e.g. count C_Login calls): returns the object to use. */
export type Pkcs11Instrument = (p11: Pkcs11) => Pkcs11;

interface LoadedModule {
  p11: Pkcs11;
  envKey: string;
}

const loaded = new Map<string, LoadedModule>();

const CKR = {
  PIN_INCORRECT: 0xa0,
  PIN_INVALID: 0xa1,
  PIN_LEN_RANGE: 0xa2,
  PIN_EXPIRED: 0xa3,
  PIN_LOCKED: 0xa4,
  USER_ALREADY_LOGGED_IN: 0x100,
  USER_NOT_LOGGED_IN: 0x101,
  CRYPTOKI_ALREADY_INITIALIZED: 0x191,
  TOKEN_NOT_PRESENT: 0xe0,
  TOKEN_NOT_RECOGNIZED: 0xe1,
  DEVICE_REMOVED: 0x32,
  DEVICE_ERROR: 0x30,
  SLOT_ID_INVALID: 0x03,
  SESSION_CLOSED: 0xb0,
  SESSION_HANDLE_INVALID: 0xb3,
  FUNCTION_CANCELED: 0x50,
} as const;

export function pkcs11Code(e: unknown): number | undefined {
  if (e && typeof e === 'object' && 'code' in e && typeof (e as { code: unknown }).code === 'number') {
    return (e as { code: number }).code;
  }
  return undefined;
}

/** Loads and initialises a module once per process. */
export function loadModule(ref: Pkcs11ModuleRef): Pkcs11 {
  const envKey = JSON.stringify(ref.env ?? {});
  const existing = loaded.get(ref.path);
  if (existing) {
    if (existing.envKey !== envKey && ref.env) {
      throw new Error(`PKCS#11 module ${ref.path} is already initialised with another environment in this process`);
    }
    return existing.p11;
  }
  // SoftHSM and some middlewares read their configuration from the environment at C_Initialize.
  for (const [k, v] of Object.entries(ref.env ?? {})) process.env[k] = v;
  const p11 = new pkcs11js.PKCS11();
  try {
    p11.load(ref.path);
  } catch (e) {
    throw new AppError('TOKEN_NOT_PRESENT', `cannot load PKCS#11 module ${ref.path}: ${(e as Error).message}`);
  }
  try {
    p11.C_Initialize({ flags: pkcs11js.CKF_OS_LOCKING_OK });
  } catch (e) {
    if (pkcs11Code(e) !== CKR.CRYPTOKI_ALREADY_INITIALIZED) {
      throw new AppError('TOKEN_NOT_PRESENT', `C_Initialize failed for ${ref.path}: ${(e as Error).message}`);
    }
  }
  loaded.set(ref.path, { p11, envKey });
  return p11;
}

/** Finalises every loaded module (app shutdown, tests). */
export function unloadAllModules(): void {
  for (const [path, m] of loaded) {
    try {
      m.p11.C_Finalize();
    } catch {
      /* ignore */
    }
    try {
      m.p11.close();
    } catch {
      /* ignore */
    }
    loaded.delete(path);
  }
}

const trim = (s: string) => s.replace(/[\s\0]+$/, '');

export function tokenStatus(p11: Pkcs11, slot: Handle): TokenStatus {
  const t = p11.C_GetTokenInfo(slot);
  return {
    label: trim(t.label),
    manufacturer: trim(t.manufacturerID),
    model: trim(t.model),
    serialNumber: trim(t.serialNumber),
    flags: t.flags,
    pin: pinFlagsFrom(t.flags),
    pinTriesState: pinTriesStateFromFlags(t.flags),
    loginRequired: (t.flags & CKF_LOGIN_REQUIRED) !== 0,
    protectedAuthenticationPath: (t.flags & CKF_PROTECTED_AUTHENTICATION_PATH) !== 0,
  };
}

export function slotIdString(slot: Handle): string {
  // CK_SLOT_ID is a CK_ULONG in host byte order (little-endian on every supported platform)
  return slot.length >= 8 ? slot.readBigUInt64LE(0).toString() : String(slot.readUInt32LE(0));
}

export function listSlots(p11: Pkcs11): SlotInfo[] {
  return p11.C_GetSlotList(false).map((slot) => {
    const s = p11.C_GetSlotInfo(slot);
    const tokenPresent = (s.flags & 0x1) /* CKF_TOKEN_PRESENT */ !== 0;
    const info: SlotInfo = { slotId: slotIdString(slot), description: trim(s.slotDescription), tokenPresent };
    if (tokenPresent) {
      try {
        info.token = tokenStatus(p11, slot);
      } catch {
        info.tokenPresent = false;
      }
    }
    return info;
  });
}

function mapTokenError(e: unknown, what: string): never {
  const code = pkcs11Code(e);
  if (code === CKR.TOKEN_NOT_PRESENT || code === CKR.DEVICE_REMOVED || code === CKR.SLOT_ID_INVALID ||
      code === CKR.TOKEN_NOT_RECOGNIZED || code === CKR.SESSION_CLOSED || code === CKR.SESSION_HANDLE_INVALID) {
    throw new AppError('TOKEN_NOT_PRESENT', `${what}: token removed or not present (${(e as Error).message})`);
  }
  if (code === CKR.FUNCTION_CANCELED) throw new AppError('CANCELLED', `${what}: cancelled on the reader`);
  if (e instanceof AppError) throw e;
  throw new AppError('INTERNAL', `${what}: ${(e as Error).message}`);
}

interface RawCert {
  id: string;
  label: string;
  der: Buffer;
}

function readCertificates(p11: Pkcs11, session: Handle): RawCert[] {
  p11.C_FindObjectsInit(session, [
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE },
    { type: pkcs11js.CKA_CERTIFICATE_TYPE, value: pkcs11js.CKC_X_509 },
  ]);
  const handles: Handle[] = [];
  try {
    for (let h = p11.C_FindObjects(session); h; h = p11.C_FindObjects(session)) handles.push(h);
  } finally {
    p11.C_FindObjectsFinal(session);
  }
  return handles.map((h) => {
    const attrs = p11.C_GetAttributeValue(session, h, [
      { type: pkcs11js.CKA_ID },
      { type: pkcs11js.CKA_LABEL },
      { type: pkcs11js.CKA_VALUE },
    ]);
    const val = (i: number) => (attrs[i]?.value as Buffer | undefined) ?? Buffer.alloc(0);
    return { id: val(0).toString('hex'), label: val(1).toString('utf8'), der: val(2) };
  });
}

/** A token found by selector. */
export interface FoundToken {
  p11: Pkcs11;
  slot: Handle;
  slotId: string;
  status: TokenStatus;
  certificates: CertificateInfo[];
}

function certificatesOn(p11: Pkcs11, slot: Handle): CertificateInfo[] {
  let session: Handle;
  try {
    session = p11.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
  } catch (e) {
    mapTokenError(e, 'C_OpenSession');
  }
  try {
    const out: CertificateInfo[] = [];
    for (const c of readCertificates(p11, session)) {
      try {
        out.push(certificateInfo(c.der, c.id, c.label));
      } catch {
        /* unreadable certificate object: skipped */
      }
    }
    return out;
  } finally {
    try {
      p11.C_CloseSession(session);
    } catch {
      /* ignore */
    }
  }
}

/** The token a selector points to; TOKEN_NOT_PRESENT when none matches. */
export function findToken(p11: Pkcs11, selector: TokenSelector): FoundToken {
  let slots: Handle[];
  try {
    slots = p11.C_GetSlotList(true);
  } catch (e) {
    mapTokenError(e, 'C_GetSlotList');
  }
  const candidates: FoundToken[] = [];
  for (const slot of slots) {
    let status: TokenStatus;
    try {
      status = tokenStatus(p11, slot);
    } catch {
      continue;
    }
    if (selector.tokenLabel !== undefined && status.label !== selector.tokenLabel.trim()) continue;
    if (selector.tokenSerial !== undefined && status.serialNumber !== selector.tokenSerial.trim()) continue;
    candidates.push({ p11, slot, slotId: slotIdString(slot), status, certificates: [] });
  }
  for (const c of candidates) {
    c.certificates = certificatesOn(p11, c.slot);
    if (selector.tokenLabel !== undefined || selector.tokenSerial !== undefined) return c;
    if (c.certificates.some((x) => x.role === 'signature')) return c;
  }
  const first = candidates[0];
  if (first) return first;
  throw new AppError('TOKEN_NOT_PRESENT', 'no matching token present');
}

/**
 * The signature certificate: the one with the given CKA_ID, otherwise the nonRepudiation one
 * (valid now preferred). The CNS authentication certificate is never chosen implicitly.
 */
export function chooseSigningCertificate(certs: CertificateInfo[], certificateId?: string, now = new Date()): CertificateInfo {
  if (certificateId !== undefined) {
    const c = certs.find((x) => x.id.toLowerCase() === certificateId.toLowerCase());
    if (!c) throw new AppError('CERTIFICATE_INVALID', `no certificate with id ${certificateId} on the token`);
    return c;
  }
  const signing = certs.filter((c) => c.role === 'signature');
  const valid = signing.filter((c) => new Date(c.notBefore) <= now && now <= new Date(c.notAfter));
  const chosen = valid[0] ?? signing[0];
  if (!chosen) throw new AppError('CERTIFICATE_INVALID', 'no signature (nonRepudiation) certificate on the token');
  return chosen;
}

export type SignMechanism = 'CKM_SHA256_RSA_PKCS' | 'CKM_RSA_PKCS' | 'CKM_ECDSA';

/** Mechanism from the token's own list (pure). */
export function chooseMechanism(keyType: 'RSA' | 'EC', available: number[]): SignMechanism {
  if (keyType === 'EC') {
    if (available.includes(pkcs11js.CKM_ECDSA)) return 'CKM_ECDSA';
  } else {
    if (available.includes(pkcs11js.CKM_SHA256_RSA_PKCS)) return 'CKM_SHA256_RSA_PKCS';
    if (available.includes(pkcs11js.CKM_RSA_PKCS)) return 'CKM_RSA_PKCS';
  }
  throw new AppError('CERTIFICATE_INVALID', `the token offers no usable signature mechanism for ${keyType} keys`);
}

/** What CMS building needs from a signer (the token, or a software key in tests). */
export interface ExternalSigner {
  /** DER of the signer certificate. */
  certificate: Buffer;
  keyType: 'RSA' | 'EC';
  /** Signs DER-encoded signed attributes with SHA-256; returns PKCS#1 v1.5 or DER ECDSA signature. */
  sign(tbs: Uint8Array): Promise<Buffer>;
}

let sessionCounter = 0;
const tokenLocks = new Map<string, Promise<void>>();

/** Serialises logins per token in this process (login state is per token per process). */
async function acquireTokenLock(key: string): Promise<() => void> {
  const previous = tokenLocks.get(key) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((r) => (release = r));
  const chained = previous.then(() => mine);
  tokenLocks.set(key, chained);
  await previous;
  return () => {
    release();
    if (tokenLocks.get(key) === chained) tokenLocks.delete(key);
  };
}

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

function findObjects(p11: Pkcs11, session: Handle, template: pkcs11js.Template): Handle[] {
  p11.C_FindObjectsInit(session, template);
  const out: Handle[] = [];
  try {
    for (let h = p11.C_FindObjects(session); h; h = p11.C_FindObjects(session)) out.push(h);
  } finally {
    p11.C_FindObjectsFinal(session);
  }
  return out;
}

/**
 * The private key of a certificate: same CKA_ID (the rule on CNS / signature cards and
 * SoftHSM); otherwise, for middlewares that pair differently, the RSA key with the certificate's
 * modulus, or the only private key on the token.
 */
function findPrivateKey(p11: Pkcs11, session: Handle, cert: CertificateInfo): Handle | null {
  if (cert.id !== '') {
    const byId = findObjects(p11, session, [
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
      { type: pkcs11js.CKA_ID, value: Buffer.from(cert.id, 'hex') },
    ]);
    if (byId[0]) return byId[0];
  }
  const all = findObjects(p11, session, [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY }]);
  if (cert.keyAlgorithm === 'RSA') {
    const jwk = new X509Certificate(cert.pem).publicKey.export({ format: 'jwk' });
    const modulus = Buffer.from(String(jwk.n), 'base64url');
    for (const h of all) {
      try {
        const m = p11.C_GetAttributeValue(session, h, [{ type: pkcs11js.CKA_MODULUS }])[0]?.value as Buffer | undefined;
        if (m && Buffer.from(m).subarray(m.findIndex((b) => b !== 0)).equals(modulus.subarray(modulus.findIndex((b) => b !== 0)))) return h;
      } catch {
        /* attribute not readable */
      }
    }
  }
  return all.length === 1 ? all[0]! : null;
}

/**
 * One C_Login. A wrong PIN becomes PIN_INCORRECT with the tries state read from the token right
 * after the failure; it is never retried here.
 */
function login(p11: Pkcs11, slot: Handle | undefined, session: Handle, userType: number, pin: string | undefined, afterLogout = false): void {
  try {
    p11.C_Login(session, userType, pin);
  } catch (e) {
    const code = pkcs11Code(e);
    if (code === CKR.USER_ALREADY_LOGGED_IN && userType === pkcs11js.CKU_USER && !afterLogout) {
      // Another session of this process left the token logged in: that login did not check
      // this PIN. Log out and make the (single) real attempt.
      p11.C_Logout(session);
      login(p11, slot, session, userType, pin, true);
      return;
    }
    const triesState = () => {
      try {
        const s = slot ?? p11.C_GetSessionInfo(session).slotID;
        return pinTriesStateFromFlags(p11.C_GetTokenInfo(s).flags);
      } catch {
        return 'ok' as const;
      }
    };
    if (code === CKR.PIN_LOCKED) throw new AppError('PIN_LOCKED', 'the token PIN is locked', {});
    if (code === CKR.PIN_INCORRECT || code === CKR.PIN_INVALID || code === CKR.PIN_LEN_RANGE) {
      const state = triesState();
      if (state === 'locked') throw new AppError('PIN_LOCKED', 'the token PIN is locked after a wrong PIN', {});
      throw new AppError('PIN_INCORRECT', 'wrong PIN', { triesState: state });
    }
    mapTokenError(e, 'C_Login');
  }
}

export { toHex };
