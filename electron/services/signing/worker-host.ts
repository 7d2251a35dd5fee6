/**
 * Runs the PKCS#11 signing service inside a worker thread, so that the synchronous PKCS#11
 * calls (C_Login, C_GetTokenInfo, object search: 0.1–1 s each on real cards) and the PDF/CMS
 * building never block the Electron main process. Driven by WorkerSigningService (worker-client.ts).
 * The PIN crosses the thread boundary once per batch inside the request and is not kept here.
 */
import { parentPort } from 'node:worker_threads';
import { isAppError } from '../../../shared/errors/index.ts';
import { createSigningService } from './service.ts';
import { unloadAllModules } from './token.ts';

export type WorkerRequest =
  | { id: number; method: 'findModules' | 'listSlots' | 'listCertificates' | 'tokenStatus' | 'verify' | 'signBatch'; args: unknown[] }
  | { id: number; abort: true }
  | { id: number; method: 'shutdown'; args: [] };

export type WorkerResponse =
  | { id: number; result: unknown }
  | { id: number; error: { code: string; message: string; data?: unknown } }
  | { id: number; progress: unknown };

const port = parentPort;
if (!port) throw new Error('worker-host.ts must run in a worker thread');
const service = createSigningService();
const aborts = new Map<number, AbortController>();

port.on('message', (msg: WorkerRequest) => {
  if ('abort' in msg) {
    aborts.get(msg.id)?.abort();
    return;
  }
  void handle(msg);
});

async function handle(msg: Extract<WorkerRequest, { method: string }>): Promise<void> {
  const { id } = msg;
  try {
    let result: unknown;
    switch (msg.method) {
      case 'signBatch': {
        const ac = new AbortController();
        aborts.set(id, ac);
        try {
          result = await service.signBatch(msg.args[0] as never, {
            signal: ac.signal,
            onProgress: (p) => port!.postMessage({ id, progress: p } satisfies WorkerResponse),
          });
        } finally {
          aborts.delete(id);
        }
        break;
      }
      case 'shutdown':
        unloadAllModules();
        result = true;
        break;
      case 'findModules':
        result = await service.findModules(msg.args[0] as never);
        break;
      case 'listSlots':
        result = await service.listSlots(msg.args[0] as never);
        break;
      case 'listCertificates':
        result = await service.listCertificates(msg.args[0] as never);
        break;
      case 'tokenStatus':
        result = await service.tokenStatus(msg.args[0] as never);
        break;
      case 'verify':
        result = await service.verify(msg.args[0] as never);
        break;
    }
    port!.postMessage({ id, result } satisfies WorkerResponse);
  } catch (e) {
    const error = isAppError(e) ? e.toRpc() : { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
    port!.postMessage({ id, error } satisfies WorkerResponse);
  }
}
