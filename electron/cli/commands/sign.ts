import { readFileSync, writeFileSync } from 'node:fs';
import { AppError } from '../../../shared/errors/index.ts';
import type { SignatureKind } from '../../../shared/signing/types.ts';
import { parseCliArgs, requireString } from '../args.ts';
import { EXIT_FAILURE, EXIT_OK, printJsonLine, UsageError, type CliCommand } from '../command.ts';
import { isPdf } from '../../../shared/files/sniff.ts';
import { createSigningService } from '../../services/signing/service.ts';
import { createTestToken, defaultTestTokenDir, TEST_TOKEN_LABELS, testTokenSelector } from '../../services/signing/test-token.ts';
import { unloadAllModules } from '../../services/signing/token.ts';

export const command: CliCommand = {
  name: 'sign',
  summary: 'sign a file with a PKCS#11 token (PAdES for PDFs, CAdES .p7m otherwise)',
  usage: `cartella sign --in FILE --out FILE [--cades [--detached]] [--module LIB] [--token LABEL]
                [--pin-env VAR] [--cert-id HEX] [--confirm-final-try]

  PDFs get a PAdES-BES signature (ETSI.CAdES.detached; a signed PDF gets an incremental one);
  other files, or --cades, a CAdES-BES .p7m (enveloping; --detached for a .p7s).
  --module LIB   the card's PKCS#11 library; without it the project's SoftHSM2 TEST token is used
                 (created on demand in $CARTELLA_TEST_TOKEN_DIR or <tmp>/cartella-test-token-<uid>,
                 test PIN, label ${TEST_TOKEN_LABELS.rsa} unless --token).
  --pin-env VAR  name of the environment variable holding the PIN (required with --module;
                 the PIN is never taken from the command line).
  --cert-id HEX  CKA_ID of the certificate; default: the nonRepudiation (signature) certificate.
  --confirm-final-try  allow the login when the token reports the PIN's final try.
  Prints {"out","kind","sha256","signer":{...},"mechanism","testToken"}. Exit 1 on failure
  (error JSON with code PIN_INCORRECT, PIN_LOCKED, PIN_FINAL_TRY_NEEDS_CONSENT, TOKEN_NOT_PRESENT...).`,
  async run(argv) {
    const { values, positionals } = parseCliArgs(argv, {
      in: { type: 'string' },
      out: { type: 'string' },
      cades: { type: 'boolean' },
      detached: { type: 'boolean' },
      module: { type: 'string' },
      token: { type: 'string' },
      'pin-env': { type: 'string' },
      'cert-id': { type: 'string' },
      'confirm-final-try': { type: 'boolean' },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
    const input = requireString(values.in, 'in');
    const output = requireString(values.out, 'out');
    if (values.detached && !values.cades) throw new UsageError('--detached needs --cades');
    const data = readFileSync(input);
    const kind: SignatureKind = values.cades ? (values.detached ? 'cades-detached' : 'cades-enveloping') : isPdf(data) ? 'pades' : 'cades-enveloping';

    let token;
    let pin: string | undefined;
    let testToken = false;
    if (values.module) {
      const pinEnv = values['pin-env'];
      if (!pinEnv) throw new UsageError('--pin-env VAR is required with --module');
      pin = process.env[pinEnv];
      if (pin === undefined || pin === '') throw new UsageError(`environment variable ${pinEnv} is not set`);
      token = { module: { path: values.module }, ...(values.token ? { tokenLabel: values.token } : {}) };
    } else {
      const info = createTestToken(defaultTestTokenDir());
      const profile = (Object.keys(TEST_TOKEN_LABELS) as (keyof typeof TEST_TOKEN_LABELS)[]).find((p) => TEST_TOKEN_LABELS[p] === (values.token ?? TEST_TOKEN_LABELS.rsa));
      if (!profile) throw new UsageError(`test token label must be one of ${Object.values(TEST_TOKEN_LABELS).join(', ')}`);
      token = testTokenSelector(info, profile);
      const pinEnv = values['pin-env'];
      pin = pinEnv ? process.env[pinEnv] : info.pin;
      testToken = true;
    }
    if (values['cert-id']) token = { ...token, certificateId: values['cert-id'] };

    const svc = createSigningService();
    try {
      const res = await svc.signBatch({
        token,
        ...(pin !== undefined ? { pin } : {}),
        ...(values['confirm-final-try'] ? { confirmFinalTry: true } : {}),
        documents: [{ id: input, kind, data }],
      });
      const r = res.results[0];
      if (!r) throw new AppError('INTERNAL', 'no result');
      if (!r.ok) {
        printJsonLine({ error: r.error });
        return EXIT_FAILURE;
      }
      writeFileSync(output, r.signed);
      printJsonLine({
        out: output,
        kind,
        sha256: r.sha256,
        signer: { commonName: res.signer.subject.commonName, codiceFiscale: res.signer.subject.codiceFiscale, issuer: res.signer.issuer.commonName, notAfter: res.signer.notAfter },
        mechanism: res.mechanism,
        testToken,
      });
      return EXIT_OK;
    } finally {
      unloadAllModules();
    }
  },
};
