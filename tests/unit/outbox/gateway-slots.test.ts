/**
 * The scheduler's gateway slots (outbox/gateway-slots.ts): more lanes than slots, yet never
 * more gateway calls in flight than `concurrency`, every document published once; and a call
 * whose slot comes after the gateway was found unreachable is not made.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/services/db/migrations/index.ts';
import { openDatabase, type Db } from '../../../electron/services/db/open.ts';
import { OutboxScheduler, syncDbStore, type OutboxGateway } from '../../../electron/services/outbox/index.ts';
import { Slots } from '../../../electron/services/outbox/gateway-slots.ts';
import { AppError } from '../../../shared/errors/index.ts';
import { tempDir } from '../../helpers/temp-services.ts';

const payload = { v: 1 as const, requestBody: { tipologiaStruttura: 'Territorio', tipoDocumentoLivAlto: 'SUM', assettoOrganizzativo: 'AD_PSC130', tipoAttivitaClinica: 'OBS', identificativoSottomissione: '1.2.3', identificativoRep: '1.2.4' }, patient: { extension: 'X', root: '1.2' }, documentCode: { code: '60591-5', codeSystem: '2.16.840.1.113883.6.1' } };
const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46]);
const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 2));

describe('outbox gateway slots', () => {
  let db: Db | undefined;
  let dir: ReturnType<typeof tempDir> | undefined;
  afterEach(() => {
    db?.close();
    dir?.dispose();
    db = undefined;
    dir = undefined;
  });

  function open() {
    dir = tempDir();
    const opened = openDatabase(join(dir.path, 'c.db'), 'aa'.repeat(32));
    db = opened;
    migrate(opened);
    return syncDbStore(opened);
  }

  it('a semaphore: at most its size at once, the waiting served in order', async () => {
    const slots = new Slots(2);
    let inFlight = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      [0, 1, 2, 3, 4].map((i) =>
        slots.run(async () => {
          inFlight++;
          most = Math.max(most, inFlight);
          await tick();
          order.push(i);
          inFlight--;
        }),
      ),
    );
    expect(most).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    // A failing call gives its slot back.
    await expect(slots.run(async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(await Promise.all([slots.run(async () => 1), slots.run(async () => 2)])).toEqual([1, 2]);
  });

  it('never more calls in flight than the concurrency; each document validated, published and polled once', async () => {
    const store = open();
    let inFlight = 0;
    let most = 0;
    const calls: string[] = [];
    const call = async <T>(name: string, v: T): Promise<T> => {
      inFlight++;
      most = Math.max(most, inFlight);
      calls.push(name);
      await tick();
      inFlight--;
      return v;
    };
    let n = 0;
    const gateway = {
      validate: () => call('validate', { workflowInstanceId: `w${++n}`, traceID: 't' }),
      create: (a: { body: { workflowInstanceId?: string } }) => call('create', { workflowInstanceId: a.body.workflowInstanceId, traceID: 't' }),
      statusByWorkflowInstanceId: (id: string) => call('status', { transactionData: [{ eventType: 'SEND_TO_INI', eventStatus: 'SUCCESS', workflowInstanceId: id }] }),
      health: async () => true,
    } as unknown as OutboxGateway;
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await store.enqueue({ actor: 'dr', document: { kind: 'PSS', identificativoDoc: `1.2.3^S${i}`, pdf }, entry: { operation: 'create', payload } })).id);
    const scheduler = new OutboxScheduler({ store, gateway, concurrency: 3, pollDelayMs: 0, random: () => 0 });
    for (let pass = 0; pass < 5; pass++) await scheduler.runOnce();
    expect(most).toBeLessThanOrEqual(3);
    expect(most).toBe(3);
    for (const id of ids) expect((await store.get(id)).state).toBe('published');
    expect(calls.filter((c) => c === 'validate')).toHaveLength(12);
    expect(calls.filter((c) => c === 'create')).toHaveLength(12);
    expect(calls.filter((c) => c === 'status')).toHaveLength(12);
  });

  it('once a call finds the gateway unreachable, the calls waiting for a slot are not made', async () => {
    const store = open();
    let validations = 0;
    const gateway = {
      validate: async () => {
        validations++;
        await tick();
        throw Object.assign(new AppError('GATEWAY_UNAVAILABLE', 'down'), { failure: { kind: 'network', code: 'ECONNREFUSED' } });
      },
      health: async () => false,
    } as unknown as OutboxGateway;
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await store.enqueue({ actor: 'dr', document: { kind: 'PSS', identificativoDoc: `1.2.3^U${i}`, pdf }, entry: { operation: 'create', payload } })).id);
    const scheduler = new OutboxScheduler({ store, gateway, concurrency: 2, random: () => 0 });
    await scheduler.runOnce();
    expect(scheduler.status().online).toBe(false);
    // The two in flight when the first failed; the lanes waiting behind them sent nothing.
    expect(validations).toBe(2);
    const states = await Promise.all(ids.map(async (id) => (await store.get(id)).state));
    // Nothing lost: each entry is either still queued or waiting to retry.
    for (const s of states) expect(['queued', 'waiting_retry']).toContain(s);
  });
});
