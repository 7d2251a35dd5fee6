/**
 * Load the CDA validation resources from disk (resources/cda/, see its README.md):
 * schematrons are discovered by scanning `schematron/*.sch` and joining INDEX.csv (copied
 * from it-fse-catalogs), terminology tables by scanning `terminology/<OID>.csv`, XSD sets by
 * scanning `schema/<set>/`. Replacing or adding an official file therefore needs no code
 * change: drop the file, update INDEX.csv, run scripts/validation/update-versions.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { resourcePath } from '../files/resources-dir.ts';
import { parseSchematronIndex, type SchematronIndexEntry } from '../../../shared/validation/cda/select.ts';
import { parseCodeSystemCsv, type CodeSystemTable } from '../../../shared/validation/cda/terminology.ts';

/** resources/cda of the checkout (files/resources-dir.ts) unless overridden (packaged app). */
export function defaultCdaResourcesDir(): string {
  const env = process.env.CARTELLA_CDA_RESOURCES;
  if (env) return resolve(env);
  return resourcePath('cda');
}

export interface SchemaFile {
  /** Path inside the set, e.g. `CDA.xsd` or `coreschemas/datatypes.xsd`. */
  name: string;
  bytes: Uint8Array;
}

export class CdaResources {
  constructor(readonly dir: string) {
    if (!existsSync(join(dir, 'schematron', 'INDEX.csv'))) {
      throw new Error(`CDA resources not found in ${dir} (missing schematron/INDEX.csv)`);
    }
  }

  /** INDEX.csv rows whose file exists on disk. */
  schematronIndex(): SchematronIndexEntry[] {
    const present = new Set(readdirSync(join(this.dir, 'schematron')).filter((f) => f.endsWith('.sch')));
    return parseSchematronIndex(readFileSync(join(this.dir, 'schematron', 'INDEX.csv'), 'utf8')).filter((e) => present.has(e.file));
  }

  schematronText(file: string): string {
    if (file.includes('/') || file.includes('\\')) throw new Error(`bad schematron file name ${file}`);
    return readFileSync(join(this.dir, 'schematron', file), 'utf8');
  }

  terminologyTables(): Map<string, CodeSystemTable> {
    const dir = join(this.dir, 'terminology');
    const tables = new Map<string, CodeSystemTable>();
    for (const f of readdirSync(dir)) {
      if (!f.endsWith('.csv')) continue;
      const oid = f.slice(0, -4);
      tables.set(oid, parseCodeSystemCsv(oid, readFileSync(join(dir, f), 'utf8')));
    }
    return tables;
  }

  xsdSets(): string[] {
    return readdirSync(join(this.dir, 'schema')).filter((d) => existsSync(join(this.dir, 'schema', d, 'CDA.xsd')));
  }

  /**
   * The set's files laid out as CDA.xsd expects: `CDA.xsd` includes `./coreschemas/…` but the
   * official sets are stored flat (CDA-VALIDATION.md §9 "XSD include path").
   */
  xsdFiles(set: string): SchemaFile[] {
    const dir = join(this.dir, 'schema', set);
    return readdirSync(dir)
      .filter((f) => f.endsWith('.xsd'))
      .map((f) => ({ name: f === 'CDA.xsd' ? f : `coreschemas/${f}`, bytes: readFileSync(join(dir, f)) }));
  }
}
