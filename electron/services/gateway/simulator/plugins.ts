/**
 * Pluggable checks of the simulator: the CDA validator (electron/services/validation)
 * and the PAdES signature check (electron/services/signing/verify.ts), loaded when present so
 * the simulator keeps working while those modules are being built.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CdaFacts } from '../../../../shared/gateway/cda-facts.ts';
import type { PdfCdaMode } from '../../../../shared/validation/cda/pdf.ts';

export interface CdaCheckIssue {
  severity: 'error' | 'warning' | string;
  code: string;
  message: string;
  /** 'xsd' | 'schematron' | 'terminology' | ... */
  source?: string;
}

/** Validates CDA XML bytes; the simulator turns errors into /msg/syntax, /msg/semantic or /msg/vocabulary. */
export type CdaCheck = (cdaXml: Uint8Array) => Promise<{ valid: boolean; issues: CdaCheckIssue[] }>;

/** DSP SignSRV: the PDF has a signature and its CMS verifies; no chain or qualification check. */
export type PdfSignatureCheck = (pdf: Uint8Array) => Promise<{ signed: boolean; valid: boolean }>;

function present(rel: string): boolean {
  // Bundled (scripts/node-host-bundle.js), the modules are inside the bundle if they exist at all.
  if (import.meta.url.endsWith('.js')) return true;
  return existsSync(fileURLToPath(new URL(rel, import.meta.url)));
}

/** The CDA a PDF carries, as the gateway extracts it, with its header facts (null: not XML). */
export type CdaReader = (pdf: Uint8Array, mode?: PdfCdaMode) => Promise<{ bytes: Uint8Array; facts: CdaFacts | null } | null>;

export interface WorkerDocumentChecks {
  validateCda: CdaCheck;
  readCda: CdaReader;
  close(): Promise<void>;
}

/**
 * The CDA validator and the CDA reader of the simulator, in a worker thread with a time limit
 * (validation/worker-client.ts): the simulator's event loop keeps answering whatever a client
 * sends. The thread starts with the first document.
 */
export async function workerDocumentChecks(options: { timeLimitMs?: number } = {}): Promise<WorkerDocumentChecks | undefined> {
  if (!present('../../validation/worker-client.ts') && !present('../../validation/worker-client.js')) return undefined;
  const { CdaValidationWorker } = await import('../../validation/worker-client.ts');
  const worker = new CdaValidationWorker(options);
  return {
    validateCda: async (xml) => {
      const r = await worker.validate(xml);
      const issues: CdaCheckIssue[] = r.issues.map((i) => ({ severity: i.severity, code: i.code, message: i.message, source: i.source }));
      return { valid: r.valid, issues };
    },
    readCda: (pdf, mode) => worker.readCda(pdf, mode),
    close: () => worker.close(),
  };
}

/** The CDA validator (in its worker), when electron/services/validation exists. */
export async function loadCdaValidatorCheck(): Promise<CdaCheck | undefined> {
  return (await workerDocumentChecks())?.validateCda;
}

/** The PAdES verifier, when electron/services/signing/verify.ts exists. */
export async function loadPdfSignatureCheck(): Promise<PdfSignatureCheck | undefined> {
  if (!present('../../signing/verify.ts') && !present('../../signing/verify.js')) return undefined;
  const { verifyDocument } = await import('../../signing/verify.ts');
  return async (pdf) => {
    const v = await verifyDocument({ data: pdf });
    if (v.signatures.length === 0) return { signed: false, valid: false };
    // Only cryptographic integrity counts (the dispatcher checks no chain): INDETERMINATE is fine.
    return { signed: true, valid: v.signatures.every((s) => s.status !== 'INVALID') };
  };
}

/** A cheap structural check: a signature dictionary with /ByteRange and /Contents. */
export const structuralSignatureCheck: PdfSignatureCheck = async (pdf) => {
  const text = Buffer.from(pdf).toString('latin1');
  const signed = /\/Type\s*\/Sig\b/.test(text) && /\/ByteRange\s*\[/.test(text) && /\/Contents\s*</.test(text);
  return { signed, valid: signed };
};
