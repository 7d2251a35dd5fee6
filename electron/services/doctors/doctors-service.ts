/**
 * The practice's doctors over the contract (shared/api/doctors.ts, and profile.get/set of
 * Impostazioni → Medico e struttura, which edit the titolare), and what the other services ask
 * of them: the document profile of the doctor at work (their name as author and legal
 * authenticator, the titolare's organisation and custodian: HL7 Italia PSS IG header), the
 * author id of what is written now, the card first seen in a signature.
 *
 * Who may change what: the titolare at work manages every profile and every period; a doctor at
 * work changes their own name, contacts and passphrase (a locum cannot extend their own period).
 * Outside the sandbox a practice with more than one doctor has a passphrase on every profile:
 * adding a colleague asks the titolare to protect theirs first.
 */
import { randomBytes } from 'node:crypto';
import type { AppContract } from '../../../shared/api/index.ts';
import type { DoctorView, DoctorsOverview } from '../../../shared/api/doctors.ts';
import type { DoctorProfile } from '../../../shared/api/profile.ts';
import type { CertificateInfo } from '../../../shared/api/signing.ts';
import { assertCodiceFiscale } from '../../../shared/domain/assert-codice-fiscale.ts';
import { doctorActor, periodOn, type Doctor } from '../../../shared/domain/doctors.ts';
import { AppError } from '../../../shared/errors/index.ts';
import { todayIn } from '../../../shared/format/clinical-time.ts';
import type { Handlers } from '../../../shared/rpc/index.ts';
import type { DbClient } from '../db/client.ts';
import { DoctorDirectory, SANDBOX_PASSPHRASE, TITOLARE_ID, type DirectoryEntry } from './directory.ts';
import { hashPassphrase, verifyPassphrase } from './passphrase.ts';
import { WorkingDoctor } from './working-doctor.ts';

type DoctorHandlers = Pick<
  Handlers<AppContract>,
  'doctors.list' | 'doctors.save' | 'doctors.setPassphrase' | 'doctors.switch' | 'doctors.lock' | 'doctors.activity' | 'profile.get' | 'profile.set'
>;

export interface DoctorsService {
  directory: DoctorDirectory;
  working: WorkingDoctor;
  handlers: DoctorHandlers;
  /** What the documents written now carry: NOT_FOUND doctorProfile when there is no titolare (outside the sandbox). */
  documentProfile(): Promise<DoctorProfile>;
  /** The author id of what is written now; undefined on a first start with no profile. */
  authorId(): Promise<string | undefined>;
  /** The doctor at work's card: recorded the first time they sign with it (their own codice fiscale only). */
  cardSeen(signer: CertificateInfo, tokenLabel: string | undefined): Promise<void>;
}

function newDoctorId(): string {
  return `dr-${randomBytes(6).toString('hex')}`;
}

function documentProfileOf(author: Doctor, titolare: DirectoryEntry | undefined): DoctorProfile {
  const practice = titolare?.doctor.practice;
  if (!practice) throw new AppError('NOT_FOUND', 'No practice: Impostazioni → Medico e struttura', { entity: 'doctorProfile', id: TITOLARE_ID });
  return { author: author.author, organization: practice.organization, custodian: practice.custodian };
}

export function doctorsService(db: DbClient, o: { sandbox: boolean; zone: () => Promise<string> }): DoctorsService {
  const directory = new DoctorDirectory(db, o.sandbox, o.zone);
  const working = new WorkingDoctor(directory, db, o.zone);

  async function view(e: DirectoryEntry, today?: string): Promise<DoctorView> {
    const day = today ?? todayIn(await o.zone());
    return { ...e.doctor, protected: e.protected, builtIn: e.builtIn, onDutyToday: e.doctor.kind !== 'sostituto' || periodOn(e.doctor.periods, day) !== undefined };
  }

  async function overview(): Promise<DoctorsOverview> {
    const [list, current] = await Promise.all([directory.list(), working.current()]);
    const today = todayIn(await o.zone());
    return {
      doctors: await Promise.all(list.map((e) => view(e, today))),
      working: current?.doctor.id ?? null,
      sandbox: o.sandbox,
      ...(o.sandbox ? { sandboxPassphrase: SANDBOX_PASSPHRASE } : {}),
    };
  }

  async function documentProfile(): Promise<DoctorProfile> {
    const author = await working.author();
    const titolare = await directory.titolare();
    if (!author) throw new AppError('NOT_FOUND', 'No doctor profile: Impostazioni → Medico e struttura', { entity: 'doctorProfile', id: TITOLARE_ID });
    return documentProfileOf(author, titolare);
  }

  /** The titolare at work, or a first start with nobody yet. */
  async function managing(): Promise<boolean> {
    const w = await working.current();
    return w ? w.doctor.kind === 'titolare' : await working.firstRun();
  }

  const forbidden = (what: string) => new AppError('FORBIDDEN', what);

  const handlers: DoctorHandlers = {
    async 'doctors.list'() {
      return overview();
    },

    async 'doctors.save'(input, ctx) {
      const cf = assertCodiceFiscale(input.author.codiceFiscale, 'doctor');
      const author = { ...input.author, codiceFiscale: cf };
      const existing = input.id ? await directory.get(input.id) : undefined;
      if (input.id && !existing) throw new AppError('NOT_FOUND', 'No such doctor', { entity: 'doctor', id: input.id });
      const current = await working.current();
      const manager = await managing();
      const self = existing !== undefined && current?.doctor.id === existing.doctor.id;
      if (!manager) {
        if (!self) throw forbidden('Only the titolare manages the other doctors');
        const periodsChanged = JSON.stringify(input.periods) !== JSON.stringify(existing.doctor.periods);
        if (input.kind !== existing.doctor.kind || periodsChanged) throw forbidden('Only the titolare changes kinds and substitution periods');
      }
      if (input.kind === 'titolare' && (!existing || existing.doctor.kind !== 'titolare')) {
        throw new AppError('INVALID_INPUT', 'The titolare is set in Medico e struttura', { issues: [{ path: 'kind', message: 'Il titolare si imposta in Medico e struttura' }] });
      }
      if (existing?.doctor.kind === 'titolare' && input.kind !== 'titolare') {
        throw new AppError('INVALID_INPUT', 'The titolare stays titolare', { issues: [{ path: 'kind', message: 'Il titolare resta titolare' }] });
      }
      let hash: string | undefined;
      if (!existing) {
        if (!o.sandbox) {
          const t = await directory.titolare();
          if (!t?.protected) throw new AppError('CONFLICT', 'Protect the titolare’s profile first', { entity: 'doctor', field: 'titolarePassphrase' });
          if (!input.passphrase) throw new AppError('INVALID_INPUT', 'A passphrase is required', { issues: [{ path: 'passphrase', message: 'Serve una parola d’accesso' }] });
        }
        if (input.passphrase) hash = await hashPassphrase(input.passphrase);
      }
      const doctor: Doctor = {
        ...(existing?.doctor ?? {}),
        id: existing?.doctor.id ?? newDoctorId(),
        kind: input.kind,
        author,
        periods: input.kind === 'sostituto' ? input.periods : [],
      };
      return view(await directory.save(ctx.actor, doctor, hash));
    },

    async 'doctors.setPassphrase'(input, ctx) {
      const target = await directory.get(input.id);
      if (!target) throw new AppError('NOT_FOUND', 'No such doctor', { entity: 'doctor', id: input.id });
      const current = await working.current();
      const self = current?.doctor.id === target.doctor.id;
      const titolareResets = current?.doctor.kind === 'titolare' && !self;
      if (!self && !titolareResets) throw forbidden('Only the doctor or the titolare changes a passphrase');
      if (target.protected && !titolareResets) {
        const hash = await directory.passphraseHash(target);
        if (!hash || input.current === undefined || !(await verifyPassphrase(input.current, hash))) throw new AppError('PASSPHRASE_INCORRECT', 'Wrong current passphrase', {});
      }
      if (input.next === null) {
        const others = (await directory.list()).filter((e) => !e.builtIn && e.doctor.id !== target.doctor.id);
        if (!o.sandbox && (target.doctor.kind !== 'titolare' || others.length > 0)) throw forbidden('Every profile keeps a passphrase while the practice has more than one doctor');
      }
      return view(await directory.setPassphrase(ctx.actor, target, input.next === null ? null : await hashPassphrase(input.next)));
    },

    async 'doctors.switch'(input, ctx) {
      await working.switchTo(input.id, input.passphrase, ctx.actor);
      return overview();
    },

    async 'doctors.lock'() {
      await working.lock();
      return overview();
    },

    async 'doctors.activity'(input) {
      const target = await directory.get(input.id);
      if (!target) throw new AppError('NOT_FOUND', 'No such doctor', { entity: 'doctor', id: input.id });
      const current = await working.current();
      if (current && current.doctor.kind !== 'titolare' && current.doctor.id !== target.doctor.id) throw forbidden('A doctor sees only their own activity');
      const groups = await db.call('doctors.activity', { id: target.doctor.id, periods: target.doctor.periods, zone: await o.zone() });
      return { doctor: await view(target), groups };
    },

    async 'profile.get'() {
      const t = await directory.titolare();
      const saved = t && !t.builtIn && t.doctor.practice ? documentProfileOf(t.doctor, t) : null;
      const effective = await documentProfile().catch(() => null);
      return { saved, effective, sandbox: o.sandbox };
    },

    async 'profile.set'(input, ctx) {
      if (!(await managing())) throw forbidden('Only the titolare changes Medico e struttura');
      const author = { ...input.author, codiceFiscale: assertCodiceFiscale(input.author.codiceFiscale, 'doctor') };
      const t = await directory.titolare();
      const doctor: Doctor = { ...(t?.doctor ?? { periods: [] }), id: t?.doctor.id ?? TITOLARE_ID, kind: 'titolare', author, practice: { organization: input.organization, custodian: input.custodian } };
      const saved = await directory.save(ctx.actor, doctor);
      return documentProfileOf(saved.doctor, saved);
    },
  };

  return {
    directory,
    working,
    handlers,
    documentProfile,
    async authorId() {
      return (await working.author())?.id;
    },
    async cardSeen(signer, tokenLabel) {
      const w = await working.current();
      const cf = signer.subject.codiceFiscale?.toUpperCase();
      // The sandbox's test doctors stand in until saved: their test cards are known, not recorded.
      if (!w || w.builtIn || !cf || cf !== w.doctor.author.codiceFiscale) return;
      if (w.doctor.card?.serialNumberHex === signer.serialNumberHex) return;
      const card = {
        subjectCodiceFiscale: cf, serialNumberHex: signer.serialNumberHex, issuer: signer.issuer.text.slice(0, 300), notAfter: signer.notAfter,
        ...(tokenLabel ? { tokenLabel } : {}), firstSeenAt: new Date().toISOString(),
      };
      await directory.save(doctorActor(w.doctor.id), { ...w.doctor, card });
    },
  };
}
