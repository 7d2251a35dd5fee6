#!/usr/bin/env node
// `npm start`: the app on its embedded defaults (local encrypted database, sandbox panel,
// built-in gateway simulator, SoftHSM test token). Electron when its binary is present;
// otherwise the node host, whose URL is printed and opened in Chromium when one is installed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { electronBinary } from './electron-binary.js';
import { nodeHostArgs } from './node-host-bundle.js';

const root = new URL('..', import.meta.url).pathname;
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

const electron = electronBinary();
if (electron.available) {
  run('npx', ['electron-vite', 'build']);
  const child = spawn(electron.binary, ['.'], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  // Short, Italian, human: the details (why Electron is missing, every log line) go to the log file.
  console.log('Cartella si apre nel browser (Electron non è installato su questo computer).');
  run('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn']);
  // The node host as a bundle (built here when missing or older than its sources): no tsx at start.
  const host = spawn(process.execPath, await nodeHostArgs(), { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  host.stdout.setEncoding('utf8');
  host.stdout.on('data', (chunk) => {
    const m = /WEBHOST_LISTENING (\S+)/.exec(chunk);
    if (!m) return process.stdout.write(chunk);
    console.log(`\nCartella è pronta: apri ${m[1]}\nnel browser. Per fermarla premi Ctrl+C. Il registro è in ${logDir()}.\n`);
    openBrowser(m[1]);
  });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => host.kill('SIGTERM'));
  host.on('exit', (code) => process.exit(code ?? 0));
}

function logDir() {
  return join(process.env.CARTELLA_DATA_DIR ?? join(homedir(), '.cartella-dev'), 'logs');
}

function openBrowser(url) {
  if (process.env.CARTELLA_NO_BROWSER || process.env.CI) return;
  const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(existsSync);
  if (!chromium || (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)) return;
  const profile = mkdtempSync(join(tmpdir(), 'cartella-chromium-'));
  spawn(chromium, [`--app=${url}`, `--user-data-dir=${profile}`, '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'], {
    stdio: 'ignore',
    detached: true,
  }).unref();
}
