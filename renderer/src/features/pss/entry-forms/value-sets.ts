import type { Coded } from '../CodePicker.tsx';

/**
 * EncounterCode_PSSIT (2.16.840.1.113883.2.9.77.22.11.14), code and description verbatim from
 * resources/cda/terminology/2.16.840.1.113883.2.9.77.22.11.14.csv: the type of a visit or
 * admission (Visite e ricoveri, planned visits of Piani di cura). Not served by `terms.*`.
 */
export const ENCOUNTER_TYPES: readonly Coded[] = [
  { code: 'ACUTE', display: 'Ricovero urgente' },
  { code: 'ALC', display: 'In attesa di trasferimento' },
  { code: 'AMB', display: 'Ambulatoriale' },
  { code: 'CARD', display: 'Cardiologia' },
  { code: 'CHR', display: 'Cronico' },
  { code: 'DNTL', display: 'Odontoiatria' },
  { code: 'EMER', display: 'Emergenza' },
  { code: 'FLD', display: 'Assistenza Territoriale' },
  { code: 'GENRL', display: 'Assistenza di Medicina Generale' },
  { code: 'HH', display: 'Assistenza Domiciliare' },
  { code: 'IMP', display: 'Ricovero' },
  { code: 'MED', display: 'Assistenza Medica' },
  { code: 'NONAC', display: 'Ricovero programmato' },
  { code: 'OBS', display: 'Ostetricia' },
  { code: 'ONC', display: 'Oncologia' },
  { code: 'PALL', display: 'Cure Palliative' },
  { code: 'PED', display: 'Pediatria' },
  { code: 'PHAR', display: 'Assistenza Farmaceutica' },
  { code: 'PHYRHB', display: 'Riabilitazione Fisica' },
  { code: 'PSYCH', display: 'Assistenza Psichiatrica' },
  { code: 'SURG', display: 'Intervento Chirurgico' },
  { code: 'VR', display: 'Virtuale' },
];

/** The shape of a LOINC code: digits, a dash, the check digit (e.g. 4548-4). */
export const LOINC_CODE = /^\d{1,7}-\d$/;

/**
 * Frequent laboratory tests (LOINC, 2.16.840.1.113883.6.1) offered as suggestions with their
 * usual UCUM unit; the app holds no LOINC table, so any code can still be typed.
 */
export const COMMON_LAB_TESTS: ReadonlyArray<Coded & { unit: string }> = [
  { code: '4548-4', display: 'Emoglobina glicata (HbA1c)', unit: '%' },
  { code: '2345-7', display: 'Glucosio', unit: 'mg/dL' },
  { code: '2160-0', display: 'Creatinina', unit: 'mg/dL' },
  { code: '33914-3', display: 'Filtrato glomerulare stimato (MDRD)', unit: 'mL/min/{1.73_m2}' },
  { code: '2093-3', display: 'Colesterolo totale', unit: 'mg/dL' },
  { code: '2085-9', display: 'Colesterolo HDL', unit: 'mg/dL' },
  { code: '13457-7', display: 'Colesterolo LDL (calcolato)', unit: 'mg/dL' },
  { code: '2571-8', display: 'Trigliceridi', unit: 'mg/dL' },
  { code: '718-7', display: 'Emoglobina', unit: 'g/dL' },
  { code: '6690-2', display: 'Leucociti', unit: '10*3/uL' },
  { code: '777-3', display: 'Piastrine', unit: '10*3/uL' },
  { code: '1742-6', display: 'ALT (GPT)', unit: 'U/L' },
  { code: '1920-8', display: 'AST (GOT)', unit: 'U/L' },
  { code: '2823-3', display: 'Potassio', unit: 'mmol/L' },
  { code: '2951-2', display: 'Sodio', unit: 'mmol/L' },
  { code: '3084-1', display: 'Acido urico', unit: 'mg/dL' },
  { code: '3016-3', display: 'TSH', unit: 'mIU/L' },
];

/** Units most used in primary-care results (UCUM), offered while typing. */
export const COMMON_UNITS: readonly string[] = ['%', 'mg/dL', 'g/dL', 'mmol/L', 'mmol/mol', 'U/L', 'mIU/L', 'ng/mL', 'pg/mL', '10*3/uL', '10*6/uL', 'mL/min/{1.73_m2}', 'mm/h', 'mg/L'];
