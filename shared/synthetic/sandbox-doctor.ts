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
