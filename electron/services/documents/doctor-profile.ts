/**
 * The doctor's document profile (shared/api/profile.ts), stored as the setting `pss.profile`.
 * In the sandbox the synthetic doctor stands in until one is saved; outside it, no document is
 * built for an unknown author: NOT_FOUND (entity doctorProfile) tells the UI to ask for it.
 */
import type { AppContract } from '../../../shared/api/index.ts';
import type { DoctorProfile } from '../../../shared/api/profile.ts';
import { assertCodiceFiscale } from '../../../shared/domain/assert-codice-fiscale.ts';
import { SANDBOX_DOCTOR } from '../../../shared/synthetic/sandbox-doctor.ts';
import { AppError } from '../../../shared/errors/index.ts';
import type { Handlers } from '../../../shared/rpc/index.ts';
import type { DbClient } from '../db/client.ts';

export const PSS_PROFILE_KEY = 'pss.profile';

export const SANDBOX_PSS_PROFILE: DoctorProfile = {
  author: {
    codiceFiscale: SANDBOX_DOCTOR.codiceFiscale,
    givenName: SANDBOX_DOCTOR.givenName, surname: SANDBOX_DOCTOR.surname, prefix: SANDBOX_DOCTOR.prefix, role: 'MMG', phone: SANDBOX_DOCTOR.phone, email: SANDBOX_DOCTOR.email,
  },
  organization: { aslCode: '120201', name: 'ASL Roma 1', regionCode: '120' },
  custodian: { idRoot: '2.16.840.1.113883.2.9.4.1.1', id: '120201', name: 'ASL Roma 1' },
};

export function doctorProfileStore(db: DbClient, sandbox: boolean) {
  const saved = async (): Promise<DoctorProfile | null> => ((await db.call('settings.get', { key: PSS_PROFILE_KEY }))?.value as DoctorProfile | undefined) ?? null;
  return {
    saved,
    /** The profile documents are written with; throws NOT_FOUND outside the sandbox when none is saved. */
    async effective(): Promise<DoctorProfile> {
      const p = (await saved()) ?? (sandbox ? SANDBOX_PSS_PROFILE : null);
      if (!p) throw new AppError('NOT_FOUND', 'No doctor profile: Impostazioni → Medico e struttura', { entity: 'doctorProfile', id: PSS_PROFILE_KEY });
      return p;
    },
  };
}

export function doctorProfileHandlers(db: DbClient, sandbox: boolean): Pick<Handlers<AppContract>, 'profile.get' | 'profile.set'> {
  const store = doctorProfileStore(db, sandbox);
  return {
    async 'profile.get'() {
      const saved = await store.saved();
      return { saved, effective: saved ?? (sandbox ? SANDBOX_PSS_PROFILE : null), sandbox };
    },
    async 'profile.set'(input, ctx) {
      const profile: DoctorProfile = { ...input, author: { ...input.author, codiceFiscale: assertCodiceFiscale(input.author.codiceFiscale, 'doctor') } };
      await db.call('settings.set', { actor: ctx.actor, key: PSS_PROFILE_KEY, value: profile });
      return profile;
    },
  };
}
