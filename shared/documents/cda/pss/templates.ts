/**
 * Template ids and section codes of the PSS IG (HL7 Italia "Profilo Sanitario Sintetico"),
 * as required by schematron_PSS_v4.0 (rules b1–b68 for sections, b70–b310 for entries).
 */
export const PSS_DOCUMENT_TEMPLATE = { root: '2.16.840.1.113883.2.9.10.1.4.1.1', extension: '1.4' } as const;

const T = '2.16.840.1.113883.2.9.10.1.4';

export const TPL = {
  // sections (…4.2.x)
  secAllergies: `${T}.2.1`,
  secMedications: `${T}.2.2`,
  secVaccinations: `${T}.2.3`,
  secProblems: `${T}.2.4`,
  secLifestyle: `${T}.2.6`,
  secPregnancies: `${T}.2.7`,
  secVitalSigns: `${T}.2.8`,
  secDevices: `${T}.2.9`,
  secCarePlans: `${T}.2.10`,
  secProcedures: `${T}.2.11`,
  secEncounters: `${T}.2.12`,
  secFunctional: `${T}.2.13`,
  secResults: `${T}.2.14`,
  secOrganDonation: `${T}.2.15`,
  secFamilyHistory: `${T}.2.16`,
  secExemptions: `${T}.2.17`,
  secNetworks: `${T}.2.18`,
  // entries (…4.3.x)
  allergyConcern: `${T}.3.1.1`,
  allergyObservation: `${T}.3.1.3`,
  noAllergies: `${T}.3.1.4`,
  reaction: `${T}.3.1.5.1`,
  criticality: `${T}.3.1.5.3`,
  clinicalStatus: `${T}.3.1.6`,
  comment: `${T}.3.1.7`,
  medication: `${T}.3.2.1`,
  medicationProduct: `${T}.3.2.2`,
  noMedications: `${T}.3.2.3`,
  manufacturedMaterial: '2.16.840.1.113883.10.22.4.3',
  immunization: `${T}.3.3.1`,
  immunizationProduct: `${T}.3.3.2`,
  immunizationCoverage: `${T}.3.3.3`,
  immunizationDose: `${T}.3.3.4`,
  problemConcern: `${T}.3.4.1`,
  problemObservation: `${T}.3.4.2`,
  problemSeverity: `${T}.3.4.4`,
  problemChronicity: `${T}.3.4.5`,
  lifestyle: `${T}.3.6.1`,
  pregnancy: `${T}.3.7.1`,
  vitalSignsOrganizer: `${T}.3.8.1`,
  vitalSign: `${T}.3.8.2`,
  device: `${T}.3.9.1`,
  planObservation: `${T}.3.10.1`,
  planSubstance: `${T}.3.10.2`,
  planProcedure: `${T}.3.10.3`,
  planEncounter: `${T}.3.10.4`,
  planAct: `${T}.3.10.5`,
  procedure: `${T}.3.11.1`,
  encounter: `${T}.3.12.1`,
  batteryOrganizer: `${T}.3.14.1`,
  batteryObservation: `${T}.3.14.2`,
  careRegime: `${T}.3.14.3`,
  mentalStatus: `${T}.3.14.4`,
  familyOrganizer: `${T}.3.16.1`,
  familyObservation: `${T}.3.16.2`,
  familyAge: `${T}.3.16.3`,
  noFamilyHistory: `${T}.3.16.4`,
  exemption: `${T}.3.17.1`,
  network: `${T}.3.18.1`,
} as const;

/** Section LOINC codes (PSSIT99 is in the Italian PSS code system 2.16.840.1.113883.2.9.5.2.8). */
export const SECTION = {
  allergies: { code: '48765-2', display: 'Allergie, Reazioni Avverse', title: 'Allergie e Intolleranze' },
  medications: { code: '10160-0', display: 'Storia di uso di farmaci', title: 'Terapie farmacologiche' },
  vaccinations: { code: '11369-6', display: 'Storia di immunizzazioni', title: 'Vaccinazioni' },
  problems: { code: '11450-4', display: 'Lista dei problemi', title: 'Lista dei problemi' },
  familyHistory: { code: '10157-6', display: 'Storia di malattie di membri familiari', title: 'Anamnesi familiare' },
  lifestyle: { code: '29762-2', display: 'Stile di vita', title: 'Stile di vita' },
  pregnancies: { code: '10162-6', display: 'Storia di gravidanze', title: 'Gravidanze, parti e stato mestruale' },
  vitalSigns: { code: '8716-3', display: 'Parametri vitali', title: 'Parametri vitali' },
  devices: { code: '46264-8', display: 'Storia di uso di dispositivi medici', title: 'Protesi, impianti e ausili' },
  carePlans: { code: '18776-5', display: 'Piano di cura', title: 'Piani di cura' },
  procedures: { code: '47519-4', display: 'Storia di procedure', title: 'Trattamenti e procedure terapeutiche, chirurgiche e diagnostiche' },
  encounters: { code: '46240-8', display: 'Storia di ospedalizzazioni e Storia di visite ambulatoriali', title: 'Visite e ricoveri' },
  functionalStatus: { code: '47420-5', display: 'Nota di valutazione dello stato funzionale', title: 'Stato funzionale del paziente' },
  results: { code: '30954-2', display: 'Test diagnostici rilevanti e/o dati di laboratorio', title: 'Indagini diagnostiche e esami di laboratorio' },
  organDonation: { code: '42348-3', display: 'Dichiarazioni anticipate di trattamento', title: 'Assenso/dissenso donazione organi' },
  exemptions: { code: '57827-8', display: 'Motivo di esenzione dal co-pagamento', title: 'Esenzioni' },
  networks: { code: 'PSSIT99', display: 'Reti di Patologia', title: 'Reti di patologia' },
} as const;

export type SectionKey = keyof typeof SECTION;

/** Section order of the IG example (official PSS.xml) and of the ministry FHIR Composition. */
export const SECTION_ORDER: readonly SectionKey[] = [
  'allergies', 'medications', 'vaccinations', 'problems', 'familyHistory', 'lifestyle', 'pregnancies',
  'vitalSigns', 'devices', 'carePlans', 'procedures', 'encounters', 'functionalStatus', 'results',
  'organDonation', 'exemptions', 'networks',
];
