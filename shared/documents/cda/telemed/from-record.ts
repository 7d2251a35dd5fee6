/**
 * A telemedicine document's input from the record: the televisita is a diary visit of kind
 * `televisita` (shared/domain/record/visit.ts): its time is the service's start, its reason the
 * quesito, its note the referto, the problems it was about the diagnoses (ICD-9-CM, as the
 * record codes them). What the diary does not hold (the facility, the order fulfilled, branca
 * and disciplina, the attachment, the specialists consulted) comes as the type's options.
 * Pure: the service side reads the visit and the problems and calls this.
 */
import { z } from 'zod';
import type { DocumentVersion } from '../../../domain/document-header.ts';
import type { ProblemEntry } from '../../../domain/clinical-record.ts';
import type { DoctorProfile } from '../../../api/profile.ts';
import type { Patient } from '../../../domain/patient.ts';
import type { Visit } from '../../../domain/record/visit.ts';
import { Coded, DateTimeWithOffset } from '../../../domain/record/entry-base.ts';
import { TelemedAttachment, TelemedFacility, TelemedInput, TelemedSpecialist, type TelemedKind } from './input.ts';

/** The service's procedure when the options name none (ICD-9-CM 89.0x, as the synthetic documents). */
const DEFAULT_PROCEDURE: Record<TelemedKind, { code: string; display: string; description: string }> = {
  televisita: { code: '89.01', display: 'Anamnesi e valutazione, definite brevi', description: 'Televisita' },
  teleconsulto: { code: '89.07', display: 'Consulto definito complessivo', description: 'Teleconsulto' },
  teleassistenza: { code: '89.08', display: 'Altro consulto', description: 'Teleassistenza' },
};

export const TelemedOptions = z.object({
  facility: TelemedFacility,
  order: z.object({ root: z.string().regex(/^[0-2](\.(0|[1-9]\d*))+$/), id: z.string().trim().min(1).max(64) }),
  branca: z.string().regex(/^\d{2}$/),
  disciplina: Coded,
  procedure: Coded.optional(),
  description: z.string().trim().min(1).max(300).optional(),
  end: DateTimeWithOffset.optional(),
  attachment: TelemedAttachment,
  specialists: z.array(TelemedSpecialist).max(10).default([]),
  conclusions: z.string().trim().max(5000).optional(),
  recommendedChecks: z.array(z.string().trim().min(1).max(300)).max(20).default([]),
  confidentiality: z.enum(['N', 'R', 'V']).default('N'),
  choices: z.object({ obscured: z.boolean(), hiddenFromGuardians: z.boolean().default(false), consentToFse: z.boolean() }).default({ obscured: false, hiddenFromGuardians: false, consentToFse: true }),
});
export type TelemedOptions = z.input<typeof TelemedOptions>;

export class TelemedFromRecordError extends Error {
  constructor(readonly reason: 'not-a-televisita' | 'no-report', message: string) {
    super(message);
    this.name = 'TelemedFromRecordError';
  }
}

export function telemedInputFromVisit(args: {
  kind: TelemedKind;
  visit: Visit;
  problems: readonly ProblemEntry[];
  patient: Patient;
  profile: DoctorProfile;
  version: DocumentVersion;
  effectiveTime: string;
  options: TelemedOptions;
}): TelemedInput {
  const { kind, visit } = args;
  if (kind === 'televisita' && visit.kind !== 'televisita') {
    throw new TelemedFromRecordError('not-a-televisita', `la visita ${visit.id} non è una televisita (${visit.kind})`);
  }
  const report = visit.note?.trim() || '';
  if (!report) throw new TelemedFromRecordError('no-report', `la visita ${visit.id} non ha note da riportare nel referto`);
  const o = TelemedOptions.parse(args.options);
  const byId = new Map(args.problems.map((p) => [p.id, p]));
  const linked = visit.problemIds.flatMap((id) => (byId.get(id) ? [byId.get(id)!] : []));
  const proc = o.procedure ?? DEFAULT_PROCEDURE[kind];
  return TelemedInput.parse({
    kind,
    patient: args.patient,
    ...args.profile,
    facility: o.facility,
    confidentiality: o.confidentiality,
    choices: o.choices,
    version: args.version,
    effectiveTime: args.effectiveTime,
    order: o.order,
    encounterId: `ENC.${visit.id}`.slice(0, 64),
    question: visit.reason ? { text: visit.reason, ...(linked[0] ? { diagnosis: linked[0].diagnosis } : {}) } : undefined,
    service: {
      procedure: { code: proc.code, display: proc.display },
      description: o.description ?? DEFAULT_PROCEDURE[kind].description,
      branca: o.branca,
      disciplina: o.disciplina,
      start: visit.at,
      ...(o.end ? { end: o.end } : {}),
    },
    attachment: o.attachment,
    report,
    diagnoses: linked.map((p) => p.diagnosis),
    conclusions: o.conclusions,
    recommendedChecks: o.recommendedChecks,
    specialists: o.specialists,
  });
}
