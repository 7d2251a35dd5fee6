/**
 * `npm start` without Electron (scripts/start.js → node host): the terminal shows a short
 * Italian message with the address to open, and no raw JSON log lines (they go to the log
 * file in the data folder).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { findElectronBinary } from '../e2e-electron/electron-binary.ts';
import { repo } from '../e2e-web/node-host.ts';

it.skipIf(findElectronBinary().ok)('npm start prints a short Italian message and keeps the log in the log file', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cartella-start-'));
  const child = spawn(process.execPath, ['scripts/start.js'], {
    cwd: repo,
    env: { ...process.env, CARTELLA_DATA_DIR: dataDir, CARTELLA_NO_BROWSER: '1', CARTELLA_SANDBOX_PATIENTS: '0', PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ready message in 90 s:\n${out}`)), 90_000);
      const check = setInterval(() => {
        if (/Cartella è pronta: apri http:\/\/127\.0\.0\.1:\d+/.test(out)) {
          clearTimeout(timer);
          clearInterval(check);
          // Leave the host a moment to log its start-up (outbox, simulator) where it belongs.
          setTimeout(resolve, 1500);
        }
      }, 100);
    });
    expect(out).toContain('Cartella si apre nel browser');
    expect(out, 'no JSON log lines on the terminal').not.toMatch(/\{"level"/);
    expect(out).not.toMatch(/binary|not downloaded|node host/i);
    const log = path.join(dataDir, 'logs', 'node-host.log');
    expect(existsSync(log)).toBe(true);
    expect(readFileSync(log, 'utf8')).toMatch(/"level":30/);
  } finally {
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 120_000);
