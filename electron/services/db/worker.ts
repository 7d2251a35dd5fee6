import { parentPort, workerData } from 'node:worker_threads';
import { isAppError } from '../../../shared/errors/index.ts';
import { migrate } from './migrations/index.ts';
import { openDatabase, type Db } from './open.ts';
import { procedures, type ProcedureName } from './procedures.ts';
import type { WorkerReply, WorkerRequest, WorkerInit } from './protocol.ts';

/**
 * The SQLite worker thread: the only place the database file is opened, so that queries never
 * block the main process's event loop (Signal's sql worker, ANCHORS.md §1.2).
 */
const port = parentPort!;
const init = workerData as WorkerInit;

function errorOf(e: unknown) {
  if (isAppError(e)) return e.toRpc();
  return { code: 'INTERNAL' as const, message: e instanceof Error ? e.message : String(e) };
}

let db: Db;
try {
  db = openDatabase(init.path, init.keyHex);
  const schema = migrate(db);
  port.postMessage({ type: 'ready', schemaVersion: schema } satisfies WorkerReply);
} catch (e) {
  port.postMessage({ type: 'init-error', error: errorOf(e) } satisfies WorkerReply);
  process.exit(0);
}

port.on('message', (msg: WorkerRequest) => {
  if (msg.type === 'close') {
    db.close();
    port.postMessage({ type: 'closed' } satisfies WorkerReply);
    port.close();
    return;
  }
  try {
    const proc = procedures[msg.name as ProcedureName] as (db: Db, args: unknown) => unknown;
    if (!proc) throw new Error(`Unknown procedure ${msg.name}`);
    const value = db.transaction(() => proc(db, msg.args))();
    port.postMessage({ type: 'result', id: msg.id, ok: true, value } satisfies WorkerReply);
  } catch (e) {
    port.postMessage({ type: 'result', id: msg.id, ok: false, error: errorOf(e) } satisfies WorkerReply);
  }
});
