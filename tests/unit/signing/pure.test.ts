import { createSign, generateKeyPairSync, verify as cryptoVerify, createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CKF_USER_PIN_COUNT_LOW, CKF_USER_PIN_FINAL_TRY, CKF_USER_PIN_LOCKED, decideLogin, pinTriesStateFromFlags,
} from '../../../shared/signing/pin.ts';
import { ecdsaRawToDer, sha256DigestInfo } from '../../../shared/signing/der.ts';
import { codiceFiscaleFrom, certificateRole, subjectInfoFrom } from '../../../shared/signing/subject.ts';
import { REASON_MESSAGES_IT, reason, statusOf } from '../../../shared/signing/reasons.ts';
import { chooseMechanism } from '../../../electron/services/signing/token.ts';
import { findModules, modulePresets } from '../../../electron/services/signing/modules.ts';
import { parsePdfDate } from '../../../electron/services/signing/verify-pdf.ts';
import pkcs11js from 'pkcs11js';
import { tmpDir } from './helpers.ts';

describe('PIN decisions (pure)', () => {
  it('maps token flags to the most severe tries state', () => {
    expect(pinTriesStateFromFlags(0)).toBe('ok');
    expect(pinTriesStateFromFlags(CKF_USER_PIN_COUNT_LOW)).toBe('count-low');
    expect(pinTriesStateFromFlags(CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY)).toBe('final-try');
    expect(pinTriesStateFromFlags(CKF_USER_PIN_FINAL_TRY | CKF_USER_PIN_LOCKED)).toBe('locked');
  });

  it('refuses the final try without explicit consent and never tries a locked PIN', () => {
    expect(decideLogin('ok', undefined)).toBe('proceed');
    expect(decideLogin('count-low', false)).toBe('proceed');
    expect(decideLogin('final-try', undefined)).toBe('refuse-needs-consent');
    expect(decideLogin('final-try', false)).toBe('refuse-needs-consent');
    expect(decideLogin('final-try', true)).toBe('proceed');
    expect(decideLogin('locked', true)).toBe('refuse-locked');
  });
});

describe('DER helpers', () => {
  it('converts raw r||s to a DER ECDSA signature that node verifies', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const data = Buffer.from('dati da firmare');
    for (let i = 0; i < 20; i++) {
      const raw = createSign('sha256').update(data).sign({ key: privateKey, dsaEncoding: 'ieee-p1363' });
      const der = ecdsaRawToDer(raw);
      expect(cryptoVerify('sha256', data, { key: publicKey, dsaEncoding: 'der' }, der)).toBe(true);
    }
  });

  it('handles leading zero and high-bit integers', () => {
    const raw = new Uint8Array(64);
    raw[0] = 0x00; raw[1] = 0x01; raw[32] = 0x80;
    const der = ecdsaRawToDer(raw);
    expect(der[0]).toBe(0x30);
    // r: leading zero stripped (31 bytes), s: 0x00 prefix added (33 bytes)
    expect(der[3]).toBe(31);
    expect(der[2 + 2 + 31]).toBe(0x02);
    expect(der[2 + 2 + 31 + 1]).toBe(33);
    expect(() => ecdsaRawToDer(new Uint8Array(63))).toThrow();
  });

  it('builds the SHA-256 DigestInfo for CKM_RSA_PKCS', () => {
    const h = createHash('sha256').update('x').digest();
    const di = sha256DigestInfo(h);
    expect(Buffer.from(di).toString('hex')).toBe(`3031300d060960864801650304020105000420${h.toString('hex')}`);
  });
});

describe('Italian subject fields', () => {
  it('reads the codice fiscale from serialNumber or a CNS common name', () => {
    expect(codiceFiscaleFrom('TINIT-RSSMRA80A01H501U', undefined)).toBe('RSSMRA80A01H501U');
    expect(codiceFiscaleFrom('IT:RSSMRA80A01H501U', undefined)).toBe('RSSMRA80A01H501U');
    expect(codiceFiscaleFrom(undefined, 'RSSMRA80A01H501U/7420031000012345.abcd=')).toBe('RSSMRA80A01H501U');
    expect(codiceFiscaleFrom('20240001', 'ROSSI MARIO')).toBeUndefined();
  });

  it('maps the name attributes', () => {
    const s = subjectInfoFrom([
      { oid: '2.5.4.6', value: 'IT' },
      { oid: '2.5.4.3', value: 'ROSSI MARIO' },
      { oid: '2.5.4.5', value: 'TINIT-RSSMRA80A01H501U' },
      { oid: '2.5.4.42', value: 'MARIO' },
      { oid: '2.5.4.4', value: 'ROSSI' },
    ]);
    expect(s).toMatchObject({ commonName: 'ROSSI MARIO', givenName: 'MARIO', surname: 'ROSSI', codiceFiscale: 'RSSMRA80A01H501U', country: 'IT' });
    expect(s.text).toBe('C=IT, CN=ROSSI MARIO, serialNumber=TINIT-RSSMRA80A01H501U, GN=MARIO, SN=ROSSI');
  });

  it('tells the signature certificate from the CNS authentication one', () => {
    expect(certificateRole(['nonRepudiation'], [], false)).toBe('signature');
    expect(certificateRole(['digitalSignature', 'keyEncipherment'], ['1.3.6.1.5.5.7.3.2'], false)).toBe('authentication');
    expect(certificateRole(['keyCertSign', 'cRLSign'], [], true)).toBe('ca');
    expect(certificateRole([], [], false)).toBe('other');
  });
});

describe('mechanism choice from the token list', () => {
  it('prefers CKM_SHA256_RSA_PKCS, falls back to CKM_RSA_PKCS, uses CKM_ECDSA for EC', () => {
    expect(chooseMechanism('RSA', [pkcs11js.CKM_RSA_PKCS, pkcs11js.CKM_SHA256_RSA_PKCS])).toBe('CKM_SHA256_RSA_PKCS');
    expect(chooseMechanism('RSA', [pkcs11js.CKM_RSA_PKCS])).toBe('CKM_RSA_PKCS');
    expect(chooseMechanism('EC', [pkcs11js.CKM_ECDSA, pkcs11js.CKM_RSA_PKCS])).toBe('CKM_ECDSA');
    expect(() => chooseMechanism('EC', [pkcs11js.CKM_RSA_PKCS])).toThrow(/no usable signature mechanism/);
    expect(() => chooseMechanism('RSA', [pkcs11js.CKM_ECDSA])).toThrow();
  });
});

describe('module presets and scan', () => {
  it('has OpenSC and the Italian middlewares for every OS', () => {
    for (const os of ['linux', 'darwin', 'win32'] as const) {
      const ids = modulePresets(os).map((p) => p.id);
      for (const id of ['opensc', 'bit4id', 'athena', 'incard', 'oberthur']) expect(ids).toContain(id);
    }
  });

  it('finds known module file names in the scanned directories', () => {
    const dir = tmpDir();
    const lib = join(dir, 'lib');
    mkdirSync(lib);
    writeFileSync(join(lib, 'libbit4xpki.so'), '');
    writeFileSync(join(lib, 'libASEP11.so'), '');
    writeFileSync(join(lib, 'libunrelated.so'), '');
    const found = findModules('linux', [lib]);
    expect(found.map((f) => f.presetId).sort()).toEqual(['athena', 'bit4id']);
    expect(found.find((f) => f.presetId === 'bit4id')?.path).toBe(join(lib, 'libbit4xpki.so'));
  });
});

describe('verdict reasons', () => {
  it('every reason has an Italian message; error beats indeterminate', () => {
    for (const m of Object.values(REASON_MESSAGES_IT)) expect(m.length).toBeGreaterThan(10);
    expect(statusOf([reason('CHAIN_UNTRUSTED'), reason('SIGNATURE_CRYPTO_VALID')])).toBe('INDETERMINATE');
    expect(statusOf([reason('CHAIN_UNTRUSTED'), reason('CONTENT_DIGEST_MISMATCH')])).toBe('INVALID');
    expect(statusOf([reason('KEY_USAGE_OK'), reason('PDF_SUBFILTER_NOT_PADES')])).toBe('VALID');
  });

  it('parses PDF dates with offsets', () => {
    expect(parsePdfDate('D:20261126231703Z')?.toISOString()).toBe('2026-11-26T23:17:03.000Z');
    expect(parsePdfDate("D:20240306110037+01'00'")?.toISOString()).toBe('2024-03-06T10:00:37.000Z');
  });
});
