/**
 * Template ids, codes and code systems of the HL7 Italia vaccination IG, as checked by
 * schematron_singola_VACC_v3.3 (ERRORE-b2…b53) and schematron_certificato_VACC_v2.4
 * (ERRORE-b2…b41); PAEDIATRICS.md §1 has the table. Template extensions are those of the
 * official examples (SING_VACC.xml, CERT_VACC.xml: "1.1").
 */
const T = '2.16.840.1.113883.2.9.10.1.11';

export const VACC_TPL = {
  singDocument: `${T}.1.1`,
  certDocument: `${T}.1.2`,
  singSection: `${T}.3.1`,
  certSection: `${T}.3.2`,
  /** "Dati vaccinazione": statusCode completed. */
  administration: `${T}.4.1`,
  /** "Esonero/omissione o differimento": statusCode cancelled plus a reason. */
  notGiven: `${T}.4.2`,
  doseNumber: `${T}.4.3`,
  coverage: `${T}.4.4`,
  riskCategory: `${T}.4.5`,
  healthCondition: `${T}.4.6`,
  presumedImmunity: `${T}.4.7`,
  adverseReaction: `${T}.4.8`,
  targetDisease: `${T}.4.9`,
  reason: `${T}.4.10`,
} as const;

export const VACC_TEMPLATE_EXTENSION = '1.1';

export const VACC_OID = {
  ACT_SITE: '2.16.840.1.113883.5.1052',
  ACT_REASON: '2.16.840.1.113883.5.8',
  /** Antigeni/Principi vaccinali (target diseases), 49 codes (resources/cda/terminology). */
  ANTIGENS: '2.16.840.1.113883.2.9.6.1.56.4',
  RISK_CATEGORY: '2.16.840.1.113883.2.9.6.1.56.2',
} as const;

export interface VaccDocType {
  template: string;
  sectionTemplate: string;
  /** Document LOINC code with the displayName warning W001 asks for. */
  code: string;
  display: string;
  title: string;
  sectionTitle: string;
  schematron: string;
}

export const SING_VACC: VaccDocType = {
  template: VACC_TPL.singDocument,
  sectionTemplate: VACC_TPL.singSection,
  code: '87273-9',
  display: 'Immunization note',
  title: 'Scheda della singola vaccinazione',
  sectionTitle: 'Scheda della singola vaccinazione',
  schematron: 'schematron_singola_VACC_v3.3.sch',
};

export const CERT_VACC: VaccDocType = {
  template: VACC_TPL.certDocument,
  sectionTemplate: VACC_TPL.certSection,
  code: '82593-5',
  display: 'Immunization summary report',
  title: 'Certificato vaccinale',
  // ERRORE-b4: "possibilmente valorizzato con 'Certificato Vaccinale'".
  sectionTitle: 'Certificato Vaccinale',
  schematron: 'schematron_certificato_VACC_v2.4.sch',
};

/** The section code, the same in both documents (ERRORE-b3). */
export const IMMUNIZATION_SECTION = { code: '11369-6', display: 'History of Immunization Narrative' } as const;
