/**
 * What must never reach a log: names, codici fiscali, PINs, keys. Fields with these names are
 * replaced wholesale, and any string that looks like a codice fiscale or an STP/ENI code is
 * masked wherever it appears, so a careless message cannot leak one (UX: logs carry ids only).
 */
const SENSITIVE_KEYS = new Set(
  [
    'surname', 'givenname', 'name', 'fullname', 'identifier', 'codicefiscale', 'cf', 'fiscalcode',
    'birthdate', 'address', 'phone', 'email', 'pin', 'password', 'passphrase', 'key', 'keyhex', 'secret', 'token',
  ],
);

const CF_LIKE = /\b[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]\b/gi;
const STP_ENI = /\b(?:STP|ENI)\d{13}\b/gi;

export const REDACTED = '[redatto]';

export function redactString(s: string): string {
  return s.replace(CF_LIKE, '[CF]').replace(STP_ENI, '[STP/ENI]');
}

export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactString(value);
  if (value === null || typeof value !== 'object' || depth > 6) return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value instanceof Error) return { name: value.name, message: redactString(value.message) };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SENSITIVE_KEYS.has(k.toLowerCase()) ? REDACTED : redact(v, depth + 1);
  }
  return out;
}
