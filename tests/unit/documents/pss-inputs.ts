/**
 * The PSS inputs the document tests share: 200 synthetic patients by default (set
 * PSS_TEST_COUNT for fewer or more; MMG and PLS panels, some version-2 documents with RPLC),
 * an empty record (absence statements only) and a hand-written record that fills every
 * section and puts `<`, `&`, `"` in free text.
 */
import type { PssInput } from '../../../shared/domain/clinical-record.ts';
import { syntheticPssInput } from '../../../shared/synthetic/clinical-record.ts';
import { syntheticPatients } from '../../../shared/synthetic/patients.ts';
import { seededRandom } from '../../../shared/random.ts';

export const TODAY = '2026-03-02';
export const TRICKY = 'Nota <importante> & "virgolette" del paziente';

export function syntheticInputs(count = Number(process.env.PSS_TEST_COUNT ?? 200), seed = 42): PssInput[] {
  const adults = syntheticPatients({ count: Math.ceil(count / 2), seed: seed + 1, today: new Date(TODAY) });
  const children = syntheticPatients({ count: Math.floor(count / 2), seed: seed + 2, kind: 'PLS', today: new Date(TODAY) });
  const rand = seededRandom(seed);
  return [...adults, ...children].map((p, i) =>
    syntheticPssInput(p, i, rand, { today: TODAY, role: i < adults.length ? 'MMG' : 'PLS', versionNumber: i % 5 === 4 ? 2 : 1 }),
  );
}

export function emptyInput(): PssInput {
  const base = syntheticInputs(1, 7)[0]!;
  return {
    ...base,
    record: {
      problems: [], allergies: [], medications: [], vaccinations: [], vitalSigns: [], familyHistory: [], lifestyle: [],
      pregnancies: [], devices: [], carePlans: [], procedures: [], encounters: [], functionalStatus: [], labResults: [],
      exemptions: [], careNetworks: [],
    },
  };
}

/** Every section filled, with the characters that need escaping in free text. */
export function fullInput(): PssInput {
  const base = syntheticInputs(1, 9)[0]!;
  const s = 'doctor' as const;
  return {
    ...base,
    patient: { ...base.patient, sex: 'F', birthDate: '1960-05-04' },
    version: { documentId: 'PSS.FULL.V3', setId: 'PSS.FULL.V1', versionNumber: 3, replacesDocumentId: 'PSS.FULL.V2' },
    record: {
      problems: [
        { id: 'p1', source: s, diagnosis: { code: '401.9', display: 'Ipertensione essenziale non specificata' }, status: 'active', chronic: true, onset: '2010-01-15', severity: 'M', note: TRICKY },
        { id: 'p2', source: 'specialist', diagnosis: { code: '540.9', display: 'Appendicite acuta senza menzione di peritonite' }, status: 'resolved', chronic: false, onset: '1990-06-01', resolution: '1990-06-20' },
      ],
      allergies: [
        { id: 'a1', source: 'patient-declared', type: 'DALG', agent: { kind: 'atc', code: 'J01CA04', display: 'AMOXICILLINA' }, reaction: { code: '708.9', display: 'Orticaria, non specificata' }, criticality: 'H', status: 'active', onset: '2001-02-03', note: TRICKY },
        { id: 'a2', source: s, type: 'FALG', agent: { kind: 'substance', code: '102263004', display: 'Uova (commestibili)' }, status: 'resolved', onset: '1965-01-01', resolution: '1970-01-01' },
        { id: 'a3', source: s, type: 'ALG', agent: { kind: 'unknown' }, status: 'active' },
      ],
      medications: [
        { id: 'm1', source: s, aic: { code: '027161052', display: 'TRIATEC' }, atc: { code: 'C09AA05', display: 'RAMIPRIL' }, dosageText: '1 cp & mezza "al mattino"', dose: { value: 1.5, unit: '{compressa}' }, route: 'PO', periodHours: 24, status: 'active', start: '2010-02-01', note: TRICKY },
        { id: 'm2', source: 'specialist', atc: { code: 'C10AA05', display: 'ATORVASTATINA' }, dosageText: '1 cp la sera', route: 'PO', status: 'completed', start: '2015-01-01', end: '2016-01-01' },
      ],
      vaccinations: [
        { id: 'v1', source: s, atc: { code: 'J07BB02', display: 'INFLUENZA, ANTIGENE PURIFICATO' }, date: '2025-10-20', doseNumber: 1, lot: 'AB<12>', route: 'IM', coveredUntil: '2026-04-30', adverseReaction: { code: '782.1', display: 'Eruzione ed altre eruzioni cutanee non specifiche' }, note: TRICKY },
      ],
      vitalSigns: [
        { id: 'vs1', source: s, kind: 'weight', value: 72.5, date: '2026-02-01' },
        { id: 'vs2', source: s, kind: 'height', value: 165, date: '2026-02-01' },
        { id: 'vs3', source: s, kind: 'bmi', value: 26.6, date: '2026-02-01' },
        { id: 'vs4', source: s, kind: 'blood-pressure', systolic: 135, diastolic: 85, date: '2026-02-01' },
      ],
      familyHistory: [
        { id: 'f1', source: 'patient-declared', relationship: 'FTH', conditions: [{ diagnosis: { code: '410.90', display: 'Infarto miocardico acuto' }, onsetAge: 55 }, { diagnosis: { code: '250.00', display: 'Diabete mellito' } }], deceasedAge: 60, note: TRICKY },
      ],
      lifestyle: [
        { id: 'l1', source: 'patient-declared', kind: 'smoking', smoking: 'former', date: '2026-02-01' },
        { id: 'l2', source: 'patient-declared', kind: 'alcohol', drinksPerDay: 1, date: '2026-02-01' },
        { id: 'l3', source: 'patient-declared', kind: 'physical-activity', text: 'Cammina <30 min> & nuota' },
      ],
      pregnancies: [
        { id: 'g1', source: 'patient-declared', kind: 'pregnancies', count: 2 },
        { id: 'g2', source: 'patient-declared', kind: 'last-menstrual-period', date: '2012-05-01' },
      ],
      devices: [{ id: 'd1', source: s, cnd: { code: 'J010103', display: 'PACE MAKER IMPIANTABILI BICAMERALI' }, date: '2019-05-10', note: TRICKY }],
      carePlans: [
        { id: 'c1', source: s, kind: 'exam', loinc: { code: '4548-4', display: 'Emoglobina glicata' }, date: '2026-06-01' },
        { id: 'c2', source: s, kind: 'therapy', atc: { code: 'C09AA05', display: 'RAMIPRIL' }, start: '2026-04-01', end: '2026-10-01' },
        { id: 'c3', source: s, kind: 'procedure', procedure: { code: '45.23', display: 'Colonscopia' }, date: '2026-07-01' },
        { id: 'c4', source: s, kind: 'visit', encounterType: { code: 'CARD', display: 'Cardiologia' }, date: '2026-05-01' },
        { id: 'c5', source: s, kind: 'other', description: 'Dieta <iposodica> & attività "moderata"', date: '2026-04-01' },
      ],
      procedures: [{ id: 'pr1', source: 'specialist', procedure: { code: '47.09', display: 'Altra appendicectomia' }, start: '1990-06-02', end: '1990-06-04', reason: { code: '540.9', display: 'Appendicite acuta' } }],
      encounters: [{ id: 'e1', source: 'specialist', encounterType: { code: 'IMP', display: 'Ricovero' }, start: '1990-06-01', end: '1990-06-10', facility: 'Ospedale "San Camillo" & C.', dischargeDiagnosis: { code: '540.9', display: 'Appendicite acuta' } }],
      functionalStatus: [{ id: 'fs1', source: s, date: '2026-01-10', motorCapacity: 'LA21286-5', careRegime: 'PSSADI', mentalStatus: { code: '780.97', display: 'Stato mentale alterato' } }],
      labResults: [
        { id: 'r1', source: s, loinc: { code: '4548-4', display: 'Emoglobina glicata' }, value: 6.8, unit: '%', referenceLow: 4, referenceHigh: 6, interpretation: 'H', date: '2026-01-05' },
        { id: 'r2', source: s, loinc: { code: '2160-0', display: 'Creatinina' }, value: 0.9, unit: 'mg/dL', referenceLow: 0.5, referenceHigh: 1.2, interpretation: 'N', date: '2026-01-05' },
      ],
      organDonation: { choice: 'consent', date: '2018-06-07', source: 'patient-declared', note: TRICKY },
      exemptions: [
        { id: 'x1', source: s, exemption: { code: '031', display: 'Ipertensione arteriosa' }, codeSystem: '2.16.840.1.113883.2.9.6.1.22', status: 'active', start: '2011-01-01', note: TRICKY },
        { id: 'x2', source: s, exemption: { code: 'E01', display: 'Reddito' }, codeSystem: '2.16.840.1.113883.2.9.6.1.22', status: 'completed', start: '2020-01-01', end: '2021-01-01' },
      ],
      careNetworks: [{ id: 'n1', source: s, network: { code: 'RETE-IMA', display: 'Rete IMA' }, codeSystem: '2.16.840.1.113883.2.9.2.30.3.1.3.6.10.1', status: 'active', start: '2020-01-01', note: TRICKY }],
    },
  };
}
