/**
 * The *built* main process (out/main/index.js, what electron-builder packs) booted under
 * plain Node with a stand-in `electron` module (tests/e2e-electron/stand-in): it finds its
 * built preload and renderer, starts the real services with the bundled db-worker.js, answers
 * over the IPC handler, refuses a foreign sender, serves app:// with the CSP, and shuts down.
 * Catches bundling mistakes (externals, chunk paths, import.meta.url) without the binary.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';

const repo = path.resolve(import.meta.dirname, '../..');
const mainFile = path.join(repo, 'out/main/index.js');

test('the built main process boots, serves and answers under a stand-in electron', async () => {
  test.skip(!existsSync(mainFile), 'out/main is not built (npx electron-vite build)');
  expect(existsSync(path.join(repo, 'out/main/db-worker.js'))).toBe(true);
  expect(existsSync(path.join(repo, 'out/preload/index.cjs'))).toBe(true);
  const userData = mkdtempSync(path.join(os.tmpdir(), 'cartella-built-main-'));
  try {
    const stdout = execFileSync(
      process.execPath,
      ['--import', pathToFileURL(path.join(import.meta.dirname, 'stand-in/register.mjs')).href, path.join(import.meta.dirname, 'stand-in/boot.mjs'), pathToFileURL(mainFile).href],
      { cwd: repo, env: { ...process.env, CARTELLA_USER_DATA_DIR: userData, CARTELLA_LOG_LEVEL: 'warn' }, encoding: 'utf8', timeout: 60_000 },
    );
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(result.url).toBe('app://cartella/index.html');
    expect(result.preload).toBe(path.join(repo, 'out/preload/index.cjs'));
    expect(result.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
    expect(result.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
    expect(result.info).toMatchObject({ ok: true, value: { runtime: 'electron', version: '0.0.0-built' } });
    expect(result.foreign).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(result.index).toMatchObject({ status: 200, html: true });
    expect(result.index.csp).toContain("default-src 'self'");
    expect(result.quit).toBe(true);
    expect(existsSync(path.join(userData, 'cartella.db'))).toBe(true);
  } finally {
    rmSync(userData, { recursive: true, force: true });
  }
});
