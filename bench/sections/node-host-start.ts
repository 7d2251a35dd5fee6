import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { nodeHostArgs } from '../../scripts/node-host-bundle.js';
import { fmt, percentile, report } from './stats.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Spawns the node host on a fresh data folder; resolves with its login URL and the spawn time. */
function startHost(args: string[], dataDir: string, patients: number) {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, {
    env: { ...process.env, CARTELLA_DATA_DIR: dataDir, CARTELLA_SANDBOX_PATIENTS: String(patients), CARTELLA_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = new Promise<{ url: string; listeningMs: number; listeningCpuMs: number }>((resolve, reject) => {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (c: string) => {
      const m = /WEBHOST_LISTENING (\S+)/.exec(c);
      if (m) resolve({ url: m[1]!, listeningMs: performance.now() - t0, listeningCpuMs: cpuMs(child.pid!) });
    });
    child.once('exit', (code) => reject(new Error(`node host exited (${code})`)));
  });
  return { child, t0, url };
}

/** CPU time (user + system, all threads) a process has used so far, in ms, from /proc (Linux, 100 Hz ticks). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** RSS of a process from /proc, in MiB (Linux). */
function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

/**
 * Cold start: from spawning the node host (fresh database, sandbox panel of 300) to the patient
 * list being interactive in Chromium (search box focused, first rows shown). Baseline in the
 * same run: a bare `node -e ''` start, the floor no Node app can beat.
 */
export async function run(): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not installed`);
  if (!existsSync('out/renderer/index.html')) throw new Error('renderer not built (npm run build:renderer)');
  // The bundle as npm start runs it, built before the clock starts (scripts/node-host-bundle.js).
  const args = await nodeHostArgs();
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  const startups: number[] = [];
  const listening: number[] = [];
  const listeningCpu: number[] = [];
  const pageToRows: number[] = [];
  let rss = 0;
  try {
    for (let i = 0; i < 5; i++) {
      const dataDir = mkdtempSync(join(tmpdir(), 'cartella-bench-'));
      const host = startHost(args, dataDir, 300);
      try {
        const { url, listeningMs, listeningCpuMs } = await host.url;
        const page = await browser.newPage();
        const tPage = performance.now();
        await page.goto(url);
        await page.getByTestId('patient-search').waitFor({ state: 'visible' });
        await page.locator('table tbody tr').first().waitFor({ state: 'visible' });
        startups.push(performance.now() - host.t0);
        pageToRows.push(performance.now() - tPage);
        listening.push(listeningMs);
        listeningCpu.push(listeningCpuMs);
        await page.close();
        rss = rssMiB(host.child.pid!);
      } finally {
        host.child.kill('SIGTERM');
        await new Promise((r) => host.child.once('exit', r));
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  } finally {
    await browser.close();
  }
  const bare: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await new Promise((r) => spawn(process.execPath, ['-e', '']).once('exit', r));
    bare.push(performance.now() - t);
  }
  const median = percentile(startups, 50);
  report('node host spawn → listening (median of 5)', `${fmt(percentile(listening, 50))} ms`);
  report('node host cold start → first interactive page (median)', `${fmt(median)} ms`, `incl. first-run key, migrations, 300-patient sandbox panel`);
  // Where the time goes: the host's own CPU before it listens (steadier than wall time on a
  // shared machine), and the browser's part, from opening the URL to the rows.
  report('  node host CPU until listening (median, user+sys, all threads)', `${fmt(percentile(listeningCpu, 50))} ms`);
  report('  page open → patient rows shown (median)', `${fmt(percentile(pageToRows, 50))} ms`, 'Chromium: load, parse, first render, first RPCs');
  report('  baseline: bare `node -e ""` start (median)', `${fmt(percentile(bare, 50))} ms`, `${(median / percentile(bare, 50)).toFixed(1)}x`);
  report('node host RSS after load', `${rss.toFixed(0)} MiB`);
}
