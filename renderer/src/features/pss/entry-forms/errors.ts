import type { TFunction } from 'i18next';
import { AppError } from '../../../../../shared/errors/app-error.ts';
import type { ErrorData } from '../../../../../shared/errors/codes.ts';
import { errorText } from '../../../platform/error-text.ts';
import type { Draft } from './kit.tsx';

/** Errors of one entry form: field key (the entry's top-level field) -> text; `_form` above the buttons. */
export type FieldErrors = Record<string, string>;
export const FORM = '_form';

const DATE_KEYS = new Set(['date', 'start', 'end', 'onset', 'resolution']);

interface Issue {
  code?: string;
  path: PropertyKey[];
  message: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  inclusive?: boolean;
}

function at(draft: Draft, path: PropertyKey[]): unknown {
  let v: unknown = draft;
  for (const p of path) v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}

/** One schema issue in the doctor's words (the schema's own messages are for developers). */
export function issueText(t: TFunction, issue: Issue, draft: Draft): string {
  const key = String(issue.path[0] ?? '');
  const last = String(issue.path[issue.path.length - 1] ?? '');
  switch (issue.code) {
    case 'invalid_type':
      return at(draft, issue.path) === undefined ? t('pss.errors.required') : t('pss.errors.invalid');
    case 'too_small':
      if (issue.origin === 'number') return t(issue.inclusive === false ? 'pss.errors.above' : 'pss.errors.min', { min: Number(issue.minimum) });
      return t('pss.errors.required');
    case 'too_big':
      if (issue.origin === 'number') return t('pss.errors.max', { max: Number(issue.maximum) });
      return t('pss.errors.tooLong', { max: Number(issue.maximum) });
    case 'invalid_format':
      return DATE_KEYS.has(last) || DATE_KEYS.has(key) ? t('pss.errors.date') : t('pss.errors.format');
    case 'invalid_value':
    case 'invalid_union':
      return t('pss.errors.choose');
    case 'custom':
      return key === 'motorCapacity' ? t('pss.errors.functionalEmpty') : t('pss.errors.invalid');
    default:
      return t('pss.errors.invalid');
  }
}

/** The first issue of each field, keyed by the entry's top-level field. */
export function schemaErrors(t: TFunction, issues: readonly Issue[], draft: Draft): FieldErrors {
  const out: FieldErrors = {};
  for (const i of issues) out[String(i.path[0] ?? FORM)] ??= issueText(t, i, draft);
  return out;
}

/**
 * A rejected save: the service's INVALID_INPUT issues (paths `entry.<field>…`) go on their
 * fields, in words, with a line above the buttons; anything else (conflict, connection) there.
 */
export function serverErrors(t: TFunction, e: unknown): FieldErrors {
  const out: FieldErrors = {};
  if (e instanceof AppError && e.code === 'INVALID_INPUT') {
    for (const issue of (e.data as ErrorData<'INVALID_INPUT'> | undefined)?.issues ?? []) {
      const parts = issue.path.split('.');
      if (parts[0] === 'entry' && parts[1]) out[parts[1]] ??= t('pss.errors.invalid');
    }
    if (Object.keys(out).length > 0) out[FORM] = t('pss.errors.rejected');
  }
  out[FORM] ??= errorText(t, e);
  return out;
}
