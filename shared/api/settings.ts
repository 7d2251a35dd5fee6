import { z } from 'zod';
import { defineMethod } from './define.ts';
import { ModulePath } from './signing.ts';
import { isValidTimeZone } from '../format/clinical-time.ts';

/**
 * Impostazioni. For now the smart-card configuration: which PKCS#11 module (a preset
 * or a custom path), which token and which certificate. The PIN is never part of the settings.
 */
export const SigningSettings = z.object({
  /** Preset chosen in the picker (e.g. `opensc-linux`); informative, the path is what is loaded. */
  presetId: z.string().max(100).optional(),
  /** Absolute path of the PKCS#11 library. Absent: signing not configured. */
  modulePath: ModulePath.optional(),
  tokenLabel: z.string().max(64).optional(),
  /** CKA_ID (hex) of the signing certificate; absent: the nonRepudiation one. */
  certificateId: z.string().regex(/^[0-9a-fA-F]*$/).max(256).optional(),
});
export type SigningSettings = z.infer<typeof SigningSettings>;

export const SandboxTokenState = z.object({
  /** none: not in sandbox; creating: the SoftHSM test token is being prepared; ready; unavailable (softhsm2-util missing or failed). */
  state: z.enum(['none', 'creating', 'ready', 'unavailable']),
  /** The test PIN, shown only in the sandbox (it is a public test value). */
  testPin: z.string().optional(),
});

/**
 * Clinical times are the doctor's local time whatever the host's time zone: the zone (IANA,
 * Europe/Rome by default) every document's time and offset is written in.
 */
export const ClinicalSettings = z.object({
  timeZone: z.string().min(1).max(64).refine(isValidTimeZone, 'fuso orario non valido'),
});
export type ClinicalSettings = z.infer<typeof ClinicalSettings>;

export const settingsApi = {
  /** The clinical settings (time zone of the documents). */
  'settings.getClinical': defineMethod({ input: z.object({}).default({}), output: ClinicalSettings }),

  /** Saves them (audited). Errors: INVALID_INPUT for a zone that does not exist. */
  'settings.setClinical': defineMethod({ input: ClinicalSettings, output: ClinicalSettings }),

  /**
   * The settings. In the sandbox, the first call prepares the SoftHSM test token and presets
   * the signing configuration to it (may take a few seconds the first time).
   */
  'settings.get': defineMethod({
    input: z.object({}).default({}),
    output: z.object({
      signing: SigningSettings.extend({ configured: z.boolean(), sandboxToken: z.boolean() }),
      sandbox: SandboxTokenState,
    }),
  }),

  /** Saves the smart-card configuration (audited). */
  'settings.setSigning': defineMethod({
    input: SigningSettings,
    output: SigningSettings.extend({ configured: z.boolean(), sandboxToken: z.boolean() }),
  }),
};
