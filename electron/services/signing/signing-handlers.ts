/**
 * The signing part of the contract (shared/api/signing.ts) over a SigningService (the
 * WorkerSigningService in the app: PKCS#11 runs off the main thread). Bytes arrive and leave
 * as base64. The PIN is passed to the service for the one batch and dropped with the request
 * object; it is never logged, stored or echoed.
 */
import type { AppContract } from '../../../shared/api/index.ts';
import type { SignatureKind, TokenChoice } from '../../../shared/api/signing.ts';
import { AppError } from '../../../shared/errors/index.ts';
import type { EventHub, Handlers } from '../../../shared/rpc/index.ts';
import type { DocumentToSign, SigningService, TokenSelector } from '../../../shared/signing/types.ts';
import type { Logger } from '../ports.ts';
import type { StoredSigningSettings } from '../settings/settings-service.ts';

export type SigningHandlers = Pick<
  Handlers<AppContract>,
  | 'signing.presets'
  | 'signing.findModules'
  | 'signing.listSlots'
  | 'signing.listCertificates'
  | 'signing.tokenStatus'
  | 'signing.signFiles'
  | 'signing.cancel'
  | 'signing.verify'
>;

export interface SigningDeps {
  /** The signing service, started on first use (a worker thread in the app). */
  service(): SigningService;
  /** The saved smart-card configuration (presets the sandbox token on first use). */
  configuration(): Promise<StoredSigningSettings>;
  events: EventHub;
  logger: Logger;
}

/** Name of the signed file: foo.pdf → foo-firmato.pdf; CAdES: foo.xml.p7m / foo.xml.p7s. */
export function signedFileName(name: string, kind: SignatureKind): string {
  if (kind === 'cades-enveloping') return `${name}.p7m`;
  if (kind === 'cades-detached') return `${name}.p7s`;
  return /\.pdf$/i.test(name) ? name.replace(/\.pdf$/i, '-firmato.pdf') : `${name}-firmato.pdf`;
}

function fromBase64(b64: string): Uint8Array {
  return new Uint8Array(Buffer.from(b64, 'base64'));
}

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export function signingHandlers(deps: SigningDeps): SigningHandlers {
  const { events, logger } = deps;
  const service = (): SigningService => deps.service();
  const batches = new Map<string, AbortController>();

  /** The token selector: what the caller chose, completed by the saved configuration. */
  async function selector(choice: TokenChoice | undefined): Promise<TokenSelector> {
    const saved = await deps.configuration();
    const path = choice?.modulePath ?? saved.modulePath;
    if (!path) throw new AppError('NOT_FOUND', 'No PKCS#11 module configured', { entity: 'signing-configuration', id: 'signing' });
    const sameModule = path === saved.modulePath;
    const tokenLabel = choice?.tokenLabel ?? (sameModule ? saved.tokenLabel : undefined);
    const sameToken = sameModule && tokenLabel === saved.tokenLabel;
    const certificateId = choice?.certificateId ?? (sameToken ? saved.certificateId : undefined);
    return {
      module: { path, ...(sameModule && saved.moduleEnv ? { env: saved.moduleEnv } : {}) },
      ...(tokenLabel ? { tokenLabel } : {}),
      ...(certificateId ? { certificateId } : {}),
    };
  }

  return {
    async 'signing.presets'(input) {
      return service().modulePresets(input.os);
    },
    async 'signing.findModules'() {
      return service().findModules();
    },
    async 'signing.listSlots'(input) {
      const sel = await selector(input.modulePath ? { modulePath: input.modulePath } : undefined);
      return service().listSlots(sel.module);
    },
    async 'signing.listCertificates'(input) {
      return service().listCertificates(await selector(input));
    },
    async 'signing.tokenStatus'(input) {
      return service().tokenStatus(await selector(input));
    },

    async 'signing.signFiles'(input) {
      const { batchId, files } = input;
      if (batches.has(batchId)) throw new AppError('CONFLICT', 'A batch with this id is running', { entity: 'batch', field: 'batchId' });
      const controller = new AbortController();
      batches.set(batchId, controller);
      const started = Date.now();
      try {
        const token = await selector(input.token);
        const documents: DocumentToSign[] = files.map((f, i) => ({ id: String(i), kind: f.mode ?? input.mode, data: fromBase64(f.dataBase64) }));
        const total = files.length;
        const result = await service().signBatch(
          {
            token,
            documents,
            ...(input.pin !== undefined ? { pin: input.pin } : {}),
            confirmFinalTry: input.confirmFinalTry,
          },
          {
            signal: controller.signal,
            onProgress: (p) => {
              const current = files[Number(p.id)]?.name ?? p.id;
              events.emit('signing.progress', { batchId, done: p.done, total, current, ok: p.ok });
            },
          },
        );
        const results = result.results.map((r) => {
          const name = files[Number(r.id)]?.name ?? r.id;
          return r.ok
            ? { name, ok: true, kind: r.kind, signedName: signedFileName(name, r.kind), signedBase64: toBase64(r.signed), sha256: r.sha256, signedAt: r.signedAt }
            : { name, ok: false, kind: r.kind, error: r.error };
        });
        logger.info('Signing batch finished', {
          batchId,
          total,
          signed: results.filter((r) => r.ok).length,
          cancelled: result.cancelled,
          mechanism: result.mechanism,
          ms: Date.now() - started,
        });
        const { pem: _pem, ...signer } = result.signer;
        return { batchId, signer, mechanism: result.mechanism, cancelled: result.cancelled, results };
      } catch (e) {
        // The PIN is not in the error (the service never puts it there) and not in this entry.
        logger.info('Signing batch refused', { batchId, code: e instanceof AppError ? e.code : 'INTERNAL' });
        throw e;
      } finally {
        batches.delete(batchId);
      }
    },

    async 'signing.cancel'(input) {
      const c = batches.get(input.batchId);
      if (!c) return { cancelled: false };
      c.abort();
      return { cancelled: true };
    },

    async 'signing.verify'(input) {
      const saved = await deps.configuration().catch(() => ({}) as StoredSigningSettings);
      return service().verify({
        data: fromBase64(input.dataBase64),
        ...(input.detachedContentBase64 ? { detachedContent: fromBase64(input.detachedContentBase64) } : {}),
        ...(saved.trustAnchorsPem?.length ? { trustedCertificatesPem: saved.trustAnchorsPem } : {}),
      });
    },
  };
}
