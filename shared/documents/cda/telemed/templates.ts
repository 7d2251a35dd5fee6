/**
 * Template ids, document codes and section codes of the three telemedicine documents, as the
 * official schematrons check them (ERRORE-4/5 and the section rules ERRORE-b*); the section
 * templates are the same in the three rules files.
 */
import type { TelemedKind } from './input.ts';

export interface TelemedDocumentType {
  kind: TelemedKind;
  /** ClinicalDocument/templateId root: the schematron is picked by it (INDEX.csv). */
  templateRoot: string;
  templateExtension: string;
  /** Document LOINC code and the displayName the schematron's W001 recommends. */
  code: string;
  displayName: string;
  title: string;
  schematron: string;
  /** The gateway's tipoDocumentoLivAlto (document-types.csv) and the JWT resource_hl7_type. */
  tipoDocumentoLivAlto: 'REF';
  resourceHl7Type: string;
}

export const TELEMED_TYPES: Readonly<Record<TelemedKind, TelemedDocumentType>> = {
  televisita: {
    kind: 'televisita',
    templateRoot: '2.16.840.1.113883.2.9.10.1.16.1.1',
    templateExtension: '1.0',
    code: '75496-0',
    displayName: 'Telehealth note',
    title: 'Referto di televisita',
    schematron: 'schematron_Referto_Televisita_v1.0.sch',
    tipoDocumentoLivAlto: 'REF',
    resourceHl7Type: "('75496-0^^2.16.840.1.113883.6.1')",
  },
  teleconsulto: {
    kind: 'teleconsulto',
    templateRoot: '2.16.840.1.113883.2.9.10.1.16.2.1',
    templateExtension: '1.0',
    code: '85208-7',
    displayName: 'Nota di teleconsulto (teleconsultation note)',
    title: 'Relazione collaborativa di teleconsulto',
    schematron: 'schematron_Relazione_CTC_v1.0.sch',
    tipoDocumentoLivAlto: 'REF',
    resourceHl7Type: "('85208-7^^2.16.840.1.113883.6.1')",
  },
  teleassistenza: {
    kind: 'teleassistenza',
    templateRoot: '2.16.840.1.113883.2.9.10.1.16.4.1',
    templateExtension: '1.0',
    code: '75496-0',
    displayName: 'Telehealth note',
    title: 'Relazione finale di teleassistenza',
    schematron: 'schematron_Rel_Fin_Teleassistenza_v1.0.sch',
    tipoDocumentoLivAlto: 'REF',
    resourceHl7Type: "('75496-0^^2.16.840.1.113883.6.1')",
  },
};

/** Sections (LOINC code, section templateId root, Italian title). */
export const TELEMED_SECTION = {
  question: { code: '29299-5', template: '2.16.840.1.113883.3.1937.777.63.10.648', title: 'Quesito diagnostico', display: 'Reason for visit' },
  services: { code: '62387-6', template: '2.16.840.1.113883.3.1937.777.63.10.657', title: 'Prestazioni', display: 'Interventions provided' },
  report: { code: '47045-0', template: '2.16.840.1.113883.3.1937.777.63.10.695', title: 'Referto', display: 'Study report' },
  diagnoses: { code: '29548-5', template: '2.16.840.1.113883.3.1937.777.63.10.696', title: 'Diagnosi', display: 'Diagnosis' },
  conclusions: { code: '55110-1', template: '2.16.840.1.113883.3.1937.777.63.10.698', title: 'Conclusioni', display: 'Conclusions' },
  checks: { code: '80615-8', template: '2.16.840.1.113883.3.1937.777.63.10.701', title: 'Accertamenti e controlli consigliati', display: 'Follow-up' },
} as const;

/** Entry templates of the Prestazioni act: branca (ERRORE-b122) and disciplina (ERRORE-b123). */
export const TPL_BRANCA = '2.16.840.1.113883.3.1937.777.63.10.703';
export const TPL_DISCIPLINA = '2.16.840.1.113883.3.1937.777.63.10.704';
