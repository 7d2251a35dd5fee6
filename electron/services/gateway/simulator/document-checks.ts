/**
 * The content checks of the simulator, through the pluggable checks of plugins.ts: the CDA
 * validator for validation and validate-and-* (errors → /msg/syntax, /msg/vocabulary or
 * /msg/semantic with the validator's messages, as VAL reports them), and the PAdES check for
 * every operation that publishes a PDF (DSP SignSRV → /msg/sign-error).
 */
import type { SignedOperation } from '../../../../shared/gateway/jwt-claims.ts';
import type { CdaCheck, PdfSignatureCheck } from './plugins.ts';
import { Problem } from './problem.ts';

/** Publication of a PDF: it must be signed, and the signature valid. */
export async function checkPdfSignature(op: SignedOperation, file: Uint8Array | undefined, check: PdfSignatureCheck | undefined): Promise<void> {
  const needsSignature = op === 'create' || op === 'replace' || op === 'validateAndCreate' || op === 'validateAndReplace';
  if (!needsSignature || !check || !file) return;
  const s = await check(file);
  if (!s.signed) throw new Problem('/msg/sign-error', 'Il pdf non risulta firmato', 400);
  if (!s.valid) throw new Problem('/msg/sign-error', 'La firma del pdf non risulta valida', 400);
}

/**
 * Validation (validation, validate-and-*): the CDA against the validator. A failed validation
 * carries a workflowInstanceId when `failedWorkflowInstanceId` gives one (activity validation).
 */
export async function checkCda(op: SignedOperation, cda: Uint8Array | undefined, validate: CdaCheck | undefined, failedWorkflowInstanceId: () => string | undefined): Promise<void> {
  if (!(op === 'validation' || op === 'validateAndCreate' || op === 'validateAndReplace') || !cda || !validate) return;
  const v = await validate(cda);
  const errors = v.issues.filter((i) => i.severity === 'error');
  if (v.valid && errors.length === 0) return;
  const first = errors[0];
  const type = first?.source === 'xsd' ? '/msg/syntax' : first?.source === 'terminology' ? '/msg/vocabulary' : '/msg/semantic';
  const detail = errors.map((e) => (e.source === 'xsd' ? `ERROR: ${e.message}` : `${e.code}| ${e.message}`)).join('\n').slice(0, 100_000) || 'CDA non valido';
  throw new Problem(type, detail, type === '/msg/semantic' ? 422 : 400, undefined, failedWorkflowInstanceId());
}
