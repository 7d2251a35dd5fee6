/**
 * The outpatient services a family doctor orders most for chronic care, with their codes in the
 * national outpatient catalogue (nomenclatore della specialistica ambulatoriale, D.M. 22/07/1996
 * and its LEA updates; 90.28.1 HbA1c and 90.27.1 glucose as in the HL7 Italia telemonitoring
 * CatalogoPrestazioni, DASHBOARD.md §2) and the LOINC code the result will carry, which links an
 * order to its series. A curated subset: the full catalogue is regional and not in the official
 * data set here.
 */
export interface OutpatientService {
  code: string;
  display: string;
  kind: 'test' | 'visit';
  loinc?: string;
}

export const OUTPATIENT_SERVICES: readonly OutpatientService[] = [
  { code: '90.28.1', display: 'Emoglobina glicata (HbA1c)', kind: 'test', loinc: '4548-4' },
  { code: '90.27.1', display: 'Glucosio', kind: 'test', loinc: '2345-7' },
  { code: '90.16.3', display: 'Creatinina', kind: 'test', loinc: '2160-0' },
  { code: '90.14.3', display: 'Colesterolo totale', kind: 'test', loinc: '2093-3' },
  { code: '90.14.1', display: 'Colesterolo HDL', kind: 'test', loinc: '2085-9' },
  { code: '90.43.2', display: 'Trigliceridi', kind: 'test', loinc: '2571-8' },
  { code: '90.33.4', display: 'Microalbuminuria', kind: 'test', loinc: '14959-1' },
  { code: '90.62.2', display: 'Emocromo', kind: 'test' },
  { code: '90.44.3', display: 'Urine: esame chimico fisico e microscopico', kind: 'test' },
  { code: '89.52', display: 'Elettrocardiogramma', kind: 'test' },
  { code: '95.09.1', display: 'Esame del fundus oculi', kind: 'visit' },
  { code: '89.7', display: 'Visita specialistica (prima visita)', kind: 'visit' },
];
