import { z } from 'zod';
import { AuthorDoctor, Custodian, Organization } from './document-header.ts';

/**
 * The doctors who work on one practice's panel (DOMAIN.md §1.1, Millewin's Titolare /
 * Collaboratore / Sostituto): the titolare, whose organisation and custodian every document
 * carries, and any number of sostituti (locums, each for given periods) and collaboratori.
 * Each is the author of what they write, with their own codice fiscale and their own card.
 *
 * `author.role` is the role printed in the CDA (assignedAuthorCode_PSSIT, MMG or PLS: a locum
 * works as the family doctor or paediatrician of the panel); `kind` is who they are on it.
 */
export const DoctorKind = z.enum(['titolare', 'sostituto', 'collaboratore']);
export type DoctorKind = z.infer<typeof DoctorKind>;

/** A profile id: opaque, so a corrected codice fiscale keeps the authorship of what was written. */
export const DoctorId = z.string().regex(/^[a-z0-9-]{3,40}$/, 'identificativo medico');
export type DoctorId = z.infer<typeof DoctorId>;

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'data aaaa-mm-gg');

/** One substitution: first and last day, inclusive, in the clinical time zone. */
export const SubstitutionPeriod = z
  .object({ from: IsoDay, to: IsoDay })
  .refine((p) => p.from <= p.to, { message: 'la fine precede l’inizio', path: ['to'] });
export type SubstitutionPeriod = z.infer<typeof SubstitutionPeriod>;

/**
 * The doctor's signature card as first seen in a signature made with it (kept as evidence of
 * which certificate signed the doctor's documents, and to pick their token among those present).
 */
export const CardCertificate = z.object({
  subjectCodiceFiscale: z.string().max(32).optional(),
  serialNumberHex: z.string().max(80),
  issuer: z.string().max(300),
  notAfter: z.string(),
  /** The token it was on (its PKCS#11 label): the one chosen when this doctor signs. */
  tokenLabel: z.string().max(64).optional(),
  firstSeenAt: z.string(),
});
export type CardCertificate = z.infer<typeof CardCertificate>;

/** The practice: what the titolare's documents and the locum's alike carry as organisation and custodian. */
export const Practice = z.object({ organization: Organization, custodian: Custodian });
export type Practice = z.infer<typeof Practice>;

/** A doctor profile as stored (the passphrase hash is never part of it). */
export const Doctor = z.object({
  id: DoctorId,
  kind: DoctorKind,
  author: AuthorDoctor,
  /** Sostituti only; outside them (and outside the sandbox) the locum cannot start working. */
  periods: z.array(SubstitutionPeriod).max(200).default([]),
  card: CardCertificate.optional(),
  /** The titolare only. */
  practice: Practice.optional(),
});
export type Doctor = z.infer<typeof Doctor>;

/** The period a locum covers on `day` (yyyy-mm-dd), or undefined. */
export function periodOn(periods: readonly SubstitutionPeriod[], day: string): SubstitutionPeriod | undefined {
  return periods.find((p) => p.from <= day && day <= p.to);
}

/** The nearest period to `day`: the next one to come, else the last one past (for the refusal message). */
export function nearestPeriod(periods: readonly SubstitutionPeriod[], day: string): SubstitutionPeriod | undefined {
  const sorted = [...periods].sort((a, b) => a.from.localeCompare(b.from));
  return sorted.find((p) => p.from > day) ?? sorted.filter((p) => p.to < day).at(-1);
}

export { doctorName } from './doctor-name.ts';

/** The actor of every audit entry written while this doctor works (ids only, never a name or a codice fiscale). */
export function doctorActor(id: DoctorId): string {
  return `doctor:${id}`;
}

/** The profile id an actor names, if it names one. */
export function actorDoctorId(actor: string): DoctorId | undefined {
  return actor.startsWith('doctor:') ? actor.slice('doctor:'.length) : undefined;
}
