/**
 * Creates the SoftHSM2 test tokens (test CA + doctor certificates) in a directory.
 *   npx tsx scripts/signing/create-test-token.ts [DIR] [--force]
 * DIR defaults to $CARTELLA_TEST_TOKEN_DIR or <tmp>/cartella-test-token.
 * Prints one JSON line: { dir, module, conf, rawRsaConf, caPemPath, tokens }.
 * Use:  SOFTHSM2_CONF=<conf> pkcs11-tool --module <module> -L
 * TEST MATERIAL ONLY: PIN 12345678, SO PIN 87654321.
 */
import { createTestToken, defaultTestTokenDir } from '../../electron/services/signing/test-token.ts';

const args = process.argv.slice(2);
const force = args.includes('--force');
const dir = args.find((a) => !a.startsWith('--')) ?? defaultTestTokenDir();
const info = createTestToken(dir, { force });
process.stdout.write(
  `${JSON.stringify({ dir: info.dir, module: info.module, conf: info.conf, rawRsaConf: info.rawRsaConf, caPemPath: info.caPemPath, tokens: Object.fromEntries(Object.entries(info.tokens).map(([k, v]) => [k, v.label])) })}\n`,
);
