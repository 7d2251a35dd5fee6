/**
 * The whole record of one patient as data (`cartella record export`): the registry entry, the
 * PSS sections, and every fact of the longitudinal record, each validated on the way out. The
 * received documents give their metadata, not their bytes. An export is an access: audited.
 */
import type { Db } from '../open.ts';
import { getPatient } from './patients.ts';
import { getRecord } from './clinical-record.ts';
import { logAccess } from './access-log.ts';
import { readDispensation, readObservation, readPrescription, readReceivedDocument, readTherapyPlan, readVisit } from './record-rows.ts';

export function exportRecord(db: Db, args: { actor: string; patientId: string; authorId?: string | undefined }) {
  const patient = getPatient(db, { id: args.patientId });
  const pss = getRecord(db, { patientId: args.patientId }).record;
  const all = <T>(table: string, order: string, read: (r: { body: string }) => T): T[] =>
    (db.prepare(`SELECT body FROM ${table} WHERE patient_id = ? ORDER BY ${order}`).all(args.patientId) as Array<{ body: string }>).map(read);
  const out = {
    patient,
    pss,
    visits: all('visits', 'at_key, id', readVisit),
    therapyPlans: all('therapy_plans', 'position, id', readTherapyPlan),
    prescriptions: all('prescriptions', 'date, created_at, id', readPrescription),
    observations: all('observations', 'effective_key, code, id', readObservation),
    dispensations: all('dispensations', 'date, id', readDispensation),
    receivedDocuments: all('received_documents', 'date_key, received_at, id', readReceivedDocument),
  };
  logAccess(db, { actor: args.actor, patientId: args.patientId, action: 'access.export', authorId: args.authorId });
  return out;
}
