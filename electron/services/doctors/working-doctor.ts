/**
 * Who is working now, on this workstation (one per services process, as one person sits at one
 * PC). Chosen at start: the titolare works at once when their profile has no passphrase (a
 * doctor alone, as before profiles; the sandbox); otherwise nobody works until someone switches
 * in with their passphrase. Outside the sandbox a sostituto works only inside a substitution
 * period, checked at the switch and again at every write (a session left open past its end).
 *
 * Repeated wrong passphrases for one profile make the next try wait (30 s, doubling up to
 * 15 minutes): guessing at the keyboard becomes pointless, and a doctor who mistypes twice is
 * not held up.
 */
import { AppError } from '../../../shared/errors/index.ts';
import { doctorActor, nearestPeriod, periodOn, type Doctor } from '../../../shared/domain/doctors.ts';
import { todayIn } from '../../../shared/format/clinical-time.ts';
import type { DbClient } from '../db/client.ts';
import type { DirectoryEntry, DoctorDirectory } from './directory.ts';
import { verifyPassphrase } from './passphrase.ts';

const FREE_TRIES = 3;
const FIRST_WAIT_S = 30;
const MAX_WAIT_S = 15 * 60;

export class WorkingDoctor {
  /** undefined: not decided yet (decided on first use, from the stored profiles). */
  private id: string | null | undefined;
  private readonly failures = new Map<string, { count: number; until: number }>();

  constructor(
    private readonly directory: DoctorDirectory,
    private readonly db: DbClient,
    private readonly zone: () => Promise<string>,
    private readonly now: () => number = Date.now,
  ) {}

  get sandbox(): boolean {
    return this.directory.sandbox;
  }

  /** The doctor at work (null: nobody), deciding at first use who starts. */
  async current(): Promise<DirectoryEntry | null> {
    if (this.id === undefined) {
      const t = await this.directory.titolare();
      // No titolare yet (a first start): undecided until Medico e struttura is saved.
      if (!t) return null;
      this.id = t.protected ? null : t.doctor.id;
    }
    if (this.id === null) return null;
    const e = await this.directory.get(this.id);
    if (!e) this.id = null;
    return e ?? null;
  }

  /** No profile at all yet (first start outside the sandbox): nothing to lock, nobody to name. */
  async firstRun(): Promise<boolean> {
    return (await this.directory.list()).length === 0;
  }

  /**
   * The doctor who authors what is written now. NO_DOCTOR_AT_WORK when profiles exist but
   * nobody switched in; OUTSIDE_SUBSTITUTION for a locum past their period (outside the
   * sandbox); undefined on a first start with no profile (callers that need an author say so).
   */
  async author(): Promise<Doctor | undefined> {
    const d = await this.current();
    if (!d) {
      if (await this.firstRun()) return undefined;
      throw new AppError('NO_DOCTOR_AT_WORK', 'Nobody is working: choose who is working first');
    }
    await this.checkPeriod(d.doctor);
    return d.doctor;
  }

  private async checkPeriod(d: Doctor): Promise<void> {
    if (this.sandbox || d.kind !== 'sostituto') return;
    const today = todayIn(await this.zone(), new Date(this.now()));
    if (periodOn(d.periods, today)) return;
    const near = nearestPeriod(d.periods, today);
    throw new AppError('OUTSIDE_SUBSTITUTION', `Doctor ${d.id} has no substitution period today`, { today, ...(near ? { from: near.from, to: near.to } : {}) });
  }

  /** Switch to a doctor (see the module comment); a refused switch changes nothing and is audited with its reason. */
  async switchTo(id: string, passphrase: string | undefined, fallbackActor: string): Promise<DirectoryEntry> {
    const entry = await this.directory.get(id);
    if (!entry) throw new AppError('NOT_FOUND', 'No such doctor', { entity: 'doctor', id });
    const before = await this.current();
    const refuse = async (reason: string, e: AppError): Promise<never> => {
      await this.db.call('doctors.event', { actor: before ? doctorActor(before.doctor.id) : fallbackActor, action: 'doctor.switch.refused', id, detail: { reason } });
      throw e;
    };
    const f = this.failures.get(id);
    const wait = f ? Math.ceil((f.until - this.now()) / 1000) : 0;
    if (wait > 0) return refuse('throttled', new AppError('PASSPHRASE_INCORRECT', 'Too many wrong passphrases: wait', { retryAfterSeconds: wait }));
    const hash = await this.directory.passphraseHash(entry);
    if (hash !== null && !(passphrase !== undefined && (await verifyPassphrase(passphrase, hash)))) {
      const count = (f?.count ?? 0) + 1;
      const waitS = count < FREE_TRIES ? 0 : Math.min(MAX_WAIT_S, FIRST_WAIT_S * 2 ** (count - FREE_TRIES));
      this.failures.set(id, { count, until: this.now() + waitS * 1000 });
      return refuse('passphrase', new AppError('PASSPHRASE_INCORRECT', 'Wrong passphrase', waitS > 0 ? { retryAfterSeconds: waitS } : {}));
    }
    try {
      await this.checkPeriod(entry.doctor);
    } catch (e) {
      return refuse('outside-period', e as AppError);
    }
    this.failures.delete(id);
    this.id = entry.doctor.id;
    await this.db.call('doctors.event', { actor: doctorActor(entry.doctor.id), action: 'doctor.switch', id, detail: { from: before?.doctor.id ?? null } });
    return entry;
  }

  /** Nobody works until someone switches in. */
  async lock(): Promise<void> {
    const before = await this.current();
    this.id = null;
    if (before) await this.db.call('doctors.event', { actor: doctorActor(before.doctor.id), action: 'doctor.lock', id: before.doctor.id });
  }
}
