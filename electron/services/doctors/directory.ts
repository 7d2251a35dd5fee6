/**
 * The practice's doctors as the services see them: the stored profiles (db worker), and in the
 * sandbox ("Ambiente di prova") two test doctors that stand in until saved: the titolare (the
 * one test doctor, shared/synthetic/sandbox-doctor.ts, unprotected, as the sandbox always
 * started) and a sostituto with her own test card and the passphrase shown in the sandbox, on
 * duty from a month ago to two months ahead. A built-in doctor becomes a stored row the first
 * time it is changed (or its card is first seen); its id stays, so what it wrote stays its own.
 */
import type { Doctor } from '../../../shared/domain/doctors.ts';
import { addDays } from '../../../shared/domain/iso-date.ts';
import { todayIn } from '../../../shared/format/clinical-time.ts';
import { SANDBOX_DOCTOR, SANDBOX_LOCUM } from '../../../shared/synthetic/sandbox-doctor.ts';
import type { DbClient } from '../db/client.ts';
import { hashPassphrase } from './passphrase.ts';

/** The titolare's id (also of the profile migrated from the single document profile, migration 009). */
export const TITOLARE_ID = 'titolare';
export const SANDBOX_LOCUM_ID = 'sandbox-sostituto';
/** Shown in the sandbox's "who is working" window: test material, like the test card's PIN. */
export const SANDBOX_PASSPHRASE = 'prova123';

export const SANDBOX_PRACTICE: NonNullable<Doctor['practice']> = {
  organization: { aslCode: '120201', name: 'ASL Roma 1', regionCode: '120' },
  custodian: { idRoot: '2.16.840.1.113883.2.9.4.1.1', id: '120201', name: 'ASL Roma 1' },
};

const author = (d: typeof SANDBOX_DOCTOR | typeof SANDBOX_LOCUM) => ({
  codiceFiscale: d.codiceFiscale, givenName: d.givenName, surname: d.surname, prefix: d.prefix, role: 'MMG' as const, phone: d.phone, email: d.email,
});

export const SANDBOX_TITOLARE: Doctor = { id: TITOLARE_ID, kind: 'titolare', author: author(SANDBOX_DOCTOR), periods: [], practice: SANDBOX_PRACTICE };

export function sandboxLocum(today: string): Doctor {
  return { id: SANDBOX_LOCUM_ID, kind: 'sostituto', author: author(SANDBOX_LOCUM), periods: [{ from: addDays(today, -30), to: addDays(today, 60) }] };
}

export interface DirectoryEntry {
  doctor: Doctor;
  protected: boolean;
  /** A sandbox test doctor not stored yet. */
  builtIn: boolean;
}

export class DoctorDirectory {
  private sandboxHash: Promise<string> | undefined;
  /**
   * The built-in sostituto, her period fixed from the day the services started: the directory is
   * read on every call (the dispatcher asks who is working), so no time-zone read each time.
   */
  private builtInLocum: Promise<Doctor> | undefined;
  /** The stored rows, read once: every change goes through save/setPassphrase below. */
  private stored: Promise<DirectoryEntry[]> | undefined;

  constructor(
    private readonly db: DbClient,
    readonly sandbox: boolean,
    private readonly zone: () => Promise<string>,
  ) {}

  /** The stored profiles, and in the sandbox the built-in ones not stored yet. */
  async list(): Promise<DirectoryEntry[]> {
    this.stored ??= this.db.call('doctors.list', undefined as never).then((rows) => rows.map((s) => ({ doctor: s.doctor, protected: s.protected, builtIn: false })));
    const stored = await this.stored.catch((e: unknown) => {
      this.stored = undefined;
      throw e;
    });
    if (!this.sandbox) return stored;
    const out = [...stored];
    if (!stored.some((s) => s.doctor.kind === 'titolare')) out.unshift({ doctor: SANDBOX_TITOLARE, protected: false, builtIn: true });
    if (!stored.some((s) => s.doctor.id === SANDBOX_LOCUM_ID || s.doctor.author.codiceFiscale === SANDBOX_LOCUM.codiceFiscale)) {
      this.builtInLocum ??= this.zone().then(
        (z) => sandboxLocum(todayIn(z)),
        (e: unknown) => {
          this.builtInLocum = undefined;
          throw e;
        },
      );
      out.push({ doctor: await this.builtInLocum, protected: true, builtIn: true });
    }
    return out;
  }

  async get(id: string): Promise<DirectoryEntry | undefined> {
    return (await this.list()).find((e) => e.doctor.id === id);
  }

  async titolare(): Promise<DirectoryEntry | undefined> {
    return (await this.list()).find((e) => e.doctor.kind === 'titolare');
  }

  /** The hash to check a switch against: the stored one, or the sandbox passphrase's for a built-in locum. */
  async passphraseHash(entry: DirectoryEntry): Promise<string | null> {
    if (entry.builtIn) return entry.protected ? (this.sandboxHash ??= hashPassphrase(SANDBOX_PASSPHRASE)) : null;
    return this.db.call('doctors.passphraseHash', { id: entry.doctor.id });
  }

  /**
   * Stores a profile (a built-in one keeps its protection: the sandbox passphrase's hash).
   * `passphraseHash` undefined keeps the stored hash.
   */
  async save(actor: string, doctor: Doctor, passphraseHash?: string | null): Promise<DirectoryEntry> {
    const before = await this.get(doctor.id);
    const hash = passphraseHash !== undefined ? passphraseHash : before?.builtIn ? await this.passphraseHash(before) : undefined;
    this.stored = undefined;
    const s = await this.db.call('doctors.save', { actor, doctor, ...(hash !== undefined ? { passphraseHash: hash } : {}) });
    this.stored = undefined;
    return { doctor: s.doctor, protected: s.protected, builtIn: false };
  }

  async setPassphrase(actor: string, entry: DirectoryEntry, hash: string | null): Promise<DirectoryEntry> {
    if (entry.builtIn) return this.save(actor, entry.doctor, hash);
    this.stored = undefined;
    const s = await this.db.call('doctors.setPassphrase', { actor, id: entry.doctor.id, hash });
    this.stored = undefined;
    return { doctor: s.doctor, protected: s.protected, builtIn: false };
  }
}
