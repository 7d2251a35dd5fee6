/** Italian reading of certificate names and roles (pure). */
import type { CertificateRole, KeyUsageName, SubjectInfo } from './types.ts';

export interface NameAttribute {
  oid: string;
  value: string;
}

const SHORT: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.42': 'GN',
  '2.5.4.46': 'dnQualifier',
  '2.5.4.97': 'organizationIdentifier',
  '1.2.840.113549.1.9.1': 'emailAddress',
};

const CF_RE = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-EHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;

/** Codice fiscale from a serialNumber ("TINIT-…", "IT:…", bare) or a CNS CN ("CF/serial.hash"). */
export function codiceFiscaleFrom(serialNumber: string | undefined, commonName: string | undefined): string | undefined {
  if (serialNumber) {
    const m = /^(?:TINIT-|IT:|TIN:IT-|IDCIT-)?([A-Z0-9]{16})$/i.exec(serialNumber.trim());
    if (m?.[1] && CF_RE.test(m[1].toUpperCase())) return m[1].toUpperCase();
  }
  if (commonName) {
    const first = commonName.split('/')[0]?.trim().toUpperCase();
    if (first && CF_RE.test(first)) return first;
  }
  return undefined;
}

export function subjectInfoFrom(attributes: NameAttribute[]): SubjectInfo {
  const get = (oid: string) => attributes.find((a) => a.oid === oid)?.value;
  const info: SubjectInfo = {
    text: attributes.map((a) => `${SHORT[a.oid] ?? a.oid}=${a.value}`).join(', '),
  };
  const set = (key: Exclude<keyof SubjectInfo, 'text'>, oid: string) => {
    const v = get(oid);
    if (v !== undefined) info[key] = v;
  };
  set('commonName', '2.5.4.3');
  set('givenName', '2.5.4.42');
  set('surname', '2.5.4.4');
  set('serialNumber', '2.5.4.5');
  set('organization', '2.5.4.10');
  set('organizationalUnit', '2.5.4.11');
  set('country', '2.5.4.6');
  set('dnQualifier', '2.5.4.46');
  set('title', '2.5.4.12');
  const cf = codiceFiscaleFrom(info.serialNumber, info.commonName);
  if (cf) info.codiceFiscale = cf;
  return info;
}

const EKU_CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';

/**
 * nonRepudiation ⇒ signature certificate (firma digitale); a CNS carries an authentication
 * certificate with digitalSignature (+ keyEncipherment / clientAuth) but no nonRepudiation.
 */
export function certificateRole(keyUsage: KeyUsageName[], extendedKeyUsage: string[], isCA: boolean): CertificateRole {
  if (isCA || keyUsage.includes('keyCertSign')) return 'ca';
  if (keyUsage.includes('nonRepudiation')) return 'signature';
  if (keyUsage.includes('digitalSignature') || extendedKeyUsage.includes(EKU_CLIENT_AUTH)) return 'authentication';
  return 'other';
}

/** Display name "Mario Rossi" style from the subject, falling back to the CN. */
export function displayName(subject: SubjectInfo): string {
  if (subject.givenName && subject.surname) return `${subject.givenName} ${subject.surname}`;
  return subject.commonName ?? subject.text;
}
