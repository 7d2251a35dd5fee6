/**
 * Regenerate resources/cda/VERSIONS.json after replacing or adding an official file
 * (schematron, XSD, terminology table). Run: `npx tsx scripts/validation/update-versions.ts`.
 * Records, per file, its size and SHA-256, and for schematrons the version and templateId root
 * from INDEX.csv; tests/unit/validation/cda-resources.test.ts checks the file is current.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseSchematronIndex } from '../../shared/validation/cda/select.ts';

export const CDA_DIR = join(import.meta.dirname, '../../resources/cda');
const FOLDERS = ['schema', 'schematron', 'terminology'];

export interface VersionsFile {
  source: string;
  files: Record<string, { bytes: number; sha256: string; version?: string; templateIdRoot?: string }>;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

export function computeVersions(dir = CDA_DIR): VersionsFile {
  const index = parseSchematronIndex(readFileSync(join(dir, 'schematron', 'INDEX.csv'), 'utf8'));
  const files: VersionsFile['files'] = {};
  for (const folder of FOLDERS) {
    for (const path of walk(join(dir, folder)).sort()) {
      const bytes = readFileSync(path);
      const rel = relative(dir, path).split('\\').join('/');
      const entry: VersionsFile['files'][string] = { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
      const row = index.find((e) => `schematron/${e.file}` === rel);
      if (row) {
        entry.version = row.version;
        entry.templateIdRoot = row.templateIdRoot;
      }
      files[rel] = entry;
    }
  }
  return {
    source: 'ministero-salute/it-fse-catalogs @ 72228d84 (schematron/, schema/, terminology/); see MANIFEST-fse.md',
    files,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(join(CDA_DIR, 'VERSIONS.json'), `${JSON.stringify(computeVersions(), null, 1)}\n`);
  process.stdout.write('resources/cda/VERSIONS.json updated\n');
}
