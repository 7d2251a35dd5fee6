/**
 * The viewer's side of the decoding worker: promises over postMessage. One worker per open
 * viewer; `dispose` ends it and frees every decoded frame.
 */
import { AppError } from '../../../../shared/errors/app-error.ts';
import type { Opened, RenderedFrame, VoiRequest, WorkerRequest, WorkerResponse } from './worker-protocol.ts';

type Pending = { resolve: (r: WorkerResponse) => void; reject: (e: unknown) => void };
type RequestBody<T extends WorkerRequest['type']> = Omit<Extract<WorkerRequest, { type: T }>, 'id'>;

export class DicomWorkerClient {
  private readonly worker = new Worker(new URL('./dicom-worker.ts', import.meta.url), { type: 'module' });
  private readonly pending = new Map<number, Pending>();
  private seq = 0;

  constructor() {
    this.worker.onmessage = ({ data }: MessageEvent<WorkerResponse>) => {
      const p = this.pending.get(data.id);
      if (!p) return;
      this.pending.delete(data.id);
      if (data.type === 'error') p.reject(AppError.fromRpc(data.error));
      else p.resolve(data);
    };
    this.worker.onerror = (e) => {
      for (const p of this.pending.values()) p.reject(new AppError('INTERNAL', `DICOM worker: ${e.message}`));
      this.pending.clear();
    };
  }

  private send<T extends WorkerRequest['type']>(body: RequestBody<T>, transfer: Transferable[] = []): Promise<WorkerResponse> {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...body, id } as WorkerRequest, transfer);
    });
  }

  /** Opens a file's bytes (transferred: the caller must not use them afterwards). */
  async open(key: string, bytes: Uint8Array): Promise<Opened> {
    return (await this.send<'open'>({ type: 'open', key, bytes }, [bytes.buffer as ArrayBuffer])) as Opened;
  }

  async render(key: string, frame: number, options: { voi?: VoiRequest; invert?: boolean; maxSize?: number } = {}): Promise<RenderedFrame> {
    return (await this.send<'render'>({ type: 'render', key, frame, ...options })) as RenderedFrame;
  }

  async prefetch(key: string, frame: number): Promise<void> {
    await this.send<'prefetch'>({ type: 'prefetch', key, frame });
  }

  dispose(): void {
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new AppError('CANCELLED', 'Viewer closed'));
    this.pending.clear();
  }
}
