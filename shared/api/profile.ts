import { z } from 'zod';
import { defineMethod } from './define.ts';
import { AuthorDoctor, Custodian, Organization } from '../domain/document-header.ts';

/**
 * Who writes the documents (IG PSS §2 header): the doctor as author and legalAuthenticator,
 * the organisation whose OID root names the documents, and the custodian. Impostazioni → Medico
 * e struttura. In the sandbox a synthetic doctor stands in until one is saved; outside the
 * sandbox no document is built without it.
 */
export const DoctorProfile = z
  .object({ author: AuthorDoctor, organization: Organization, custodian: Custodian })
  // The IG requires author/telecom (schematron ERRORE-40): a phone or an e-mail. The path names
  // no single field; the form shows it on the phone.
  .refine((p) => Boolean(p.author.phone || p.author.email), { message: 'indicare telefono o e-mail', path: ['author', 'contact'] });
export type DoctorProfile = z.infer<typeof DoctorProfile>;

export const profileApi = {
  /** The saved profile (null: none yet) and the one documents use now (the sandbox doctor stands in). */
  'profile.get': defineMethod({
    input: z.object({}).default({}),
    output: z.object({ saved: DoctorProfile.nullable(), effective: DoctorProfile.nullable(), sandbox: z.boolean() }),
  }),

  /** Saves the profile (audited). Errors: INVALID_INPUT with the field paths, CODICE_FISCALE_INVALID. */
  'profile.set': defineMethod({ input: DoctorProfile, output: DoctorProfile }),
};
