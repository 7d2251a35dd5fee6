/**
 * A throwaway PKI made at test time with the `openssl` CLI (installed here and in CI): a test
 * CA, a server certificate for 127.0.0.1/localhost, and client authentication and signature
 * certificates issued by the CA and exported as password-protected .p12 — the files a doctor
 * imports in Impostazioni → Gateway FSE. Synthetic names only ("MEDICO PROVA").
 *
 * Also: a certificate from another CA, an expired one (issued with `openssl ca -startdate
 * -enddate`, since OpenSSL 3.0's `x509 -req` cannot back-date), and a server certificate
 * from another CA.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PemPair {
  cert: string;
  key: string;
}

export interface OpensslPki {
  dir: string;
  /** The test CA (PEM): issues the server, auth and signature certificates. */
  ca: string;
  server: PemPair;
  /** TLS client authentication certificate (A1#…), and its .p12. */
  auth: PemPair & { p12: Uint8Array };
  /** JWT signature certificate (S1#…), and its .p12. */
  signature: PemPair & { p12: Uint8Array };
  /** Password of every .p12. */
  p12Password: string;
  /** A second CA, and an authentication certificate (with .p12) it issued. */
  otherCa: string;
  otherAuth: PemPair & { p12: Uint8Array };
  /** A server certificate for 127.0.0.1 issued by the other CA. */
  otherServer: PemPair;
  /** An authentication certificate of the test CA that expired in 2020 (with .p12). */
  expiredAuth: PemPair & { p12: Uint8Array };
  dispose(): void;
}

const SUBJ_SUFFIX = '/O=MEDICO PROVA/OU=Cartella test/C=IT';

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

function makeCa(dir: string, name: string, cn: string): void {
  openssl(dir, [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '3',
    '-keyout', `${name}.key`, '-out', `${name}.pem`,
    '-subj', `/CN=${cn}${SUBJ_SUFFIX}`,
    '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  // `openssl ca` database, for back-dated certificates.
  mkdirSync(join(dir, `${name}-db`), { recursive: true });
  writeFileSync(join(dir, `${name}-db`, 'index.txt'), '');
  writeFileSync(join(dir, `${name}-db`, 'serial'), '1000\n');
  writeFileSync(
    join(dir, `${name}.cnf`),
    [
      '[ ca ]', 'default_ca = CA_default', '[ CA_default ]',
      `dir = ${join(dir, `${name}-db`)}`, 'database = $dir/index.txt', 'serial = $dir/serial', 'new_certs_dir = $dir',
      `certificate = ${join(dir, `${name}.pem`)}`, `private_key = ${join(dir, `${name}.key`)}`,
      'default_md = sha256', 'policy = policy_any', 'unique_subject = no', 'copy_extensions = none', 'x509_extensions = client_ext',
      '[ policy_any ]', 'commonName = supplied', 'organizationName = optional', 'organizationalUnitName = optional', 'countryName = optional',
      '[ client_ext ]', 'basicConstraints = CA:FALSE', 'keyUsage = critical,digitalSignature,keyEncipherment', 'extendedKeyUsage = clientAuth',
      '',
    ].join('\n'),
  );
}

type Kind = 'server' | 'client' | 'signature';
const EXT: Record<Kind, string> = {
  server: 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n',
  client: 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n',
  signature: 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n',
};

function issue(dir: string, ca: string, name: string, cn: string, kind: Kind, expired = false): PemPair {
  openssl(dir, ['req', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}${SUBJ_SUFFIX}`]);
  if (expired) {
    openssl(dir, ['ca', '-batch', '-config', `${ca}.cnf`, '-in', `${name}.csr`, '-out', `${name}.pem`, '-startdate', '20200101000000Z', '-enddate', '20200201000000Z', '-notext']);
  } else {
    writeFileSync(join(dir, `${name}.ext`), EXT[kind]);
    openssl(dir, ['x509', '-req', '-sha256', '-in', `${name}.csr`, '-CA', `${ca}.pem`, '-CAkey', `${ca}.key`, '-CAcreateserial', '-days', '2', '-extfile', `${name}.ext`, '-out', `${name}.pem`]);
  }
  return { cert: readFileSync(join(dir, `${name}.pem`), 'utf8'), key: readFileSync(join(dir, `${name}.key`), 'utf8') };
}

function p12(dir: string, ca: string, name: string, password: string): Uint8Array {
  // OpenSSL 3 defaults: PBES2/AES-256-CBC, PBKDF2, HMAC-SHA256 MAC (as current CA-issued files).
  openssl(dir, ['pkcs12', '-export', '-inkey', `${name}.key`, '-in', `${name}.pem`, '-certfile', `${ca}.pem`, '-name', name, '-passout', `pass:${password}`, '-out', `${name}.p12`]);
  return new Uint8Array(readFileSync(join(dir, `${name}.p12`)));
}

/** Makes the whole PKI in a temporary folder (≈ 1–3 s: eight RSA-2048 keys). */
export function makeOpensslPki(): OpensslPki {
  const dir = mkdtempSync(join(tmpdir(), 'cartella-pki-'));
  const password = 'prova-Cartella-1';
  makeCa(dir, 'ca', 'CA PROVA CARTELLA');
  makeCa(dir, 'other-ca', 'ALTRA CA PROVA');
  const server = issue(dir, 'ca', 'server', 'localhost', 'server');
  const auth = issue(dir, 'ca', 'auth', 'A1#MEDICO PROVA', 'client');
  const signature = issue(dir, 'ca', 'signature', 'S1#MEDICO PROVA', 'signature');
  const otherAuth = issue(dir, 'other-ca', 'other-auth', 'A1#MEDICO PROVA', 'client');
  const otherServer = issue(dir, 'other-ca', 'other-server', 'localhost', 'server');
  const expiredAuth = issue(dir, 'ca', 'expired-auth', 'A1#MEDICO PROVA', 'client', true);
  return {
    dir,
    ca: readFileSync(join(dir, 'ca.pem'), 'utf8'),
    server,
    auth: { ...auth, p12: p12(dir, 'ca', 'auth', password) },
    signature: { ...signature, p12: p12(dir, 'ca', 'signature', password) },
    p12Password: password,
    otherCa: readFileSync(join(dir, 'other-ca.pem'), 'utf8'),
    otherAuth: { ...otherAuth, p12: p12(dir, 'other-ca', 'other-auth', password) },
    otherServer,
    expiredAuth: { ...expiredAuth, p12: p12(dir, 'ca', 'expired-auth', password) },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
