/**
 * Fills patients with synthetic histories (shared/synthetic/history/): generated here, written
 * by the db worker in parts of a few thousand facts, each its own transaction, so a 20-year
 * history never holds the database (and the interface) for seconds.
 */
import type { DbClient } from '../db/client.ts';
import type { HistoryPart } from '../db/queries/record-history.ts';
import { seededRandom } from '../../../shared/random.ts';
import type { PatientInput } from '../../../shared/domain/patient.ts';
import { syntheticHistory, type SyntheticHistory, type SyntheticHistoryOptions } from '../../../shared/synthetic/history/index.ts';

const PART = 4000;

/** The history cut in parts of about PART facts (the record first, alone). */
export function historyParts(h: SyntheticHistory): HistoryPart[] {
  const parts: HistoryPart[] = [{ record: h.record }];
  const lists = ['documents', 'visits', 'plans', 'prescriptions', 'dispensations', 'observations'] as const;
  let current: HistoryPart = {};
  let size = 0;
  for (const key of lists) {
    const all = h[key] as unknown[];
    for (let i = 0; i < all.length; ) {
      const take = Math.min(all.length - i, PART - size);
      (current as Record<string, unknown[]>)[key] = all.slice(i, i + take);
      i += take;
      size += take;
      if (size >= PART) {
        parts.push(current);
        current = {};
        size = 0;
      }
    }
  }
  if (size > 0) parts.push(current);
  return parts;
}

export interface SeededHistory {
  visits: number; plans: number; prescriptions: number; dispensations: number; observations: number; documents: number;
}

/** Generates and writes one patient's history; `seed` makes it the same every time. */
export async function seedPatientHistory(
  db: DbClient,
  o: { actor: string; patientId: string; patient: PatientInput; seed: number; history: SyntheticHistoryOptions; pause?: () => Promise<void> },
): Promise<SeededHistory> {
  const h = syntheticHistory(o.patient, seededRandom(o.seed), o.history);
  for (const part of historyParts(h)) {
    await db.call('record.writeHistory', { actor: o.actor, patientId: o.patientId, part });
    await o.pause?.();
  }
  return {
    visits: h.visits.length, plans: h.plans.length, prescriptions: h.prescriptions.length, dispensations: h.dispensations.length,
    observations: h.observations.length, documents: h.documents.length,
  };
}
