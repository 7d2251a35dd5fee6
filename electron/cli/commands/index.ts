import type { CliCommand } from '../command.ts';

/**
 * Every sub-command, loaded on demand so that `cartella seed` does not pay for the validator
 * or the PKCS#11 module. Add a command by adding its module here.
 */
export const commandModules: Record<string, () => Promise<{ command: CliCommand }>> = {
  seed: () => import('./seed.ts'),
  patients: () => import('./patients.ts'),
  validate: () => import('./validate.ts'),
  pss: () => import('./pss.ts'),
  documents: () => import('./documents.ts'),
  sign: () => import('./sign.ts'),
  verify: () => import('./verify.ts'),
  'gateway-sim': () => import('./gateway-sim.ts'),
  outbox: () => import('./outbox.ts'),
  dicom: () => import('./dicom.ts'),
  imaging: () => import('./imaging.ts'),
  growth: () => import('./growth.ts'),
  adherence: () => import('./adherence.ts'),
  import: () => import('./import.ts'),
  record: () => import('./record.ts'),
};
