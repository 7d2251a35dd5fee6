/**
 * What the doctor should look at before confirming a PSS (Compilazione massiva, UX.md screen 5):
 * mandatory content missing (DOMAIN.md §1.2: chronic conditions, allergies, chronic therapies,
 * family history) and doubtful content (dates, values, provenance). Italian sentences.
 */
import type { ClinicalRecord } from '../../../shared/domain/clinical-record.ts';
import type { Patient } from '../../../shared/domain/patient.ts';

export function reviewRecord(patient: Pick<Patient, 'birthDate' | 'sex'>, r: ClinicalRecord, today: string): { missing: string[]; suspicious: string[] } {
  const missing: string[] = [];
  const suspicious: string[] = [];
  if (r.problems.length === 0 && !r.noProblems) missing.push('Problemi: nessuna voce né dichiarazione di assenza');
  if (r.noProblems === 'no-problem-info') missing.push('Problemi: informazioni non note');
  if (r.allergies.length === 0 && !r.noAllergies) missing.push('Allergie: nessuna voce né dichiarazione di assenza');
  if (r.noAllergies === 'no-allergy-info') missing.push('Allergie: informazioni non note');
  if (r.medications.length === 0 && !r.noMedications) missing.push('Terapie: nessuna voce né dichiarazione di assenza');
  if (r.noMedications === 'no-medication-info') missing.push('Terapie: informazioni non note');
  if (r.familyHistory.length === 0) missing.push('Anamnesi familiare non compilata');
  const kinds = new Set(r.vitalSigns.map((v) => v.kind));
  const lacking = (['weight', 'height', 'blood-pressure'] as const).filter((k) => !kinds.has(k));
  if (lacking.length > 0) {
    const label = { weight: 'peso', height: 'altezza', 'blood-pressure': 'pressione arteriosa' };
    missing.push(`Parametri vitali mancanti: ${lacking.map((k) => label[k]).join(', ')}`);
  }

  const birth = patient.birthDate;
  const dated = (what: string, d: string | undefined) => {
    if (!d) return;
    if (d < birth.slice(0, d.length)) suspicious.push(`${what}: data ${d} precedente alla nascita`);
    if (d.slice(0, today.length) > today.slice(0, d.length)) suspicious.push(`${what}: data ${d} nel futuro`);
  };
  r.problems.forEach((p) => dated(`Problema ${p.diagnosis.code}`, p.onset));
  r.medications.forEach((m) => dated(`Terapia ${m.atc.code}`, m.start));
  r.vaccinations.forEach((v) => {
    dated(`Vaccinazione ${v.atc.code}`, v.date);
    if (!v.lot) suspicious.push(`Vaccinazione ${v.atc.code}: lotto non indicato`);
  });
  const activeMeds = r.medications.filter((m) => m.status === 'active');
  if (activeMeds.length > 0 && !r.problems.some((p) => p.status === 'active')) {
    suspicious.push(`${activeMeds.length} terapie attive senza problemi attivi`);
  }
  const declared = [...r.problems, ...r.allergies, ...r.medications].filter((e) => e.source === 'patient-declared').length;
  if (declared > 0) suspicious.push(`${declared} voci dichiarate dal paziente, non documentate`);
  if (r.allergies.some((a) => a.agent.kind === 'unknown')) suspicious.push('Allergia con agente non noto');
  for (const v of r.vitalSigns) {
    if (v.kind === 'blood-pressure' && (v.systolic > 250 || v.systolic < 70 || v.diastolic >= v.systolic)) {
      suspicious.push(`Pressione ${v.systolic}/${v.diastolic} mmHg poco plausibile`);
    }
    if (v.kind === 'weight' && (v.value > 300 || v.value < 0.3)) suspicious.push(`Peso ${v.value} kg poco plausibile`);
    if (v.kind === 'height' && (v.value > 230 || v.value < 30)) suspicious.push(`Altezza ${v.value} cm poco plausibile`);
  }
  if (patient.sex === 'M' && r.pregnancies.length > 0) suspicious.push('Gravidanze registrate per un paziente di sesso maschile');
  return { missing, suspicious };
}
