import { z } from 'zod';
import { defineMethod } from './define.ts';

/**
 * The two certificates the FSE gateway issues to a software vendor's installation
 * (FSE-GATEWAY.md): `auth` authenticates the TLS connection (mTLS), `signature` signs the
 * FSE-JWT-Signature and Authorization JWTs. They arrive as .p12 files; only their public
 * description ever crosses the contract, never the private key.
 */
export const GatewayCertificateKind = z.enum(['auth', 'signature']);

export const GatewayCertificateSummary = z.object({
  kind: GatewayCertificateKind,
  subject: z.string(),
  issuer: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  serialNumberHex: z.string(),
  importedAt: z.string(),
  /** False when the certificate has expired or is not yet valid. */
  currentlyValid: z.boolean(),
});
export type GatewayCertificateSummary = z.infer<typeof GatewayCertificateSummary>;

export const gatewayCertificatesApi = {
  /**
   * Imports a .p12 for one role. The password is used for this call only. The certificate and
   * its key are stored in the encrypted database. Errors: CERTIFICATE_INVALID (wrong password,
   * corrupt file, no key in it).
   */
  'gatewayCertificates.import': defineMethod({
    input: z.object({
      kind: GatewayCertificateKind,
      p12Base64: z.string().min(1).max(1_000_000),
      password: z.string().max(200),
    }),
    output: GatewayCertificateSummary,
  }),

  /** What is installed for each role (absent roles are missing from the list). */
  'gatewayCertificates.list': defineMethod({
    input: z.object({}).default({}),
    output: z.array(GatewayCertificateSummary),
  }),
};
