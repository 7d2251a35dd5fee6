/**
 * What the cruscotto and the Aderenza panel read of each patient, coded data only
 * (DASHBOARD.md §2): ICD-9-CM problems, LOINC observations, the outpatient services ordered
 * (national catalogue codes: an order counts before its result arrives), the medication record
 * (dispensations, plans, prescribed posology, hospital stays) and whether the patient left the
 * panel (deceased, transferred). One query per table fills it (electron/services/db/queries).
 */
import type { PatientMedicationRecord } from '../adherence/record/record-fills.ts';

export interface PanelExit {
  reason: 'deceased' | 'transferred';
  date: string;
}

export interface PanelPatient {
  id: string;
  surname: string;
  givenName: string;
  birthDate: string;
  sex: 'M' | 'F';
  exit?: PanelExit | undefined;
  problems: Array<{ code: string; onset?: string | undefined; status: 'active' | 'resolved'; resolution?: string | undefined }>;
  /** Oldest first. `date` is yyyy-mm-dd. */
  observations: Array<{ code: string; date: string; value: number | null; unit: string | null }>;
  /** Tests and visits prescribed: catalogue code and date. */
  orders: Array<{ code: string; date: string }>;
  medication: PatientMedicationRecord;
}
