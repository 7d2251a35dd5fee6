import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/services/db/open.ts';
import { syntheticPatients } from '../../../shared/synthetic/patients.ts';
import { tempServicesAt } from '../../helpers/reopen.ts';
import { tempDir } from '../../helpers/temp-services.ts';
import { TITOLARE_ID } from '../../../electron/services/doctors/directory.ts';

const ctx = { actor: 'dr-test', transport: 'in-process' as const };

describe('audit log', () => {
  let dir: ReturnType<typeof tempDir>;
  let services: Awaited<ReturnType<typeof tempServicesAt>> | undefined;

  beforeEach(async () => {
    dir = tempDir();
    services = await tempServicesAt(dir.path);
    for (const p of syntheticPatients({ count: 3, seed: 5 })) {
      expect((await services.dispatcher.dispatch('patients.create', p, ctx)).ok).toBe(true);
    }
  });
  afterEach(async () => {
    await services?.close();
    dir.dispose();
  });

  /** Closes the app and opens the file directly, with the key, as someone tampering would. */
  async function rawDatabase() {
    await services!.close();
    services = undefined;
    const secrets = JSON.parse(readFileSync(join(dir.path, 'dev-secrets.json'), 'utf8')) as Record<string, string>;
    return openDatabase(join(dir.path, 'cartella.db'), secrets['database-key']!);
  }

  async function verifyAfter(sql: string) {
    const db = await rawDatabase();
    db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    db.exec(sql);
    db.close();
    services = await tempServicesAt(dir.path);
    return services.dispatcher.dispatch('audit.verify', {}, ctx);
  }

  it('records every clinical write, chained by hash', async () => {
    expect(await services!.dispatcher.dispatch('audit.verify', {}, ctx)).toEqual({ ok: true, value: { valid: true, entries: 3 } });
    const db = await rawDatabase();
    const rows = db.prepare('SELECT actor, action, entity FROM audit_log ORDER BY seq').all();
    db.close();
    // The audit names the doctor profile at work (the sandbox's titolare), not the transport's caller.
    expect(rows).toEqual(Array(3).fill({ actor: `doctor:${TITOLARE_ID}`, action: 'patient.create', entity: 'patient' }));
  });

  it('refuses UPDATE and DELETE through SQL (append-only triggers)', async () => {
    const db = await rawDatabase();
    expect(() => db.exec("UPDATE audit_log SET actor = 'x' WHERE seq = 1")).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM audit_log WHERE seq = 1')).toThrow(/append-only/);
    db.close();
  });

  it('detects an edited row', async () => {
    expect(await verifyAfter("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 2")).toEqual({
      ok: true,
      value: { valid: false, entries: 2, firstBadSeq: 2, reason: 'hash-mismatch' },
    });
  });

  it('detects a deleted row', async () => {
    const v = await verifyAfter('DELETE FROM audit_log WHERE seq = 2');
    expect(v).toMatchObject({ ok: true, value: { valid: false, firstBadSeq: 3, reason: 'sequence-gap' } });
  });
});
