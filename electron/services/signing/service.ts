/**
 * The signing service: plain data in, plain data out (see SigningService in shared/signing/types.ts).
 * Runs in the main / node-host process, never in the renderer. Token signatures use C_SignAsync
 * (libuv thread pool); PDF and CMS building is JavaScript on the calling thread.
 */
import { createHash } from 'node:crypto';
import { AppError, isAppError, type RpcError } from '../../../shared/errors/index.ts';
import type {
  BatchProgress, BatchRequest, BatchResult, CertificateInfo, DocumentToSign, FoundModule, ModulePreset, OsName,
  Pkcs11ModuleRef, SignedDocumentResult, SigningService, SlotInfo, TokenSelector, TokenStatus, Verdict, VerifyRequest,
} from '../../../shared/signing/types.ts';
import { buildCades } from './cades.ts';
import { findModules, modulePresets } from './modules.ts';
import { isPdf } from '../../../shared/files/sniff.ts';
import { embeddedCda, signPades } from './pades.ts';
import { findToken, listSlots, loadModule, TokenSession, type ExternalSigner, type Pkcs11, type Pkcs11Instrument } from './token.ts';
import { verifyDocument } from './verify.ts';

export interface SigningServiceOptions {
  /** Wraps the loaded PKCS#11 object (tests observe the real module through it). */
  instrument?: Pkcs11Instrument;
  /** Re-verify every output before returning it (default true). */
  selfCheck?: boolean;
}

function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function toRpc(e: unknown): RpcError {
  if (isAppError(e)) return e.toRpc();
  return { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
}

/** Errors after which the rest of the batch cannot be signed with this session. */
const FATAL_FOR_BATCH = new Set(['TOKEN_NOT_PRESENT', 'PIN_INCORRECT', 'PIN_LOCKED', 'PIN_FINAL_TRY_NEEDS_CONSENT', 'CANCELLED']);

export class Pkcs11SigningService implements SigningService {
  constructor(private readonly options: SigningServiceOptions = {}) {}

  private p11(module: Pkcs11ModuleRef): Pkcs11 {
    const p11 = loadModule(module);
    return this.options.instrument ? this.options.instrument(p11) : p11;
  }

  modulePresets(os?: OsName): ModulePreset[] {
    return modulePresets(os);
  }

  async findModules(os?: OsName): Promise<FoundModule[]> {
    return findModules(os);
  }

  async listSlots(module: Pkcs11ModuleRef): Promise<SlotInfo[]> {
    return listSlots(this.p11(module));
  }

  async listCertificates(selector: TokenSelector): Promise<CertificateInfo[]> {
    return findToken(this.p11(selector.module), selector).certificates;
  }

  async tokenStatus(selector: TokenSelector): Promise<TokenStatus> {
    return findToken(this.p11(selector.module), selector).status;
  }

  async verify(request: VerifyRequest): Promise<Verdict> {
    return verifyDocument(request);
  }

  async signBatch(
    request: BatchRequest,
    options: { signal?: AbortSignal; onProgress?: (p: BatchProgress) => void } = {},
  ): Promise<BatchResult> {
    const { signal, onProgress } = options;
    if (signal?.aborted) throw new AppError('CANCELLED', 'batch cancelled before login');
    const ids = new Set<string>();
    for (const d of request.documents) {
      if (ids.has(d.id)) throw new AppError('INVALID_INPUT', 'duplicate document id', { issues: [{ path: `documents.${d.id}`, message: 'duplicate id' }] });
      ids.add(d.id);
    }
    // One login for the whole batch; the PIN lives in the session (always-auth keys) until close().
    const pinInput = { ...(request.pin !== undefined ? { pin: request.pin } : {}), ...(request.confirmFinalTry ? { confirmFinalTry: true } : {}) };
    const session = await TokenSession.open(this.p11(request.token.module), request.token.module.path, request.token, pinInput);
    const results: SignedDocumentResult[] = [];
    let cancelled = false;
    try {
      const now = new Date();
      const cert = session.certificateInfo;
      if (now < new Date(cert.notBefore) || now > new Date(cert.notAfter)) {
        throw new AppError('CERTIFICATE_INVALID', 'the signature certificate is not valid now');
      }
      let fatal: RpcError | undefined;
      for (const doc of request.documents) {
        if (!fatal && signal?.aborted) {
          cancelled = true;
          fatal = { code: 'CANCELLED', message: 'batch cancelled' };
        }
        let result: SignedDocumentResult;
        if (fatal) {
          result = { id: doc.id, ok: false, kind: doc.kind, error: fatal };
        } else {
          try {
            result = await this.signOne(doc, session);
          } catch (e) {
            const error = toRpc(e);
            if (FATAL_FOR_BATCH.has(error.code)) fatal = error;
            result = { id: doc.id, ok: false, kind: doc.kind, error };
          }
        }
        results.push(result);
        onProgress?.({ done: results.length, total: request.documents.length, id: doc.id, ok: result.ok });
      }
      return { signer: cert, mechanism: session.mechanism, results, cancelled };
    } finally {
      session.close();
    }
  }

  /** Signs one document with an open signer (also used by the CLI and the bench). */
  async signOne(doc: DocumentToSign, signer: ExternalSigner): Promise<SignedDocumentResult> {
    const data = doc.data;
    if (doc.expectedContentSha256 !== undefined && sha256Hex(data) !== doc.expectedContentSha256.toLowerCase()) {
      throw new AppError('CONFLICT', 'document changed after validation', { entity: 'document', field: 'sha256' });
    }
    let signed: Buffer;
    const signedAt = new Date();
    if (doc.kind === 'pades') {
      if (!isPdf(data)) throw new AppError('INVALID_INPUT', 'not a PDF', { issues: [{ path: 'data', message: 'not a PDF' }] });
      if (doc.expectedCdaSha256 !== undefined) {
        const cda = await embeddedCda(data);
        if (!cda) throw new AppError('INVALID_INPUT', 'no embedded cda.xml', { issues: [{ path: 'cda.xml', message: 'missing' }] });
        if (sha256Hex(cda) !== doc.expectedCdaSha256.toLowerCase()) {
          throw new AppError('CONFLICT', 'CDA changed after validation', { entity: 'cda', field: 'sha256' });
        }
      }
      signed = await signPades(data, signer, { ...doc.pades, signingTime: signedAt });
    } else {
      signed = await buildCades({ content: data, detached: doc.kind === 'cades-detached', signingTime: signedAt, signer });
    }
    if (this.options.selfCheck !== false) await this.selfCheck(doc, signed);
    return { id: doc.id, ok: true, kind: doc.kind, signed: new Uint8Array(signed), sha256: sha256Hex(signed), signedAt: signedAt.toISOString() };
  }

  /** The output must verify (integrity + ESS) before it leaves the service. */
  private async selfCheck(doc: DocumentToSign, signed: Buffer): Promise<void> {
    const v = await verifyDocument({ data: signed, ...(doc.kind === 'cades-detached' ? { detachedContent: doc.data } : {}) });
    // The new signature: the envelope's (index 0) for CAdES, whose content may carry signatures
    // of its own; the last of the file's own signatures for PAdES.
    const own = v.signatures.filter((s) => s.envelope === undefined);
    const mine = doc.kind === 'pades' ? own[own.length - 1] : own[0];
    const bad = mine?.reasons.filter((r) => r.severity === 'error') ?? [{ code: 'NO_SIGNATURE' }];
    if (bad.length > 0) {
      throw new AppError('SIGNATURE_INVALID', `self-check of the new signature failed: ${bad.map((r) => r.code).join(',')}`);
    }
  }
}

export function createSigningService(options?: SigningServiceOptions): Pkcs11SigningService {
  return new Pkcs11SigningService(options);
}
