/**
 * The practice's doctor profiles (migration 009): the profile as its zod schema accepts it in
 * `body` (checked again when read), the codice fiscale in a column (one profile per person), the
 * passphrase hash apart (read only by the services' switch check). Every change is audited by
 * field names, never values.
 */
import type { Db } from '../open.ts';
import { appendAudit } from './audit.ts';
import { AppError } from '../../../../shared/errors/index.ts';
import { Doctor, type DoctorKind } from '../../../../shared/domain/doctors.ts';

interface Row {
  id: string;
  kind: DoctorKind;
  body: string;
  passphrase_hash: string | null;
  version: number;
}

export interface StoredDoctor {
  doctor: Doctor;
  protected: boolean;
  version: number;
}

function read(r: Row): StoredDoctor {
  return { doctor: Doctor.parse({ ...(JSON.parse(r.body) as object), id: r.id, kind: r.kind }), protected: r.passphrase_hash !== null, version: r.version };
}

export function listDoctors(db: Db): StoredDoctor[] {
  const rows = db.prepare(`SELECT * FROM doctor_profiles ORDER BY CASE kind WHEN 'titolare' THEN 0 ELSE 1 END, created_at, id`).all() as Row[];
  return rows.map(read);
}

export function getDoctor(db: Db, args: { id: string }): StoredDoctor | undefined {
  const r = db.prepare('SELECT * FROM doctor_profiles WHERE id = ?').get(args.id) as Row | undefined;
  return r && read(r);
}

/** The stored hash, for the switch check only (never sent to the UI). */
export function doctorPassphraseHash(db: Db, args: { id: string }): string | null {
  const r = db.prepare('SELECT passphrase_hash FROM doctor_profiles WHERE id = ?').get(args.id) as { passphrase_hash: string | null } | undefined;
  return r?.passphrase_hash ?? null;
}

function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).sort();
}

/**
 * Inserts or replaces a profile. `passphraseHash`: undefined keeps the stored one, null removes
 * it. CONFLICT when the codice fiscale belongs to another profile or a second titolare is added.
 */
export function saveDoctor(db: Db, args: { actor: string; doctor: Doctor; passphraseHash?: string | null }): StoredDoctor {
  const d = Doctor.parse(args.doctor);
  const { id, kind, ...body } = d;
  const now = new Date().toISOString();
  const existing = getDoctor(db, { id });
  const sameCf = db.prepare('SELECT id FROM doctor_profiles WHERE codice_fiscale = ? AND id <> ?').get(d.author.codiceFiscale, id) as { id: string } | undefined;
  if (sameCf) throw new AppError('CONFLICT', 'Another profile has this codice fiscale', { entity: 'doctor', field: 'codiceFiscale' });
  if (kind === 'titolare') {
    const other = db.prepare(`SELECT id FROM doctor_profiles WHERE kind = 'titolare' AND id <> ?`).get(id) as { id: string } | undefined;
    if (other) throw new AppError('CONFLICT', 'The practice has a titolare already', { entity: 'doctor', field: 'kind' });
  }
  if (existing) {
    db.prepare(
      `UPDATE doctor_profiles SET kind = @kind, codice_fiscale = @cf, body = @body, updated_at = @now, version = version + 1
         ${args.passphraseHash !== undefined ? ', passphrase_hash = @hash' : ''} WHERE id = @id`,
    ).run({ id, kind, cf: d.author.codiceFiscale, body: JSON.stringify(body), now, ...(args.passphraseHash !== undefined ? { hash: args.passphraseHash } : {}) });
    const { id: _i, ...before } = existing.doctor;
    const fields = changedFields({ ...before.author, kind: before.kind, periods: before.periods, card: before.card, practice: before.practice }, { ...d.author, kind, periods: d.periods, card: d.card, practice: d.practice });
    if (args.passphraseHash !== undefined && (args.passphraseHash !== null) !== existing.protected) fields.push('passphrase');
    appendAudit(db, { actor: args.actor, action: 'doctor.update', entity: 'doctor', entityId: id, detail: { fields } });
  } else {
    db.prepare(
      `INSERT INTO doctor_profiles (id, kind, codice_fiscale, body, passphrase_hash, created_at, updated_at) VALUES (@id, @kind, @cf, @body, @hash, @now, @now)`,
    ).run({ id, kind, cf: d.author.codiceFiscale, body: JSON.stringify(body), hash: args.passphraseHash ?? null, now });
    appendAudit(db, { actor: args.actor, action: 'doctor.create', entity: 'doctor', entityId: id, detail: { kind, passphrase: Boolean(args.passphraseHash) } });
  }
  return getDoctor(db, { id })!;
}

/** Sets (or, null, removes) a profile's passphrase hash; audited without the hash. */
export function setDoctorPassphrase(db: Db, args: { actor: string; id: string; hash: string | null }): StoredDoctor {
  const r = db.prepare('UPDATE doctor_profiles SET passphrase_hash = ?, updated_at = ?, version = version + 1 WHERE id = ?').run(args.hash, new Date().toISOString(), args.id);
  if (r.changes === 0) throw new AppError('NOT_FOUND', 'No such doctor', { entity: 'doctor', id: args.id });
  appendAudit(db, { actor: args.actor, action: args.hash ? 'doctor.passphrase.set' : 'doctor.passphrase.remove', entity: 'doctor', entityId: args.id });
  return getDoctor(db, { id: args.id })!;
}

/** Who started working, who was refused and why, who locked the workstation: ids and reasons only. */
export function doctorEvent(db: Db, args: { actor: string; action: 'doctor.switch' | 'doctor.switch.refused' | 'doctor.lock'; id: string; detail?: Record<string, unknown> }): number {
  return appendAudit(db, { actor: args.actor, action: args.action, entity: 'doctor', entityId: args.id, ...(args.detail ? { detail: args.detail } : {}) });
}
