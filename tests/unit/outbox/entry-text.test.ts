/**
 * Coda di invio, a row's attempts and last error (renderer/src/features/outbox/entry-text.ts)
 * with the real bundles: every error code the scheduler writes has a key in both locales; the
 * Italian bundle says exactly what the service says (shared/gateway/errors.ts,
 * shared/outbox/retry.ts), so the renderer's translation never drifts from it; English rows
 * are in English, with the gateway's Italian detail kept and marked.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { attemptsShown, errorKey, errorView, EXPLAINED_STATUSES } from '../../../renderer/src/features/outbox/entry-text.ts';
import { GATEWAY_ERROR_TYPES, spiegazioneErrore } from '../../../shared/gateway/errors.ts';
import { decide } from '../../../shared/outbox/retry.ts';
import { OUTBOX_STATES } from '../../../shared/outbox/state-machine.ts';

const bundle = (lang: string) => JSON.parse(readFileSync(path.join(import.meta.dirname, `../../../renderer/src/i18n/features/outbox.${lang}.json`), 'utf8')) as Record<string, unknown>;

let it_: TFunction;
let en: TFunction;

beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { it: { translation: bundle('it') }, en: { translation: bundle('en') } }, lng: 'it', fallbackLng: false, interpolation: { escapeValue: false } });
  it_ = i18n.getFixedT('it');
  en = i18n.getFixedT('en');
});

/** Every code the scheduler writes (scheduler.ts lastErrorOf and the request-body park). */
const CODES = [
  'network',
  'timeout',
  'reset',
  'certificate',
  'request-body',
  ...Object.keys(GATEWAY_ERROR_TYPES).map((type) => `http:${GATEWAY_ERROR_TYPES[type]!.status} ${type}`),
  ...EXPLAINED_STATUSES.map((s) => `http:${s}`),
  'http:418',
  'http:400 /msg/not-a-known-type',
];

/** The service's Italian for a code (what outbox-handlers.ts lastErrorText makes of it). */
function serviceText(code: string): string {
  if (code === 'network' || code === 'timeout' || code === 'reset' || code === 'certificate') return decide({ kind: code }, 1, () => 0).reason;
  if (code === 'request-body') return 'I dati di pubblicazione del documento non sono validi: correggerli e rimettere in coda.';
  const m = /^http:(\d{3})(?: (\S+))?$/.exec(code)!;
  return spiegazioneErrore(Number(m[1]), m[2] ? { type: m[2] } : undefined);
}

describe('error codes', () => {
  it('each code has its own key, present in both bundles (never the key echoed back)', () => {
    for (const code of CODES) {
      const k = errorKey(code);
      expect(k, code).toBeDefined();
      for (const t of [it_, en]) {
        expect(t(k!.key, k!.params), `${code} ${k!.key}`).not.toBe(k!.key);
        expect(t(k!.key, k!.params)).not.toContain('{{');
      }
    }
    expect(errorKey(null)).toBeUndefined();
    expect(errorKey('something-else')).toBeUndefined();
  });

  it('Italian: the same words as the service', () => {
    for (const code of CODES) {
      const k = errorKey(code)!;
      expect(it_(k.key, k.params), code).toBe(serviceText(code));
    }
  });

  it('English: a different text for every code', () => {
    for (const code of CODES) {
      const k = errorKey(code)!;
      expect(en(k.key, k.params), code).not.toBe(it_(k.key, k.params));
    }
    expect(en(errorKey('http:418')!.key, errorKey('http:418')!.params)).toBe('The gateway answered with HTTP status 418.');
  });
});

describe('errorView', () => {
  const waiting = { state: 'waiting_retry' as const, lastError: 'reset', parkedReason: null, lastErrorText: 'Connessione interrotta: nuovo tentativo automatico.' };

  it('a network error waiting to retry: translated, Italian as the service says it', () => {
    expect(errorView(waiting, en, 'en')).toEqual({ text: 'Connection interrupted: it will be retried automatically.', italian: false });
    expect(errorView(waiting, it_, 'it')).toEqual({ text: waiting.lastErrorText, italian: false });
  });

  it('parked with the gateway detail: Italian shows the service text; English translates and keeps the original', () => {
    const reason = `${spiegazioneErrore(422, { type: '/msg/semantic' })} Dettaglio del gateway: regola schematron X violata`;
    const parked = { state: 'parked' as const, lastError: 'http:422 /msg/semantic', parkedReason: reason, lastErrorText: reason };
    expect(errorView(parked, it_, 'it')).toEqual({ text: reason, italian: false });
    const v = errorView(parked, en, 'en')!;
    expect(v.text).toMatch(/^The CDA does not meet the document type's schematron rules/);
    expect(v.original).toBe(reason);
  });

  it("parked after a reconciliation (no code of the rejection): the gateway's Italian, marked as Italian", () => {
    const parked = { state: 'parked' as const, lastError: 'network', parkedReason: 'Rifiutato dal gateway: documento duplicato', lastErrorText: 'Rifiutato dal gateway: documento duplicato' };
    // The stale network code is not what parked it: never "Network unavailable" here.
    expect(errorView(parked, en, 'en')).toEqual({ text: 'Rifiutato dal gateway: documento duplicato', italian: true });
    expect(errorView(parked, it_, 'it')).toEqual({ text: 'Rifiutato dal gateway: documento duplicato', italian: false });
  });

  it('no error: nothing', () => {
    expect(errorView({ state: 'published', lastError: null, parkedReason: null, lastErrorText: null }, en, 'en')).toBeUndefined();
  });
});

describe('attempts', () => {
  it('hidden where the counter was reset at acceptance; shown, zero included, everywhere else', () => {
    for (const state of OUTBOX_STATES) {
      const shown = attemptsShown({ state, attempts: 0 });
      if (state === 'accepted' || state === 'published' || state === 'rejected') expect(shown, state).toBeUndefined();
      else expect(shown, state).toBe(0);
    }
    expect(attemptsShown({ state: 'waiting_retry', attempts: 3 })).toBe(3);
  });
});
