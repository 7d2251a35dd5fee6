import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * Proves the dependency rule bites: each fixture is linted as if it stood at the path named in
 * its first line; every fixture must be rejected by the boundary rules, except those marked clean.
 */
const dir = join(import.meta.dirname, '..', 'lint-fixtures');
const eslint = new ESLint({ cwd: join(import.meta.dirname, '..', '..') });

describe('dependency rule (ARCHITECTURE.md §3)', () => {
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(join(dir, name), 'utf8');
    const filePath = /lint-as: (\S+)/.exec(text)?.[1];
    const clean = text.includes('expect: clean');
    it(`${name} (as ${filePath}) is ${clean ? 'accepted' : 'rejected'}`, async () => {
      expect(filePath).toBeDefined();
      const [result] = await eslint.lintText(text, { filePath: filePath! });
      const boundary = result!.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals');
      if (clean) expect(result!.messages).toEqual([]);
      else expect(boundary.length).toBeGreaterThan(0);
    });
  }
});
