/**
 * Creates SoftHSM2 test tokens that stand in for Italian signature smart cards (tests, CI,
 * sandbox mode, `cartella sign` without --module). Everything lives inside `dir`: a private
 * SOFTHSM2_CONF, its token directory, a throw-away test CA and the issued certificates.
 * THE KEYS AND PINS HERE ARE TEST MATERIAL ONLY.
 *
 * Tokens (each one imitates one card):
 *  - CARTELLA-RSA: RSA-2048 signature key (nonRepudiation cert, id 01) + CNS authentication cert (id 02)
 *  - CARTELLA-EC:  EC P-256 signature key (nonRepudiation cert, id 01)
 *  - CARTELLA-AA:  RSA-2048 signature key with CKA_ALWAYS_AUTHENTICATE (id 01) + CNS auth cert (id 02)
 *  - CARTELLA-SOST: the sandbox sostituto's own card (another holder, another codice fiscale):
 *    RSA-2048 signature key (id 01) + CNS authentication cert (id 02)
 * Two configurations share the same token directory: `softhsm2.conf` (all mechanisms) and
 * `softhsm2-rawrsa.conf`, which hides every CKM_*_RSA_PKCS hash mechanism so that only raw
 * CKM_RSA_PKCS is left (like many qualified-signature cards). SoftHSM reads SOFTHSM2_CONF at
 * C_Initialize, so one process uses one profile.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { SANDBOX_DOCTOR, SANDBOX_LOCUM } from '../../../shared/synthetic/sandbox-doctor.ts';

export const TEST_TOKEN_PIN = '12345678';
export const TEST_TOKEN_SO_PIN = '87654321';

export type TestTokenProfile = 'rsa' | 'ec' | 'always-auth' | 'locum';

export interface TestTokenInfo {
  dir: string;
  /** Path of the SoftHSM2 PKCS#11 module. */
  module: string;
  /** SOFTHSM2_CONF for the full-mechanism profile. */
  conf: string;
  /** SOFTHSM2_CONF for the raw-RSA-only profile (same tokens). */
  rawRsaConf: string;
  pin: string;
  soPin: string;
  /** PEM of the test CA (trust anchor for verification). */
  caPem: string;
  caPemPath: string;
  tokens: Record<TestTokenProfile, { label: string; signerCertPem: string; authCertPem?: string }>;
}

export const TEST_TOKEN_LABELS: Record<TestTokenProfile, string> = {
  rsa: 'CARTELLA-RSA',
  ec: 'CARTELLA-EC',
  'always-auth': 'CARTELLA-AA',
  locum: 'CARTELLA-SOST',
};

/** Each test token's holder: the sandbox doctor, or (CARTELLA-SOST) the sandbox sostituto. */
const HOLDER: Record<TestTokenProfile, { codiceFiscale: string; surname: string; givenName: string }> = {
  rsa: SANDBOX_DOCTOR, ec: SANDBOX_DOCTOR, 'always-auth': SANDBOX_DOCTOR, locum: SANDBOX_LOCUM,
};

/** Candidate paths of the SoftHSM2 module (Debian/Ubuntu, Fedora, macOS Homebrew). */
export const SOFTHSM_MODULE_CANDIDATES = [
  '/usr/lib/softhsm/libsofthsm2.so',
  '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so',
  '/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so',
  '/usr/lib64/pkcs11/libsofthsm2.so',
  '/usr/local/lib/softhsm/libsofthsm2.so',
  '/opt/homebrew/lib/softhsm/libsofthsm2.so',
];

export function findSoftHsmModule(): string | undefined {
  const fromEnv = process.env['CARTELLA_SOFTHSM_MODULE'];
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return SOFTHSM_MODULE_CANDIDATES.find((p) => existsSync(p));
}

function hasBinary(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Why a test token cannot be created here, or undefined when it can. */
export function testTokenUnavailableReason(): string | undefined {
  const missing = ['softhsm2-util', 'pkcs11-tool', 'openssl'].filter((b) => !hasBinary(b));
  if (missing.length > 0) return `missing binaries: ${missing.join(', ')} (apt-get install softhsm2 opensc openssl)`;
  if (!findSoftHsmModule()) return 'libsofthsm2.so not found (apt-get install softhsm2)';
  return undefined;
}

const RAW_RSA_ONLY_MECHANISMS =
  // SoftHSM 2.6.1 ignores the first (minus-prefixed) entry itself: it is a sacrificial duplicate.
  '-CKM_MD5_RSA_PKCS,CKM_MD5_RSA_PKCS,CKM_SHA1_RSA_PKCS,CKM_SHA224_RSA_PKCS,CKM_SHA256_RSA_PKCS,CKM_SHA384_RSA_PKCS,CKM_SHA512_RSA_PKCS,' +
  'CKM_SHA1_RSA_PKCS_PSS,CKM_SHA224_RSA_PKCS_PSS,CKM_SHA256_RSA_PKCS_PSS,CKM_SHA384_RSA_PKCS_PSS,CKM_SHA512_RSA_PKCS_PSS';

// The cards' holders are the sandbox's test doctors, the authors of its documents.
function doctorSubject(h: { codiceFiscale: string; surname: string; givenName: string }): string {
  const sn = h.surname.toUpperCase();
  const gn = h.givenName.toUpperCase();
  return `/C=IT/O=Ordine dei Medici di Roma/CN=${sn} ${gn}/serialNumber=TINIT-${h.codiceFiscale}/givenName=${gn}/SN=${sn}/dnQualifier=20240001`;
}
function cnsAuthSubject(h: { codiceFiscale: string; surname: string; givenName: string }): string {
  return `/C=IT/O=Regione Test/OU=Servizio Sanitario Regionale/CN=${h.codiceFiscale}\\/7420031000012345.abcdEFGH1234=/serialNumber=TINIT-${h.codiceFiscale}/givenName=${h.givenName.toUpperCase()}/SN=${h.surname.toUpperCase()}`;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): string {
  try {
    return execFileSync(cmd, args, { env, cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    // Arguments may contain the TEST pin only; never a real one.
    throw new Error(`${cmd} ${args[0] ?? ''} failed: ${err.stderr ?? err.message}`);
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Creates (or reuses, when `dir/token.json` exists) the test tokens in `dir`.
 * Safe against concurrent callers on the same dir (a lock directory).
 */
export function createTestToken(dirArg: string, options: { force?: boolean } = {}): TestTokenInfo {
  const dir = resolve(dirArg);
  mkdirSync(dir, { recursive: true });
  const infoPath = join(dir, 'token.json');
  const lock = join(dir, '.lock');
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // stale lock (creator died) after 2 minutes
      try {
        if (Date.now() - statSync(lock).mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        /* raced */
      }
      if (Date.now() > deadline) throw new Error(`timeout waiting for test token lock ${lock}`);
      sleep(100);
    }
  }
  try {
    if (!options.force && existsSync(infoPath)) {
      const info = JSON.parse(readFileSync(infoPath, 'utf8')) as TestTokenInfo;
      // A cache made before a token was added is made again.
      const complete = (Object.keys(TEST_TOKEN_LABELS) as TestTokenProfile[]).every((p) => info.tokens?.[p]);
      if (complete && existsSync(info.conf) && existsSync(join(dir, 'tokens'))) return info;
    }
    return build(dir, infoPath);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function build(dir: string, infoPath: string): TestTokenInfo {
  const reason = testTokenUnavailableReason();
  if (reason) throw new Error(`cannot create the SoftHSM2 test token: ${reason}`);
  const module = findSoftHsmModule()!;
  const tokenDir = join(dir, 'tokens');
  const work = join(dir, 'work');
  rmSync(tokenDir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
  mkdirSync(tokenDir, { recursive: true });
  mkdirSync(work, { recursive: true });

  const confBody = (mechs: string) =>
    `directories.tokendir = ${tokenDir}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\nslots.mechanisms = ${mechs}\nlibrary.reset_on_fork = false\n`;
  const conf = join(dir, 'softhsm2.conf');
  const rawRsaConf = join(dir, 'softhsm2-rawrsa.conf');
  writeFileSync(conf, confBody('ALL'));
  writeFileSync(rawRsaConf, confBody(RAW_RSA_ONLY_MECHANISMS));
  const env = { ...process.env, SOFTHSM2_CONF: conf };
  const pin = TEST_TOKEN_PIN;

  // Test CA (software key, test material only)
  const caKey = join(work, 'ca.key');
  const caPemPath = join(dir, 'test-ca.pem');
  run(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', caKey, '-out', caPemPath, '-days', '3650', '-sha256',
      '-subj', '/C=IT/O=Cartella Test CA S.p.A./OU=Test Certification Authority/CN=Cartella Test CA Firma Qualificata',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
      '-addext', 'subjectKeyIdentifier=hash'],
    env, work,
  );
  writeFileSync(join(work, 'signer.ext'),
    'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,nonRepudiation\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\ncertificatePolicies=1.3.6.1.4.1.0.1.1,0.4.0.194112.1.2\n');
  writeFileSync(join(work, 'auth.ext'),
    'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n');

  const p11 = (label: string, args: string[]) =>
    run('pkcs11-tool', ['--module', module, '--token-label', label, '--login', '--pin', pin, ...args], env, work);

  const issue = (label: string, id: string, keyType: string, subject: string, ext: string, alwaysAuth: boolean): string => {
    const base = `${label}-${id}`;
    p11(label, ['--keypairgen', '--key-type', keyType, '--id', id, '--label', `${base}`, ...(alwaysAuth ? ['--always-auth'] : []), '--usage-sign']);
    run('pkcs11-tool', ['--module', module, '--token-label', label, '--read-object', '--type', 'pubkey', '--id', id, '-o', `${base}-pub.der`], env, work);
    run('openssl', ['pkey', '-pubin', '-inform', 'DER', '-in', `${base}-pub.der`, '-out', `${base}-pub.pem`], env, work);
    run('openssl', ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', '/dev/null', '-subj', subject, '-out', `${base}.csr`], env, work);
    run('openssl', ['x509', '-req', '-in', `${base}.csr`, '-force_pubkey', `${base}-pub.pem`, '-CA', caPemPath, '-CAkey', caKey,
      '-CAcreateserial', '-CAserial', join(work, 'ca.srl'), '-days', '1095', '-sha256', '-extfile', ext, '-out', `${base}.pem`], env, work);
    run('openssl', ['x509', '-in', `${base}.pem`, '-outform', 'DER', '-out', `${base}.der`], env, work);
    p11(label, ['--write-object', `${base}.der`, '--type', 'cert', '--id', id, '--label', base]);
    return readFileSync(join(work, `${base}.pem`), 'utf8');
  };

  const tokens = {} as TestTokenInfo['tokens'];
  for (const profile of ['rsa', 'ec', 'always-auth', 'locum'] as const) {
    const label = TEST_TOKEN_LABELS[profile];
    run('softhsm2-util', ['--init-token', '--free', '--label', label, '--pin', pin, '--so-pin', TEST_TOKEN_SO_PIN], env, work);
    const keyType = profile === 'ec' ? 'EC:prime256v1' : 'rsa:2048';
    const signerCertPem = issue(label, '01', keyType, doctorSubject(HOLDER[profile]), 'signer.ext', profile === 'always-auth');
    const entry: { label: string; signerCertPem: string; authCertPem?: string } = { label, signerCertPem };
    if (profile !== 'ec') entry.authCertPem = issue(label, '02', 'rsa:2048', cnsAuthSubject(HOLDER[profile]), 'auth.ext', false);
    tokens[profile] = entry;
  }
  const info: TestTokenInfo = {
    dir, module, conf, rawRsaConf, pin, soPin: TEST_TOKEN_SO_PIN,
    caPem: readFileSync(caPemPath, 'utf8'), caPemPath, tokens,
  };
  writeFileSync(infoPath, JSON.stringify(info, null, 2));
  return info;
}

/** Default cache dir for the test token: $CARTELLA_TEST_TOKEN_DIR or <os.tmpdir()>/cartella-test-token-<uid>. */
export function defaultTestTokenDir(): string {
  const fromEnv = process.env['CARTELLA_TEST_TOKEN_DIR'];
  if (fromEnv) return fromEnv;
  const uid = typeof process.getuid === 'function' ? String(process.getuid()) : 'user';
  return join(tmpdir(), `cartella-test-token-${uid}`);
}

/** Selector for one test-token profile; `rawRsa` uses the raw-RSA-only configuration. */
export function testTokenSelector(info: TestTokenInfo, profile: TestTokenProfile, options: { rawRsa?: boolean } = {}) {
  return {
    module: { path: info.module, env: { SOFTHSM2_CONF: options.rawRsa ? info.rawRsaConf : info.conf } },
    tokenLabel: info.tokens[profile].label,
  };
}
