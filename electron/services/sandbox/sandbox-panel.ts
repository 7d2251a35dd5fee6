import type { EventHub } from '../../../shared/rpc/index.ts';
import type { Logger } from '../ports.ts';
import type { DbClient } from '../db/client.ts';
import { seededRandom } from '../../../shared/random.ts';
import { syntheticClinicalRecord } from '../../../shared/synthetic/clinical-record.ts';
import { syntheticPatients } from '../../../shared/synthetic/patients.ts';

/**
 * Sandbox mode (UX.md, "Sandbox mode"): the first start opens on a synthetic panel of `count`
 * patients, each with a coded record so the PSS editor and the bulk queue have data. Runs after
 * the host is already serving: the patients appear first (one `patients.changed` refreshes the
 * lists), their records follow. Does nothing when the database already holds patients.
 */
export async function seedSandboxPanel(o: { db: DbClient; events: EventHub; logger: Logger; count: number; today?: string }): Promise<void> {
  if (o.count <= 0) return;
  const { total } = await o.db.call('patients.search', { text: '', limit: 1 });
  if (total > 0) return;
  await o.db.call('patients.insertMany', { actor: 'sandbox', patients: syntheticPatients({ count: o.count, seed: 42 }) });
  const { items } = await o.db.call('patients.search', { text: '', limit: o.count });
  if (items[0]) o.events.emit('patients.changed', { id: items[0].id });
  const rand = seededRandom(42);
  const today = o.today ?? new Date().toISOString().slice(0, 10);
  await o.db.call('record.replaceMany', { actor: 'sandbox', records: items.map((p) => ({ patientId: p.id, record: syntheticClinicalRecord(p, rand, today) })) });
  o.logger.info('Sandbox panel created', { patients: items.length });
}
