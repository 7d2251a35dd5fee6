import type { EventHub } from '../../../shared/rpc/index.ts';
import type { Logger } from '../ports.ts';
import type { DbClient } from '../db/client.ts';
import { seededRandom } from '../../../shared/random.ts';
import { syntheticClinicalRecord } from '../../../shared/synthetic/clinical-record.ts';
import { syntheticPatients } from '../../../shared/synthetic/patients.ts';

/**
 * Sandbox mode (UX.md, "Sandbox mode"): the first start opens on a synthetic panel of `count`
 * patients, each with a coded record so the PSS editor and the bulk queue have data. Runs after
 * the host is already serving: the patients appear first (one transaction, one
 * `patients.changed` refreshes the lists), their records follow (a second transaction). If the
 * host stops between the two, the next start writes the records still missing (the audit log
 * says which sandbox patients have none); patients the doctor added are never touched.
 */
export async function seedSandboxPanel(o: { db: DbClient; events: EventHub; logger: Logger; count: number; today?: string }): Promise<void> {
  if (o.count <= 0) return;
  const { total } = await o.db.call('patients.search', { text: '', limit: 1 });
  if (total === 0) {
    await o.db.call('patients.insertMany', { actor: 'sandbox', patients: syntheticPatients({ count: o.count, seed: 42 }) });
    const { items } = await o.db.call('patients.search', { text: '', limit: 1 });
    if (items[0]) o.events.emit('patients.changed', { id: items[0].id });
  }
  const missing = await o.db.call('sandbox.patientsWithoutRecord', undefined as never);
  if (missing.length === 0) return;
  const rand = seededRandom(42);
  const today = o.today ?? new Date().toISOString().slice(0, 10);
  await o.db.call('record.replaceMany', { actor: 'sandbox', records: missing.map((p) => ({ patientId: p.id, record: syntheticClinicalRecord(p, rand, today) })) });
  o.logger.info(total === 0 ? 'Sandbox panel created' : 'Sandbox panel completed', { patients: missing.length });
}
