/**
 * Pluggable checks of the simulator: the CDA validator (issue 3, electron/services/validation)
 * and the PAdES signature check (electron/services/signing/verify.ts), loaded when present so
 * the simulator keeps working while those modules are being built.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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
  return existsSync(fileURLToPath(new URL(rel, import.meta.url)));
}

/** The in-process CDA validator, when electron/services/validation exists. */
export async function loadCdaValidatorCheck(): Promise<CdaCheck | undefined> {
  if (!present('../../validation/cda-validator.ts') && !present('../../validation/cda-validator.js')) return undefined;
  const { CdaValidator } = await import('../../validation/cda-validator.ts');
  const validator = CdaValidator.create();
  return async (xml) => {
    const r = await validator.validateXml(xml);
    const issues: CdaCheckIssue[] = [];
    for (const i of r.issues as unknown as { severity: string; code: string; message: string; source?: string }[]) {
      const issue: CdaCheckIssue = { severity: i.severity, code: i.code, message: i.message };
      if (i.source !== undefined) issue.source = i.source;
      issues.push(issue);
    }
    return { valid: r.valid, issues };
  };
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
