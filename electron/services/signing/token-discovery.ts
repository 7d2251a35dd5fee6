/** Slot and token discovery: token status and PIN flags, slot listing, certificates on a token, the signing certificate. */
import pkcs11js from 'pkcs11js';
import { AppError } from '../../../shared/errors/index.ts';
import { pinFlagsFrom, pinTriesStateFromFlags, CKF_LOGIN_REQUIRED, CKF_PROTECTED_AUTHENTICATION_PATH } from '../../../shared/signing/pin.ts';
import type { CertificateInfo, SlotInfo, TokenSelector, TokenStatus } from '../../../shared/signing/types.ts';
import { mapTokenError } from './pkcs11-errors.ts';
import type { Handle, Pkcs11 } from './pkcs11-module.ts';
import { certificateInfo } from './x509.ts';

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
