/** Every DICOM problem (and the importer's own file problems) has its message in both locales (the UI names the exact problem). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { IMPORT_FILE_PROBLEMS } from '../../../shared/api/imaging.ts';

const bundle = (lang: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, `../../../renderer/src/i18n/features/imaging.${lang}.json`), 'utf8')) as { imaging: { problems: Record<string, string> } };

it('imaging.problems.<reason> in Italian and English, the same keys, {{detail}} where a detail is given', () => {
  const it_ = bundle('it').imaging.problems;
  const en = bundle('en').imaging.problems;
  expect(Object.keys(it_).sort()).toEqual([...IMPORT_FILE_PROBLEMS].sort());
  expect(Object.keys(en).sort()).toEqual([...IMPORT_FILE_PROBLEMS].sort());
  for (const reason of ['unsupported-transfer-syntax', 'unsupported-image']) {
    expect(it_[reason]).toContain('{{detail}}');
    expect(en[reason]).toContain('{{detail}}');
  }
});
