/**
 * Inputs of the three telemedicine CDAs the FSE gateway validates (../shared/data/fse/docs/
 * telemedicina.md; schematron_Referto_Televisita_v1.0, schematron_Relazione_CTC_v1.0,
 * schematron_Rel_Fin_Teleassistenza_v1.0). One shape for the three: the header facts shared
 * with the PSS (patient, author, organisation, custodian, version) plus the encounter of the
 * remote service, the order it fulfils, the service performed and the report.
 */
import { z } from 'zod';
import { AuthorDoctor, Custodian, DocumentVersion, Organization, PatientChoices } from '../../../domain/document-header.ts';
import { Coded, DateTimeWithOffset } from '../../../domain/record/entry-base.ts';
import { Patient } from '../../../domain/patient.ts';

export const TELEMED_KINDS = ['televisita', 'teleconsulto', 'teleassistenza'] as const;
export const TelemedKind = z.enum(TELEMED_KINDS);
export type TelemedKind = z.infer<typeof TelemedKind>;

const text = (max: number) => z.string().trim().min(1).max(max);
const Oid = z.string().regex(/^[0-2](\.(0|[1-9]\d*))+$/, 'OID');
const CodiceFiscale = z.string().regex(/^[A-Z0-9]{16}$/, 'codice fiscale');

/**
 * The facility that delivers the service (encompassingEncounter/location/healthCareFacility/
 * serviceProviderOrganization): its id is HSP.11 (…4.1.2) or STS.11 (…4.1.3) as the CTC and
 * teleassistenza schematrons demand (ERRORE-43/44).
 */
export const TelemedFacility = z.object({
  idRoot: z.enum(['2.16.840.1.113883.2.9.4.1.2', '2.16.840.1.113883.2.9.4.1.3']),
  id: text(40),
  name: text(200),
});
export type TelemedFacility = z.infer<typeof TelemedFacility>;

/** A specialist consulted (teleconsult) or taking part: a header participant (CTC ERRORE-45/49/50a). */
export const TelemedSpecialist = z.object({
  codiceFiscale: CodiceFiscale,
  givenName: text(80),
  surname: text(80),
  specialty: text(120),
  organization: text(200),
});
export type TelemedSpecialist = z.infer<typeof TelemedSpecialist>;

/** Branca specialistica (DM 22/07/1996 numbering, as in the HL7 Italia telemedicine IG). */
export const BRANCHE: Readonly<Record<string, string>> = {
  '02': 'Cardiologia',
  '06': 'Dermosifilopatia',
  '09': 'Endocrinologia',
  '13': 'Nefrologia',
  '15': 'Neurologia',
  '22': 'Pneumologia',
  '26': 'Altro',
};

export const TelemedService = z.object({
  /** ICD-9-CM procedure (2.16.840.1.113883.6.103), e.g. 89.01 brief evaluation, 89.07 consult. */
  procedure: Coded,
  /** Free-text name of the service as booked (procedure/code/originalText, ERRORE-b129/b134). */
  description: text(300),
  branca: z.string().regex(/^\d{2}$/),
  /** Disciplina (HSP.12 code and name), e.g. 08 Cardiologia. */
  disciplina: Coded,
  start: DateTimeWithOffset,
  end: DateTimeWithOffset.optional(),
});
export type TelemedService = z.infer<typeof TelemedService>;

/** The one multimedia attachment the Prestazioni section carries (ERRORE-b5/b6: B64). */
export const TelemedAttachment = z.object({
  title: text(200),
  mediaType: z.enum(['image/png', 'image/jpeg', 'application/pdf', 'text/plain']),
  base64: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64').max(2_000_000),
});
export type TelemedAttachment = z.infer<typeof TelemedAttachment>;

export const TelemedInput = z
  .object({
    kind: TelemedKind,
    patient: Patient,
    author: AuthorDoctor,
    organization: Organization,
    custodian: Custodian,
    facility: TelemedFacility,
    confidentiality: z.enum(['N', 'R', 'V']),
    choices: PatientChoices,
    version: DocumentVersion,
    effectiveTime: DateTimeWithOffset,
    /** The order fulfilled (inFulfillmentOf/order/id: NRE of the prescription or booking id; ERRORE-40/46). */
    order: z.object({ root: Oid, id: text(64) }),
    /** Encounter id (encompassingEncounter/id), under the organisation's root. */
    encounterId: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/),
    /** Quesito diagnostico: mandatory for teleconsulto and teleassistenza (ERRORE-b1). */
    question: z.object({ text: text(2000), diagnosis: Coded.optional() }).optional(),
    service: TelemedService,
    attachment: TelemedAttachment,
    /** Referto / relazione: the narrative of the report (section 47045-0, mandatory). */
    report: text(20_000),
    /** ICD-9-CM diagnoses (section 29548-5). */
    diagnoses: z.array(Coded).max(20),
    conclusions: z.string().trim().max(5000).optional(),
    /** Accertamenti e controlli consigliati (section 80615-8), one line each. */
    recommendedChecks: z.array(text(300)).max(20),
    specialists: z.array(TelemedSpecialist).max(10),
  })
  .superRefine((v, ctx) => {
    if (!v.author.phone && !v.author.email) {
      ctx.addIssue({ code: 'custom', path: ['author', 'phone'], message: 'serve almeno un recapito del medico' });
    }
    if (v.patient.identifierKind !== 'CF') {
      ctx.addIssue({ code: 'custom', path: ['patient', 'identifierKind'], message: 'serve il codice fiscale del paziente' });
    }
    if (v.kind !== 'televisita' && !v.question) {
      ctx.addIssue({ code: 'custom', path: ['question'], message: 'il quesito diagnostico è obbligatorio (schematron ERRORE-b1)' });
    }
    if (v.kind === 'teleconsulto' && v.specialists.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['specialists'], message: 'indicare almeno uno specialista consultato (schematron ERRORE-45)' });
    }
    if (!(v.service.branca in BRANCHE)) {
      ctx.addIssue({ code: 'custom', path: ['service', 'branca'], message: 'branca specialistica sconosciuta' });
    }
    if (v.service.end && v.service.end <= v.service.start) {
      ctx.addIssue({ code: 'custom', path: ['service', 'end'], message: 'la fine precede l’inizio (schematron ERRORE-65)' });
    }
    if (v.version.versionNumber === 1 && v.version.setId !== v.version.documentId) {
      ctx.addIssue({ code: 'custom', path: ['version', 'setId'], message: 'alla versione 1 setId = id (schematron ERRORE-8)' });
    }
    if (v.version.versionNumber > 1 && !v.version.replacesDocumentId) {
      ctx.addIssue({ code: 'custom', path: ['version', 'replacesDocumentId'], message: 'serve il documento sostituito (RPLC, ERRORE-9)' });
    }
  });
export type TelemedInput = z.infer<typeof TelemedInput>;
