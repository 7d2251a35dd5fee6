/** Every error code has a message in both locales, and both locales have the same keys. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ERROR_CODES } from '../../shared/errors/codes.ts';
import { repo } from './node-host.ts';

type Tree = { [k: string]: string | Tree };
const load = (lng: string) => JSON.parse(readFileSync(path.join(repo, `renderer/src/i18n/${lng}.json`), 'utf8')) as Tree;
const keys = (t: Tree, prefix = ''): string[] =>
  Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));

const CF_PROBLEMS = ['length', 'characters', 'check-character', 'month', 'day', 'birth-date-mismatch', 'sex-mismatch', 'surname-mismatch', 'name-mismatch'];

test('locale files: every error code and codice fiscale problem, same keys in it and en', () => {
  const it = load('it');
  const en = load('en');
  expect(keys(en).sort()).toEqual(keys(it).sort());
  for (const lng of [it, en]) {
    const all = new Set(keys(lng));
    for (const code of ERROR_CODES) expect(all.has(`errors.${code}`), `errors.${code}`).toBe(true);
    for (const p of CF_PROBLEMS) expect(all.has(`codiceFiscale.problems.${p}`), p).toBe(true);
  }
  expect((it.codiceFiscale as Tree & { problems: Tree }).problems['check-character']).toContain('«{{expected}}»');
});

test('feature locale bundles (renderer/src/i18n/features): each Italian bundle has an English twin with the same keys', () => {
  const dir = path.join(repo, 'renderer/src/i18n/features');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.it.json')) : [];
  for (const f of files) {
    const read = (name: string) => JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as Tree;
    const twin = f.replace(/\.it\.json$/, '.en.json');
    expect(existsSync(path.join(dir, twin)), twin).toBe(true);
    expect(keys(read(twin)).sort(), twin).toEqual(keys(read(f)).sort());
  }
});
