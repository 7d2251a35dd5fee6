import { z } from 'zod';
import { defineMethod } from './define.ts';
import { ModulePath } from './signing.ts';

/**
 * Impostazioni. For now the smart-card configuration (issue 5): which PKCS#11 module (a preset
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

export const settingsApi = {
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
