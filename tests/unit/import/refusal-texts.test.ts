/** Every import refusal has its sentence for the CLI and its Italian and English text in the UI. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ImportRefusal, REFUSAL_TEXT } from '../../../shared/import/refusal.ts';

const bundle = (lang: string) => (JSON.parse(readFileSync(`renderer/src/i18n/features/import.${lang}.json`, 'utf8')) as { importDoc: { refusals: Record<string, string> } }).importDoc.refusals;

describe('import refusals', () => {
  it('have a CLI sentence and UI texts in both languages, for exactly the closed list', () => {
    for (const r of ImportRefusal.options) expect(REFUSAL_TEXT[r].length, r).toBeGreaterThan(10);
    expect(Object.keys(bundle('it')).sort()).toEqual([...ImportRefusal.options].sort());
    expect(Object.keys(bundle('en')).sort()).toEqual([...ImportRefusal.options].sort());
  });
});
