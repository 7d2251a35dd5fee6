import { z } from 'zod';
import { defineMethod } from './define.ts';
import { SUBJECT_ORGANIZATIONS, SUBJECT_ROLE } from '../gateway/enums.ts';
import { GATEWAY_BASE_URLS } from '../gateway/schemas.ts';

/**
 * Impostazioni → Gateway FSE: which gateway the outbox sends to and who sends (the JWT identity,
 * FSE-GATEWAY.md §4). Stored in the settings table under the `gateway` key the outbox reads
 * (audited, field names only). The certificates are imported apart (gatewayCertificates.*);
 * private keys never cross the contract.
 *
 *  - sandbox: the built-in simulator (Ambiente di prova, synthetic identity and keys);
 *  - simulator: an external simulator at `baseUrl` (e.g. `npm run gateway-sim`);
 *  - validation / production: the real gateway (official base URL unless `baseUrl` overrides
 *    it), mTLS with the authentication certificate, JWTs signed with the signature certificate.
 */
export const GATEWAY_SETTINGS_ENVIRONMENTS = ['sandbox', 'simulator', 'validation', 'production'] as const;
export const GatewaySettingsEnvironment = z.enum(GATEWAY_SETTINGS_ENVIRONMENTS);
export type GatewaySettingsEnvironment = z.infer<typeof GatewaySettingsEnvironment>;

/** The official base URLs (FSE-GATEWAY.md §1), including /v1. */
export const DEFAULT_GATEWAY_BASE_URLS: Readonly<Record<'validation' | 'production', string>> = GATEWAY_BASE_URLS;

/** STS.11 and HSP.11 catalogs of the XON `locality`. */
export const LOCALITY_CATALOGS = ['2.16.840.1.113883.2.9.4.1.3', '2.16.840.1.113883.2.9.4.1.2'] as const;

const Text = (max: number) => z.string().trim().min(1).max(max);
const NoXonSeparators = (max: number) => Text(max).regex(/^[^^&]*$/, 'i caratteri ^ e & non sono ammessi');

export const GatewayIdentity = z.object({
  /** The doctor's codice fiscale (JWT `sub`); checked with shared/domain/codice-fiscale.ts (CODICE_FISCALE_INVALID). */
  subjectFiscalCode: z.string().trim().min(1).max(32),
  /** JWT subject_role (APR for MMG/PLS). */
  subjectRole: z.enum(SUBJECT_ROLE),
  /** subject_organization_id (e.g. 120 = Regione Lazio); the name comes from the official table. */
  subjectOrganizationId: z.string().refine((v) => v in SUBJECT_ORGANIZATIONS, 'codice regione/organizzazione non ammesso'),
  /** The XON `locality`: structure name, catalog OID (STS.11 / HSP.11) and code. */
  locality: z.object({
    name: NoXonSeparators(200),
    catalogOid: z.enum(LOCALITY_CATALOGS).default('2.16.840.1.113883.2.9.4.1.3'),
    code: NoXonSeparators(50),
  }),
  application: z.object({ id: Text(100), vendor: Text(100), version: Text(50) }),
});
export type GatewayIdentity = z.infer<typeof GatewayIdentity>;

const HttpUrl = z
  .string()
  .trim()
  .max(500)
  .regex(/^https?:\/\/[^\s/]+(\/\S*)?$/, 'URL http(s) atteso');

export const GatewaySettingsInput = z
  .object({
    environment: GatewaySettingsEnvironment,
    /** Required for `simulator`; for validation/production overrides the official URL. */
    baseUrl: HttpUrl.optional(),
    identity: GatewayIdentity.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.environment === 'simulator' && !v.baseUrl) ctx.addIssue({ code: 'custom', path: ['baseUrl'], message: 'URL del simulatore obbligatorio' });
  });
export type GatewaySettingsInput = z.infer<typeof GatewaySettingsInput>;

export const GatewaySettingsView = z.object({
  environment: GatewaySettingsEnvironment,
  /** What was stored (absent: the default for the environment). */
  baseUrl: z.string().optional(),
  /** The URL the outbox uses (sandbox: the built-in simulator's, absent until it starts). */
  effectiveBaseUrl: z.string().optional(),
  identity: GatewayIdentity.optional(),
  /** Ready to send: nothing below is missing. */
  configured: z.boolean(),
  /** What is missing, in Italian (certificates, identity, URL). */
  missing: z.array(z.string()),
  /** Which certificates are imported. */
  certificates: z.object({ auth: z.boolean(), signature: z.boolean() }),
  /** CARTELLA_GATEWAY_URL is set: it wins over these settings. */
  overriddenByEnvironment: z.boolean(),
});
export type GatewaySettingsView = z.infer<typeof GatewaySettingsView>;

export const gatewaySettingsApi = {
  /** The gateway configuration and its state (configured / what is missing). */
  'gatewaySettings.get': defineMethod({ input: z.object({}).default({}), output: GatewaySettingsView }),

  /**
   * Saves it (audited, field names only); the outbox uses it from the next send, no restart.
   * Errors: INVALID_INPUT, CODICE_FISCALE_INVALID (the doctor's codice fiscale).
   */
  'gatewaySettings.set': defineMethod({ input: GatewaySettingsInput, output: GatewaySettingsView }),
};
