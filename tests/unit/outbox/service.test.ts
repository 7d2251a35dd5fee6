/** The outbox service facade: the doctor's actions and the UI shapes, with a stub gateway. */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/services/db/migrations/index.ts';
import { openDatabase, type Db } from '../../../electron/services/db/open.ts';
import { createOutboxService, syncDbStore, type OutboxGateway } from '../../../electron/services/outbox/index.ts';
import { OutboxEntryView, OutboxSummary } from '../../../shared/outbox/api.ts';
import { AppError } from '../../../shared/errors/index.ts';
import { tempDir } from '../../helpers/temp-services.ts';

const payload = { v: 1 as const, requestBody: { tipologiaStruttura: 'Territorio', tipoDocumentoLivAlto: 'SUM', assettoOrganizzativo: 'AD_PSC130', tipoAttivitaClinica: 'OBS', identificativoSottomissione: '1.2.3', identificativoRep: '1.2.4' }, patient: { extension: 'X', root: '1.2' }, documentCode: { code: '60591-5', codeSystem: '2.16.840.1.113883.6.1' } };
const rejected = () => {
  throw Object.assign(new AppError('GATEWAY_REJECTED', 'rejected', { type: '/msg/sign-error', status: 400, title: 'Il PDF non risulta firmato PAdES' }), { failure: { kind: 'http', status: 400, type: '/msg/sign-error', reason: 'Il PDF non risulta firmato PAdES.' } });
};
const gateway = {
  validate: async () => ({ workflowInstanceId: 'w1', traceID: 't0' }),
  create: async () => rejected(),
  health: async () => true,
} as unknown as OutboxGateway;

describe('outbox service', () => {
  let db: Db;
  let dir: ReturnType<typeof tempDir>;
  afterEach(() => {
    db.close();
    dir.dispose();
  });

  it('parks a rejected publication; retry starts again from validation; cancel; UI shapes parse', async () => {
    dir = tempDir();
    db = openDatabase(join(dir.path, 'c.db'), 'aa'.repeat(32));
    migrate(db);
    const store = syncDbStore(db);
    const svc = createOutboxService({ store, gateway, random: () => 0 });
    const e = await svc.enqueue({ actor: 'dr', document: { kind: 'PSS', identificativoDoc: '1.2.3^A', pdf: new Uint8Array([0x25, 0x50, 0x44, 0x46]) }, entry: { operation: 'create', payload } });
    await svc.scheduler.runOnce();
    let cur = await store.get(e.id);
    expect(cur).toMatchObject({ state: 'parked', step: 'publish', workflowInstanceId: 'w1', parkedReason: 'Il PDF non risulta firmato PAdES.' });
    expect(await svc.summary()).toEqual({ pending: 0, needsAttention: 1, lastSyncAt: null, online: true });
    cur = await svc.act('dr', e.id, 'retry');
    expect(cur).toMatchObject({ state: 'queued', step: 'validate', workflowInstanceId: null, attempts: 0, parkedReason: null });
    await svc.scheduler.runOnce();
    expect((await store.get(e.id)).state).toBe('parked');
    expect((await svc.act('dr', e.id, 'cancel')).state).toBe('cancelled');
    await expect(svc.act('dr', e.id, 'retry')).rejects.toThrow(/not allowed in state cancelled/);
    const queue = await svc.queue();
    expect(queue[0]?.label).toBe('Annullato');
    for (const q of queue) expect(OutboxEntryView.parse(q)).toEqual(q);
    expect(OutboxSummary.safeParse(await svc.summary()).success).toBe(true);
  });
});
