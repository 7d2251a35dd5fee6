import { encodeCodiceFiscale } from '../domain/codice-fiscale.ts';

/**
 * The one test doctor of the sandbox ("Ambiente di prova") and of the synthetic documents: the
 * author printed in the PSS, the holder of the SoftHSM test card's certificates and the
 * subject of the gateway's sandbox JWT are this one person with this one codice fiscale
 * (synthetic: a valid check character, no real person).
 */
const subject = { surname: 'Rossi', givenName: 'Mario', birthDate: '1980-01-01', sex: 'M', belfiore: 'H501' } as const;

export const SANDBOX_DOCTOR = {
  ...subject,
  codiceFiscale: encodeCodiceFiscale(subject),
  prefix: 'Dott.',
  phone: '06 5550123',
  email: 'mario.rossi@example.it',
} as const;

/**
 * The sandbox's test sostituto (locum) of that doctor, with a test card of her own (the SoftHSM
 * token CARTELLA-SOST, electron/services/signing/test-token.ts): switching to her, writing and
 * signing shows in two minutes what a locum's day looks like. Synthetic, like the doctor.
 */
const locum = { surname: 'Bianchi', givenName: 'Giulia', birthDate: '1988-05-12', sex: 'F', belfiore: 'H501' } as const;

export const SANDBOX_LOCUM = {
  ...locum,
  codiceFiscale: encodeCodiceFiscale(locum),
  prefix: 'Dott.ssa',
  phone: '06 5550177',
  email: 'giulia.bianchi@example.it',
} as const;
