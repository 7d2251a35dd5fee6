#!/usr/bin/env node
// `npm test`: lint (dependency rule + electronegativity), typecheck per layer, vitest, the
// Playwright e2e in Chromium against the node host, and the Electron e2e (skipped, with the
// reason, where the binary is missing). Every step runs even if an earlier one fails, and the
// run ends with one summary line: "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const reports = join(root, '.tmp', 'test-reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSteps = [];

function step(name, cmd, args, env = {}) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const t = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  console.log(`=== ${name}: ${ok ? 'ok' : `FAILED (exit ${r.status})`} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  if (!ok) failedSteps.push(name);
  return ok;
}

function countVitest(file) {
  if (!existsSync(file)) return;
  const j = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += j.numPassedTests ?? 0;
  totals.failed += j.numFailedTests ?? 0;
  totals.skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
}

function countPlaywright(file) {
  if (!existsSync(file)) return;
  const s = JSON.parse(readFileSync(file, 'utf8')).stats ?? {};
  totals.passed += (s.expected ?? 0) + (s.flaky ?? 0);
  totals.failed += s.unexpected ?? 0;
  totals.skipped += s.skipped ?? 0;
}

const npx = 'npx';
step('lint', 'npm', ['run', '--silent', 'lint']);
step('typecheck shared', npx, ['tsc', '-p', 'tsconfig.shared.json']);
step('typecheck renderer', npx, ['tsc', '-p', 'tsconfig.renderer.json']);
step('typecheck node', npx, ['tsc', '-p', 'tsconfig.node.json']);
const vitestJson = join(reports, 'vitest.json');
step('vitest', npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
countVitest(vitestJson);
if (step('build renderer', npx, ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'])) {
  const webJson = join(reports, 'playwright-web.json');
  step('e2e web (Chromium, node host)', npx, ['playwright', 'test', '--config', 'playwright.config.ts', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: webJson,
  });
  countPlaywright(webJson);
}
if (existsSync(join(root, 'playwright.electron.config.ts'))) {
  const elJson = join(reports, 'playwright-electron.json');
  step('e2e electron', npx, ['playwright', 'test', '--config', 'playwright.electron.config.ts', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: elJson,
  });
  countPlaywright(elJson);
}

console.log(failedSteps.length ? `\nFailed steps: ${failedSteps.join(', ')}` : '\nAll steps passed.');
if (failedSteps.length && totals.failed === 0) totals.failed = failedSteps.length; // a step failed outside any test
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length ? 1 : 0);
