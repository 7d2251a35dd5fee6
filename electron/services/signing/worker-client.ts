/**
 * SigningService backed by a worker thread (worker-host.ts): same interface, plain data across
 * the boundary, AbortSignal and progress forwarded. Use this one in the Electron main process.
 */
import type { Worker } from 'node:worker_threads';
import { AppError, isErrorCode } from '../../../shared/errors/index.ts';
import type {
  BatchProgress, BatchRequest, BatchResult, CertificateInfo, FoundModule, ModulePreset, OsName, Pkcs11ModuleRef,
  SigningService, SlotInfo, TokenSelector, TokenStatus, Verdict, VerifyRequest,
} from '../../../shared/signing/types.ts';
import { spawnServiceWorker } from '../workers/spawn-worker.ts';
import { modulePresets } from './modules.ts';
import type { WorkerRequest, WorkerResponse } from './worker-host.ts';

export interface WorkerSigningServiceOptions {
  /** URL of the bundled worker (default: signing-worker.js beside the main bundle, else the .ts source). */
  workerUrl?: URL;
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  onProgress?: (p: BatchProgress) => void;
}

/**
 * A worker's process.env is a private copy: native code (SoftHSM reading SOFTHSM2_CONF at
 * C_Initialize) only sees the real environment, which the main thread sets.
 */
function applyModuleEnv(module: Pkcs11ModuleRef): void {
  for (const [k, v] of Object.entries(module.env ?? {})) if (process.env[k] !== v) process.env[k] = v;
}

export class WorkerSigningService implements SigningService {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private dead: Error | undefined;

  constructor(options: WorkerSigningServiceOptions = {}) {
    this.worker = spawnServiceWorker({
      built: options.workerUrl ?? new URL('./signing-worker.js', import.meta.url),
      source: new URL('./worker-host.ts', import.meta.url),
    });
    this.worker.unref();
    this.worker.on('message', (msg: WorkerResponse) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      if ('progress' in msg) {
        p.onProgress?.(msg.progress as BatchProgress);
        return;
      }
      this.pending.delete(msg.id);
      if (this.pending.size === 0) this.worker.unref();
      if ('error' in msg) {
        const code = isErrorCode(msg.error.code) ? msg.error.code : 'INTERNAL';
        p.reject(new AppError(code, msg.error.message, msg.error.data as never));
      } else {
        p.resolve(msg.result);
      }
    });
    this.worker.on('error', (e) => this.failAll(e));
    this.worker.on('exit', (code) => this.failAll(new Error(`signing worker exited (${code})`)));
  }

  private failAll(e: Error): void {
    this.dead ??= e;
    for (const p of this.pending.values()) p.reject(new AppError('INTERNAL', `signing worker failed: ${e.message}`));
    this.pending.clear();
  }

  private call<T>(method: Extract<WorkerRequest, { method: string }>['method'], args: unknown[], extra: { onProgress?: (p: BatchProgress) => void; signal?: AbortSignal } = {}): Promise<T> {
    const id = this.nextId++;
    if (this.dead) return Promise.reject(new AppError('INTERNAL', `signing worker not running: ${this.dead.message}`));
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, ...(extra.onProgress ? { onProgress: extra.onProgress } : {}) });
      this.worker.ref();
      if (extra.signal) {
        const onAbort = () => this.worker.postMessage({ id, abort: true } satisfies WorkerRequest);
        if (extra.signal.aborted) onAbort();
        else extra.signal.addEventListener('abort', onAbort, { once: true });
      }
      this.worker.postMessage({ id, method, args } as WorkerRequest);
    });
  }

  modulePresets(os?: OsName): ModulePreset[] {
    return modulePresets(os);
  }
  findModules(os?: OsName): Promise<FoundModule[]> {
    return this.call('findModules', [os]);
  }
  listSlots(module: Pkcs11ModuleRef): Promise<SlotInfo[]> {
    applyModuleEnv(module);
    return this.call('listSlots', [module]);
  }
  listCertificates(selector: TokenSelector): Promise<CertificateInfo[]> {
    applyModuleEnv(selector.module);
    return this.call('listCertificates', [selector]);
  }
  tokenStatus(selector: TokenSelector): Promise<TokenStatus> {
    applyModuleEnv(selector.module);
    return this.call('tokenStatus', [selector]);
  }
  verify(request: VerifyRequest): Promise<Verdict> {
    return this.call('verify', [request]);
  }
  signBatch(request: BatchRequest, options: { signal?: AbortSignal; onProgress?: (p: BatchProgress) => void } = {}): Promise<BatchResult> {
    if (options.signal?.aborted) return Promise.reject(new AppError('CANCELLED', 'batch cancelled before login'));
    applyModuleEnv(request.token.module);
    return this.call('signBatch', [request], options);
  }

  /** Finalises the PKCS#11 modules and stops the worker. */
  async close(): Promise<void> {
    try {
      if (!this.dead) await this.call('shutdown', []);
    } finally {
      await this.worker.terminate();
    }
  }
}
