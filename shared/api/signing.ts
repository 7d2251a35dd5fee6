import { z } from 'zod';
import { defineMethod } from './define.ts';

/**
 * Smart-card signing over the typed contract. Document bytes travel as base64
 * strings. The PIN is an input of `signing.signFiles` only: the services hold it for the batch
 * and never store or log it. Calls without `token` use the configuration saved in
 * Impostazioni → Firma digitale (`settings.setSigning`).
 */

const OsName = z.enum(['linux', 'darwin', 'win32']);
export const PinTriesState = z.enum(['ok', 'count-low', 'final-try', 'locked']);
export const SignatureKind = z.enum(['pades', 'cades-enveloping', 'cades-detached']);
export type SignatureKind = z.infer<typeof SignatureKind>;

/** An absolute path of a shared library (.so, .dylib, .dll): the only thing a module path may name. */
export const ModulePath = z
  .string()
  .min(1)
  .max(1000)
  .regex(/^(\/|[A-Za-z]:[\\/]).*\.(so(\.\d+)*|dylib|dll)$/i, 'not the absolute path of a PKCS#11 library');

const Base64 = z.string().max(70_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');

export const ModulePreset = z.object({
  id: z.string(),
  vendor: z.string(),
  description: z.string(),
  os: OsName,
  paths: z.array(z.string()),
});

export const FoundModule = z.object({ presetId: z.string(), vendor: z.string(), path: z.string() });
export type FoundModule = z.infer<typeof FoundModule>;

export const TokenStatus = z.object({
  label: z.string(),
  manufacturer: z.string(),
  model: z.string(),
  serialNumber: z.string(),
  flags: z.number(),
  pin: z.object({ countLow: z.boolean(), finalTry: z.boolean(), locked: z.boolean(), toBeChanged: z.boolean() }),
  pinTriesState: PinTriesState,
  loginRequired: z.boolean(),
  protectedAuthenticationPath: z.boolean(),
});
export type TokenStatus = z.infer<typeof TokenStatus>;

export const SlotInfo = z.object({
  slotId: z.string(),
  description: z.string(),
  tokenPresent: z.boolean(),
  token: TokenStatus.optional(),
});
export type SlotInfo = z.infer<typeof SlotInfo>;

export const SubjectInfo = z.object({
  commonName: z.string().optional(),
  givenName: z.string().optional(),
  surname: z.string().optional(),
  codiceFiscale: z.string().optional(),
  serialNumber: z.string().optional(),
  organization: z.string().optional(),
  organizationalUnit: z.string().optional(),
  country: z.string().optional(),
  dnQualifier: z.string().optional(),
  title: z.string().optional(),
  text: z.string(),
});

export const CertificateInfo = z.object({
  id: z.string(),
  label: z.string(),
  subject: SubjectInfo,
  issuer: SubjectInfo,
  serialNumberHex: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  keyUsage: z.array(z.string()),
  extendedKeyUsage: z.array(z.string()),
  isCA: z.boolean(),
  role: z.enum(['signature', 'authentication', 'ca', 'other']),
  keyAlgorithm: z.enum(['RSA', 'EC', 'other']),
  sha256: z.string(),
});
export type CertificateInfo = z.infer<typeof CertificateInfo>;

/** Which token and certificate to use; absent fields come from the saved configuration. */
export const TokenChoice = z.object({
  modulePath: ModulePath.optional(),
  tokenLabel: z.string().max(64).optional(),
  certificateId: z.string().regex(/^[0-9a-fA-F]*$/).max(256).optional(),
});
export type TokenChoice = z.infer<typeof TokenChoice>;

const RpcErrorShape = z.object({ code: z.string(), message: z.string(), data: z.unknown().optional() });

export const SignFileResult = z.object({
  /** Name of the input file. */
  name: z.string(),
  ok: z.boolean(),
  kind: SignatureKind,
  /** Suggested name of the signed file (foo.pdf, foo.xml.p7m, foo.xml.p7s). */
  signedName: z.string().optional(),
  signedBase64: z.string().optional(),
  sha256: z.string().optional(),
  signedAt: z.string().optional(),
  error: RpcErrorShape.optional(),
});
export type SignFileResult = z.infer<typeof SignFileResult>;

export const VerificationReason = z.object({
  code: z.string(),
  severity: z.enum(['error', 'indeterminate', 'warning', 'info']),
  message: z.string(),
  signatureIndex: z.number().int().optional(),
});

export const Verdict = z.object({
  status: z.enum(['VALID', 'INVALID', 'INDETERMINATE']),
  fileType: z.enum(['pdf', 'p7m']),
  signatures: z.array(
    z.object({
      index: z.number().int(),
      format: z.enum(['PAdES', 'CAdES']),
      subFilter: z.string().optional(),
      status: z.enum(['VALID', 'INVALID', 'INDETERMINATE']),
      signer: CertificateInfo.optional(),
      signingTime: z.string().optional(),
      signingTimeSource: z.enum(['signing-time-attribute', 'pdf-M', 'none']),
      coversWholeDocument: z.boolean().optional(),
      envelope: z.number().int().optional(),
      reasons: z.array(VerificationReason),
    }),
  ),
  reasons: z.array(VerificationReason),
});
export type Verdict = z.infer<typeof Verdict>;

export const signingApi = {
  /** Middleware presets (OpenSC, bit4id, Athena/IDProtect, Incard/Oberthur…) for this OS or the given one. */
  'signing.presets': defineMethod({
    input: z.object({ os: OsName.optional() }).default({}),
    output: z.array(ModulePreset),
  }),

  /** "Cerca automaticamente": the card middlewares installed in the usual paths. */
  'signing.findModules': defineMethod({
    input: z.object({}).default({}),
    output: z.array(FoundModule),
  }),

  /** Slots and tokens of a module (the saved one by default), with each token's PIN flags. */
  'signing.listSlots': defineMethod({
    input: z.object({ modulePath: ModulePath.optional() }).default({}),
    output: z.array(SlotInfo),
  }),

  /** Certificates on the token (public objects: no PIN). Errors: TOKEN_NOT_PRESENT. */
  'signing.listCertificates': defineMethod({
    input: TokenChoice.default({}),
    output: z.array(CertificateInfo),
  }),

  /** The token's PIN state read without logging in (shown before the PIN is typed). */
  'signing.tokenStatus': defineMethod({
    input: TokenChoice.default({}),
    output: TokenStatus,
  }),

  /**
   * Signs N files with one PIN entry (one login). `batchId` (chosen by the caller) names the
   * batch for `signing.cancel` and the `signing.progress` events. Throws PIN_INCORRECT
   * { triesState } / PIN_LOCKED / PIN_FINAL_TRY_NEEDS_CONSENT / TOKEN_NOT_PRESENT /
   * CERTIFICATE_INVALID before any document; never retries a PIN. Per-file problems (and
   * CANCELLED for the files left when cancelled) are in `results`.
   */
  'signing.signFiles': defineMethod({
    input: z.object({
      batchId: z.string().min(1).max(100),
      mode: SignatureKind,
      files: z
        .array(z.object({ name: z.string().min(1).max(255), dataBase64: Base64, mode: SignatureKind.optional() }))
        .min(1)
        .max(500),
      pin: z.string().max(64).optional(),
      confirmFinalTry: z.boolean().default(false),
      token: TokenChoice.optional(),
    }),
    output: z.object({
      batchId: z.string(),
      signer: CertificateInfo,
      mechanism: z.string(),
      cancelled: z.boolean(),
      results: z.array(SignFileResult),
    }),
  }),

  /** Cancels a running batch: the files not yet signed end with CANCELLED. */
  'signing.cancel': defineMethod({
    input: z.object({ batchId: z.string().min(1).max(100) }),
    output: z.object({ cancelled: z.boolean() }),
  }),

  /** Verifies a signed PDF or .p7m (.p7s with `detachedContentBase64`); reasons in Italian. */
  'signing.verify': defineMethod({
    input: z.object({ name: z.string().max(255).optional(), dataBase64: Base64, detachedContentBase64: Base64.optional() }),
    output: Verdict,
  }),
};
