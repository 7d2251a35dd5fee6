/**
 * Value sets of the FSE 2.0 gateway (FSE-GATEWAY.md §3–4; swagger_gtw.yaml 2.6.3 enums;
 * DSP enums at de019846, collected in ../shared/data/fse/tables/gateway-enums.json,
 * roles.csv, purpose-of-use.csv, subject-organization.csv).
 */

export const TIPOLOGIA_STRUTTURA = ['Ospedale', 'Prevenzione', 'Territorio', 'SistemaTS', 'Cittadino', 'MdsPN_DGC'] as const;
export type TipologiaStruttura = (typeof TIPOLOGIA_STRUTTURA)[number];

/** classCode. The DSP enum lacks LET/PRO/COL; swagger and IG v2.22 list them, and the contract wins (§9). */
export const TIPO_DOCUMENTO_LIV_ALTO = [
  'WOR', 'REF', 'LDO', 'RIC', 'SUM', 'TAC', 'PRS', 'PRE', 'ESE', 'PDC', 'VAC', 'CER', 'VRB', 'CON', 'CNT', 'CRT', 'LET', 'PRO', 'COL',
] as const;
export type TipoDocumentoLivAlto = (typeof TIPO_DOCUMENTO_LIV_ALTO)[number];

/** practiceSettingCode (IG §15.3.8), exactly the swagger enum. */
export const ASSETTO_ORGANIZZATIVO = [
  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 18, 19, 20, 21, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37,
  38, 39, 40, 41, 42, 43, 46, 47, 48, 49, 50, 51, 52, 54, 55, 56, 57, 58, 60, 61, 62, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73,
  74, 75, 76, 77, 78, 94, 96, 97, 98, 99, 100, 101, 102, 103, 104, 107, 109, 121, 122, 126, 129, 130, 131, 199, 999,
].map((n) => `AD_PSC${String(n).padStart(3, '0')}`) as readonly string[];

export const TIPO_ATTIVITA_CLINICA = ['PHR', 'CON', 'DIS', 'ERP', 'Sistema_TS', 'INI', 'PN_DGC', 'OBS'] as const;
export type TipoAttivitaClinica = (typeof TIPO_ATTIVITA_CLINICA)[number];

export const ADMINISTRATIVE_REQUEST = ['SSN', 'INPATIENT', 'NOSSN', 'SSR', 'DONOR', 'AUTO'] as const;
export const MODE = ['ATTACHMENT', 'RESOURCE'] as const;
export type Mode = (typeof MODE)[number];
export const HEALTH_DATA_FORMAT = ['CDA'] as const;
export const ACTIVITY = ['VERIFICA', 'VALIDATION'] as const;
export type Activity = (typeof ACTIVITY)[number];

export const ACTION_ID = ['CREATE', 'READ', 'UPDATE', 'DELETE'] as const;
export type ActionId = (typeof ACTION_ID)[number];

export const PURPOSE_OF_USE = [
  'TREATMENT', 'EMERGENCY', 'PUBEMERGENCY', 'SYSADMIN', 'PERSONAL', 'UPDATE', 'ACCESS UPDATE', 'CONSENT', 'ADMINISTRATIVE',
] as const;
export type PurposeOfUse = (typeof PURPOSE_OF_USE)[number];

/** `APR` = Medico Medicina Generale / Pediatra di Libera Scelta. */
export const SUBJECT_ROLE = [
  'AAS', 'APR', 'PSS', 'INF', 'FAR', 'DSA', 'DAM', 'OAM', 'ASS', 'TUT', 'ING', 'GEN', 'NOR', 'DRS', 'RSA', 'MRP', 'INI', 'OGC',
  'OPI', 'MDS', 'GTW', 'DAP',
] as const;
export type SubjectRole = (typeof SUBJECT_ROLE)[number];

/**
 * subject_organization_id → subject_organization, exact strings (subject-organization.csv).
 * ⚠ 999/950: the code says 999=MDS, 950=GTW, the IG table the reverse; the code's mapping is
 * the one the dispatcher enforces, so it is used here.
 */
export const SUBJECT_ORGANIZATIONS: Readonly<Record<string, string>> = {
  '010': 'Regione Piemonte',
  '020': "Regione Valle d'Aosta",
  '030': 'Regione Lombardia',
  '041': 'P.A. Bolzano',
  '042': 'P.A. Trento',
  '050': 'Regione Veneto',
  '060': 'Regione Friuli Venezia Giulia',
  '070': 'Regione Liguria',
  '080': 'Regione Emilia-Romagna',
  '090': 'Regione Toscana',
  '100': 'Regione Umbria',
  '110': 'Regione Marche',
  '120': 'Regione Lazio',
  '130': 'Regione Abruzzo',
  '140': 'Regione Molise',
  '150': 'Regione Campania',
  '160': 'Regione Puglia',
  '170': 'Regione Basilicata',
  '180': 'Regione Calabria',
  '190': 'Regione Sicilia',
  '200': 'Regione Sardegna',
  '000': 'INI',
  '970': 'Sistema TS',
  '001': 'SASN',
  '999': 'MDS',
  '950': 'GTW',
};

export const EVENT_STATUS = ['SUCCESS', 'BLOCKING_ERROR', 'NON_BLOCKING_ERROR', 'ASYNC_RETRY'] as const;
export type EventStatus = (typeof EVENT_STATUS)[number];

/** OIDs */
export const OID_MEF_CF = '2.16.840.1.113883.2.9.4.3.2';
export const OID_TEAM = '2.16.840.1.113883.2.9.4.3.7';
export const OID_LOINC = '2.16.840.1.113883.6.1';
