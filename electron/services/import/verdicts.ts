/**
 * The validator's and the signature verifier's results as the verdicts stored with a received
 * document (shared/domain/record/received-document.ts StoredVerdict): counts and first messages.
 */
import type { StoredVerdict } from '../../../shared/domain/record/index.ts';
import type { Verdict } from '../../../shared/signing/types.ts';
import type { CdaValidationResult } from '../../../shared/validation/cda/validate.ts';

const now = () => new Date().toISOString();

export function notApplicable(message?: string): StoredVerdict {
  return { verdict: 'not-applicable', errors: 0, warnings: 0, messages: message ? [message] : [], checkedAt: now() };
}

export function validationVerdict(r: CdaValidationResult): StoredVerdict {
  const errors = r.issues.filter((i) => i.severity === 'error');
  const warnings = r.issues.filter((i) => i.severity === 'warning');
  return {
    verdict: errors.length > 0 ? 'invalid' : warnings.length > 0 ? 'warnings' : 'valid',
    errors: errors.length,
    warnings: warnings.length,
    messages: [...errors, ...warnings].slice(0, 20).map((i) => `${i.code}: ${i.message}`.slice(0, 500)),
    checkedAt: now(),
  };
}

export function signatureVerdict(v: Verdict): StoredVerdict {
  const first = v.signatures[0];
  const signer = first?.signer?.subject;
  const name = signer ? [signer.givenName, signer.surname].filter(Boolean).join(' ') || signer.commonName : undefined;
  const problems = v.reasons.filter((r) => r.severity === 'error' || r.severity === 'indeterminate');
  const warnings = v.reasons.filter((r) => r.severity === 'warning');
  return {
    verdict: v.status === 'VALID' ? (warnings.length ? 'warnings' : 'valid') : v.status === 'INVALID' ? 'invalid' : 'indeterminate',
    errors: problems.length,
    warnings: warnings.length,
    messages: [...problems, ...warnings].slice(0, 20).map((r) => r.message.slice(0, 500)),
    ...(name ? { signer: [name, signer?.codiceFiscale].filter(Boolean).join(' — ').slice(0, 300) } : {}),
    ...(first?.signingTime ? { signedAt: first.signingTime } : {}),
    checkedAt: now(),
  };
}
