/**
 * What a queue row says about attempts and the last error, in the interface's language.
 *
 * The last error: the entry carries its code in `lastError` ('network' | 'timeout' | 'reset' | 'certificate'
 * | 'http:<status>[ <type>]' | 'request-body', written by the scheduler) next to the Italian
 * text the service made of it (`lastErrorText`). Codes are translated here
 * (`outbox.error.*`); the Italian bundle holds the service's own words (a unit test keeps
 * them equal). A parked document's reason is the gateway's explanation plus, often, the
 * gateway's own detail, free Italian text without a code: in Italian it is shown as is; in
 * English the code's translation is shown and the original Italian text follows, marked as
 * Italian (lang="it"). Text without any code stays Italian, marked as such.
 *
 * Attempts: the service resets the counter when the gateway accepts a document (later it
 * counts status polls), so for accepted, published and rejected (reached only from accepted)
 * the number is not the tries it took: the row shows no count there.
 */
import type { TFunction } from 'i18next';
import type { OutboxListEntry } from '../../../../shared/api/outbox.ts';
import { GATEWAY_ERROR_TYPES, isTransientStatus, problemTypeKey } from '../../../../shared/gateway/errors.ts';
import type { OutboxState } from '../../../../shared/outbox/state-machine.ts';

/** HTTP statuses with an explanation of their own (shared/gateway/errors.ts, BY_STATUS). */
export const EXPLAINED_STATUSES = [400, 401, 403, 404, 409, 413, 415, 422, 429, 500, 502, 503, 504] as const;

/** States whose attempt counter does not tell the tries it took (reset at acceptance). */
const ATTEMPTS_NOT_MEANINGFUL: ReadonlySet<OutboxState> = new Set(['accepted', 'published', 'rejected']);

/** States where the service shows the parked reason rather than the last error. */
const REASON_STATES: ReadonlySet<OutboxState> = new Set(['parked', 'rejected', 'draft', 'cancelled']);

export function attemptsShown(e: Pick<OutboxListEntry, 'state' | 'attempts'>): number | undefined {
  return ATTEMPTS_NOT_MEANINGFUL.has(e.state) ? undefined : e.attempts;
}

export interface ErrorKey {
  key: string;
  params?: Record<string, string | number>;
}

/** The bundle key of an error code; undefined when the code is unknown or absent. */
export function errorKey(lastError: string | null | undefined): ErrorKey | undefined {
  if (!lastError) return undefined;
  if (lastError === 'network' || lastError === 'timeout' || lastError === 'reset' || lastError === 'certificate') return { key: `outbox.error.kind.${lastError}` };
  if (lastError === 'request-body') return { key: 'outbox.error.requestBody' };
  const m = /^http:(\d{3})(?: (\S+))?$/.exec(lastError);
  if (!m) return undefined;
  const status = Number(m[1]);
  const type = problemTypeKey(m[2]);
  if (type && GATEWAY_ERROR_TYPES[type]) return { key: `outbox.error.type.${type.slice('/msg/'.length)}`, params: { status } };
  if ((EXPLAINED_STATUSES as readonly number[]).includes(status)) return { key: `outbox.error.status.${status}`, params: { status } };
  return { key: 'outbox.error.status.other', params: { status } };
}

/** A permanent rejection's code: the parked reason was made from it (failed_permanent). */
function permanentCode(lastError: string | null): boolean {
  if (lastError === 'request-body') return true;
  const m = /^http:(\d{3})/.exec(lastError ?? '');
  return m !== null && !isTransientStatus(Number(m[1]));
}

export interface ErrorView {
  /** The text in the interface's language (or Italian when there is nothing to translate). */
  text: string;
  /** True when `text` is the service's Italian while the interface is not Italian. */
  italian: boolean;
  /** The service's original Italian words, when `text` is a translation that leaves out details. */
  original?: string;
}

export function errorView(e: Pick<OutboxListEntry, 'state' | 'lastError' | 'parkedReason' | 'lastErrorText'>, t: TFunction, lang: string): ErrorView | undefined {
  const italianUi = !lang.startsWith('en');
  const reason = e.parkedReason && REASON_STATES.has(e.state) ? e.parkedReason : undefined;
  if (reason) {
    if (italianUi) return { text: e.lastErrorText ?? reason, italian: false };
    const k = permanentCode(e.lastError) ? errorKey(e.lastError) : undefined;
    if (k) {
      const text = t(k.key, k.params);
      return { text, italian: false, ...(reason !== text ? { original: reason } : {}) };
    }
    return { text: reason, italian: true };
  }
  const k = errorKey(e.lastError);
  if (k) return { text: t(k.key, k.params), italian: false };
  const text = e.lastErrorText ?? e.parkedReason;
  return text ? { text, italian: !italianUi } : undefined;
}
