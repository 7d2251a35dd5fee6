import type { Db } from '../open.ts';
import { VaccinationDecisionEntry, VaccinationEntry } from '../../../../shared/domain/record/vaccination-entries.ts';
import type { PatientSummary } from '../../../../shared/domain/patient.ts';
import { toSummary, type PatientRow } from './patients.ts';

export interface VaccinationFacts {
  patient: PatientSummary;
  vaccinations: VaccinationEntry[];
  decisions: VaccinationDecisionEntry[];
}

/**
 * What the calendar needs of each patient born after `bornAfter` (one patient with `patientId`):
 * the registry row and the record's vaccinations and vaccination decisions, in one read. Bodies
 * are checked with their schemas, as every record read is (queries/clinical-record.ts).
 */
export function vaccinationFacts(db: Db, args: { bornAfter: string; patientId?: string }): VaccinationFacts[] {
  const patients = (
    args.patientId
      ? db.prepare('SELECT * FROM patients WHERE id = ?').all(args.patientId)
      : db.prepare('SELECT * FROM patients WHERE birth_date > ? ORDER BY surname_key, given_key').all(args.bornAfter)
  ) as PatientRow[];
  const out = new Map<string, VaccinationFacts>(patients.map((p) => [p.id, { patient: toSummary(p), vaccinations: [], decisions: [] }]));
  if (out.size === 0) return [];
  const entries = (
    args.patientId
      ? db.prepare(`SELECT patient_id, section, body FROM clinical_entries WHERE patient_id = ? AND section IN ('vaccinations', 'vaccinationDecisions') ORDER BY position, created_at`).all(args.patientId)
      : db
          .prepare(
            `SELECT e.patient_id, e.section, e.body FROM clinical_entries e JOIN patients p ON p.id = e.patient_id
             WHERE p.birth_date > ? AND e.section IN ('vaccinations', 'vaccinationDecisions') ORDER BY e.patient_id, e.position, e.created_at`,
          )
          .all(args.bornAfter)
  ) as Array<{ patient_id: string; section: string; body: string }>;
  for (const e of entries) {
    const f = out.get(e.patient_id);
    if (!f) continue;
    const body: unknown = JSON.parse(e.body);
    if (e.section === 'vaccinations') f.vaccinations.push(VaccinationEntry.parse(body));
    else f.decisions.push(VaccinationDecisionEntry.parse(body));
  }
  return [...out.values()];
}
