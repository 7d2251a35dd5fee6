/**
 * Writes a part of a synthetic history (shared/synthetic/history/) through the one row writer
 * per table: sandbox panels, `cartella seed --history-years`, the bench. A long history is
 * written in parts, each one transaction, so the worker never holds the database for seconds.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../open.ts';
import type { ClinicalRecord } from '../../../../shared/domain/clinical-record.ts';
import type { Dispensation, Observation, Prescription, TherapyPlan, Visit } from '../../../../shared/domain/record/index.ts';
import type { SyntheticDocument } from '../../../../shared/synthetic/history/index.ts';
import { patientExists, replaceRecords } from './clinical-record.ts';
import { auditPatient } from './record-common.ts';
import { writeDispensation, writeObservation, writePrescription, writeReceivedDocument, writeTherapyPlan, writeVisit } from './record-rows.ts';

export interface HistoryPart {
  record?: ClinicalRecord;
  visits?: Visit[];
  plans?: TherapyPlan[];
  prescriptions?: Prescription[];
  dispensations?: Dispensation[];
  observations?: Observation[];
  documents?: SyntheticDocument[];
}

export function writeHistory(db: Db, args: { actor: string; patientId: string; part: HistoryPart }): Record<string, number> {
  patientExists(db, args.patientId);
  const p = args.part;
  const t = { now: new Date().toISOString() };
  // The PSS sections first: replacing the record clears the chronic plans the view shows.
  if (p.record) replaceRecords(db, { actor: args.actor, records: [{ patientId: args.patientId, record: p.record }] });
  for (const d of p.documents ?? []) {
    const bytes = Buffer.from(d.bytes, 'utf8');
    writeReceivedDocument(db, { ...d.document, patientId: args.patientId, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length }, bytes, args.actor);
  }
  for (const v of p.visits ?? []) writeVisit(db, args.patientId, v, t);
  for (const x of p.plans ?? []) writeTherapyPlan(db, args.patientId, x, t);
  for (const x of p.prescriptions ?? []) writePrescription(db, args.patientId, x, t);
  for (const x of p.dispensations ?? []) writeDispensation(db, args.patientId, x, t);
  for (const x of p.observations ?? []) writeObservation(db, args.patientId, x, t);
  const counts = {
    visits: p.visits?.length ?? 0, plans: p.plans?.length ?? 0, prescriptions: p.prescriptions?.length ?? 0, dispensations: p.dispensations?.length ?? 0,
    observations: p.observations?.length ?? 0, documents: p.documents?.length ?? 0,
  };
  auditPatient(db, { actor: args.actor, action: 'record.seed', entity: 'record', patientId: args.patientId, detail: counts });
  return counts;
}
