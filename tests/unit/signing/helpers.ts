/** Shared set-up for the signing tests: a real SoftHSM2 token in a temp dir, referee tools. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createTestToken, testTokenUnavailableReason, type TestTokenInfo } from '../../../electron/services/signing/test-token.ts';

export function hasBinary(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

/** Reason the SoftHSM2 tests cannot run here, or undefined. */
export const TOKEN_SKIP_REASON = testTokenUnavailableReason();

export const FIXTURES = join(import.meta.dirname, '../../fixtures/signing');

const created: string[] = [];
// registered on the importing test file (helpers are imported while vitest collects it)
afterAll(() => {
  if (process.env['CARTELLA_KEEP_SIGNING_TMP']) return;
  for (const d of created.splice(0)) rmSync(d, { recursive: true, force: true });
});

function makeTmp(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  created.push(d);
  return d;
}

let cached: TestTokenInfo | undefined;
/** One token per test file (each vitest file runs in its own process). */
export function testToken(): TestTokenInfo {
  if (!cached) cached = createTestToken(makeTmp('cartella-sign-test-'));
  return cached;
}

export function tmpDir(): string {
  return makeTmp('cartella-sign-out-');
}

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

export function run(cmd: string, args: string[]): RunResult {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return { status: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** NSS db trusting the given CA, for pdfsig -nssdir. */
export function nssDbTrusting(caPemPath: string): string {
  const dir = join(tmpDir(), 'nssdb');
  mkdirSync(dir);
  execFileSync('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password']);
  execFileSync('certutil', ['-A', '-d', `sql:${dir}`, '-n', 'Cartella Test CA', '-t', 'CT,C,C', '-i', caPemPath]);
  return `sql:${dir}`;
}

export function pdfsig(file: string, nssdir: string): RunResult {
  return run('pdfsig', ['-nssdir', nssdir, file]);
}

export function writeTmp(dir: string, name: string, data: Uint8Array | string): string {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
}

/** Flips one byte at `pos` (default: the middle). */
export function flipByte(data: Uint8Array, pos = Math.floor(data.length / 2)): Buffer {
  const b = Buffer.from(data);
  b[pos] = (b[pos] ?? 0) ^ 0x01;
  return b;
}

/** Title suffix naming why a test is skipped (vitest prints skipped titles). */
export function skipNote(reason: string | undefined | false): string {
  return reason ? ` [SKIPPED: ${reason}]` : '';
}

export const OPENSSL_MISSING = hasBinary('openssl') ? undefined : 'openssl not installed (apt-get install openssl)';
export const PDFSIG_MISSING =
  hasBinary('pdfsig') && hasBinary('certutil') ? undefined : 'pdfsig/certutil not installed (apt-get install poppler-utils libnss3-tools)';
export const QPDF_MISSING = hasBinary('qpdf') ? undefined : 'qpdf not installed (apt-get install qpdf)';

/** Hook timeout for creating the SoftHSM2 token (RSA key generation is slow on a loaded CI box). */
export const TOKEN_TIMEOUT = 180_000;
