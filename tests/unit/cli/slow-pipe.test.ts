/**
 * `cartella` into a slow pipe: the process exits only after everything it printed has been
 * written, so a reader that falls behind still gets every line (a Linux pipe holds 64 KiB;
 * what Node has queued beyond it is lost if the process exits first).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp-services.ts';

const REPO = join(import.meta.dirname, '../../..');
const KO = join(REPO, 'tests/fixtures/cda/validator-tests/PSS/KO/CDA2_Profilo_Sanitario_Sintetico Errore 1.xml');

describe('cartella CLI into a slow reader', () => {
  const dir = tempDir();
  afterAll(() => dir.dispose());

  it('validate of 60 files prints 60 lines to a reader that starts late and reads slowly', () => {
    const files = Array.from({ length: 60 }, (_, i) => {
      const f = join(dir.path, `doc-${i}.xml`);
      copyFileSync(KO, f);
      return f;
    });
    const out = join(dir.path, 'out.jsonl');
    // The reader waits 2 s, then reads with a pause after every chunk.
    const reader = `setTimeout(() => process.stdin.on('data', (c) => { process.stdout.write(c); process.stdin.pause(); setTimeout(() => process.stdin.resume(), 5); }), 2000)`;
    const script = `node bin/cartella.js validate "$@" | node -e "${reader}" > "${out}"; echo "\${PIPESTATUS[0]}"`;
    const r = spawnSync('bash', ['-c', script, '_', ...files], { cwd: REPO, encoding: 'utf8', timeout: 110_000 });
    const text = readFileSync(out, 'utf8');
    expect(text.length).toBeGreaterThan(256 * 1024); // far more than a pipe buffer
    const lines = text.split('\n').filter(Boolean);
    expect(lines).toHaveLength(60);
    for (const l of lines) expect(JSON.parse(l)).toMatchObject({ valid: false });
    expect(r.stdout.trim()).toBe('1'); // exit 1: the files are invalid
  }, 120_000);
});
