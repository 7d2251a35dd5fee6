/**
 * The Scheda paziente on the closely followed 20-year patient (3,000 documents, 50,000
 * observations), seeded as the sandbox does: the Riepilogo's answer through the dispatcher and
 * the db worker (`riepilogo API p95`), and the timeline's pages read to the end; then in
 * Chromium against the node host (`riepilogo painted`, `timeline scroll`).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import type { RunningHost } from '../../tests/e2e-web/node-host.ts';
import { rpc } from '../../tests/e2e-web/rpc.ts';
import { seedPatientHistory } from '../../electron/services/record/seed-history.ts';
import { syntheticPatients } from '../../shared/synthetic/patients.ts';
import { tempServices } from '../../tests/helpers/temp-services.ts';
import { fmt, percentile, report } from './stats.ts';

const ctx = { actor: 'bench', transport: 'in-process' as const };
const TODAY = '2026-11-30';

export async function run(): Promise<void> {
  await viaServices();
  await inChromium();
}

async function viaServices(): Promise<void> {
  const s = await tempServices();
  try {
    const input = syntheticPatients({ count: 200, seed: 42, today: new Date(TODAY) }).find((p) => p.birthDate < '1950')!;
    const { id } = await s.db.call('patients.insert', { actor: 'bench', patient: input });
    await seedPatientHistory(s.db, { actor: 'bench', patientId: id, patient: input, seed: 4200, history: { today: TODAY, years: 20, intensive: { documents: 3000, observations: 50_000 } } });

    const call = async (method: string, args: unknown) => {
      const t = performance.now();
      const r = await s.dispatcher.dispatch(method as never, args, ctx);
      if (!r.ok) throw new Error(`${method} failed: ${r.error.code}`);
      return { ms: performance.now() - t, value: r.value as never };
    };
    for (let i = 0; i < 10; i++) await call('summary.get', { patientId: id, today: TODAY });
    const times: number[] = [];
    for (let i = 0; i < 100; i++) times.push((await call('summary.get', { patientId: id, today: TODAY })).ms);
    report('riepilogo API p95', `${fmt(percentile(times, 95))} ms`, 'target < 30 ms; summary.get through the dispatcher and the db worker');

    const pages: number[] = [];
    let cursor: string | undefined;
    let items = 0;
    do {
      const r = await call('timeline.list', { patientId: id, limit: 200, ...(cursor ? { cursor } : {}) });
      const v = r.value as { items: unknown[]; nextCursor: string | null };
      pages.push(r.ms);
      items += v.items.length;
      cursor = v.nextCursor ?? undefined;
    } while (cursor);
    report('timeline page of 200 p95', `${fmt(percentile(pages, 95))} ms`, `${pages.length} pages, ${items} items to the end`);
    const search: number[] = [];
    for (let i = 0; i < 20; i++) search.push((await call('timeline.list', { patientId: id, text: 'inr', limit: 100 })).ms);
    report('timeline text search p95', `${fmt(percentile(search, 95))} ms`);
  } finally {
    await s.dispose();
  }
}

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

// The page scripts as text: tsx would otherwise name the functions inside them with a helper the page does not have.
const PAINTED = `(async () => {
  const t0 = performance.now();
  location.hash = '#/assistiti/' + @ID;
  const panels = ['summary-allergies', 'summary-problems', 'summary-therapies', 'summary-measures', 'summary-due'];
  await new Promise((resolve) => {
    const check = () => (panels.every((k) => document.querySelector('[data-testid="' + k + '"]')) && document.querySelector('[data-testid="timeline-item"]') ? resolve() : requestAnimationFrame(check));
    check();
  });
  return performance.now() - t0;
})()`;

// Scrolls 400 px per frame until the end of the history stops growing for 60 frames, counting tasks over 50 ms.
const SCROLL = `(async () => {
  const longTasks = [];
  const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push(e.duration); });
  observer.observe({ type: 'longtask', buffered: false });
  const el = document.querySelector('[data-testid="timeline-scroller"]');
  let still = 0;
  let last = -1;
  while (still < 60) {
    el.scrollBy(0, 400);
    await new Promise((r) => requestAnimationFrame(r));
    const h = el.scrollHeight;
    if (h === last && el.scrollTop + el.clientHeight >= h - 1) still++;
    else still = 0;
    last = h;
  }
  observer.disconnect();
  return { longTasks: longTasks.length, worst: Math.max(0, ...longTasks), items: document.querySelectorAll('[data-testid="timeline-item"]').length, height: el.scrollHeight };
})()`;

/** Thread CPU of the renderer's main-thread tasks from a Chromium trace, with what took it in the costliest. */
type TaskCpu = { ms: number[]; top: Record<string, number> };
const PARTS = ['Paint', 'Layout', 'UpdateLayoutTree', 'PrePaint', 'FunctionCall', 'EventDispatch', 'v8.run', 'ParseHTML'];

function taskCpu(trace: Buffer): TaskCpu {
  type E = { name: string; ph: string; tid: number; pid: number; ts: number; dur?: number; tdur?: number; args?: { name?: string } };
  const events = (JSON.parse(trace.toString()) as { traceEvents: E[] }).traceEvents;
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && events.some((x) => x.pid === e.pid && x.tid === e.tid && x.name === 'Paint'));
  if (!main) return { ms: [], top: {} };
  const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X');
  const tasks = mine.filter((e) => e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask');
  const ms = tasks.map((e) => (e.tdur ?? e.dur ?? 0) / 1000);
  const worst = tasks[ms.indexOf(Math.max(0, ...ms))];
  const top: Record<string, number> = {};
  if (worst) {
    for (const e of mine) {
      if (e.ts >= worst.ts && e.ts < worst.ts + (worst.dur ?? 0) && PARTS.includes(e.name)) top[e.name] = (top[e.name] ?? 0) + (e.tdur ?? e.dur ?? 0) / 1000;
    }
  }
  return { ms, top };
}

/**
 * The same scroll again (the Riepilogo opened anew, so the pages arrive again) under a Chromium
 * trace: each main-thread task's thread CPU, which the machine's load does not lengthen as it
 * does the wall-clock long tasks above. Diagnostic only; the trace itself costs a little CPU.
 */
async function scrollTraced(page: Page, patientId: string): Promise<void> {
  await page.evaluate(() => (location.hash = '#/assistiti'));
  await page.getByTestId('patient-search').waitFor({ state: 'visible' });
  await page.evaluate(PAINTED.replace('@ID', JSON.stringify(patientId)));
  const browser = page.context().browser()!;
  await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', ...(process.env.CARTELLA_BENCH_TRACE ? ['disabled-by-default-v8.cpu_profiler'] : [])] });
  const t0 = process.cpuUsage();
  await page.evaluate(SCROLL);
  const cpu = process.cpuUsage(t0);
  const trace = await browser.stopTracing();
  // CARTELLA_BENCH_TRACE=<file> keeps the trace, to open in the DevTools performance panel.
  if (process.env.CARTELLA_BENCH_TRACE) writeFileSync(process.env.CARTELLA_BENCH_TRACE, trace);
  const { ms, top } = taskCpu(trace);
  const parts = Object.entries(top).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${fmt(v)}`).join(', ');
  report('timeline scroll task CPU', `${ms.filter((m) => m > 16).length} tasks > 16 ms CPU`, `${ms.length} main-thread tasks; p99 ${ms.length ? fmt(percentile(ms, 99)) : "-"} ms, max ${fmt(Math.max(0, ...ms))} ms (${parts || 'no parts'}), sum ${fmt(ms.reduce((a, b) => a + b, 0))} ms; bench process ${fmt((cpu.user + cpu.system) / 1000)} ms`);
}

/** What the sandbox writes for its 20-year patient (sandbox-panel.ts, SANDBOX_HISTORIES): documents first, observations last. */
const HISTORY = { documents: 3000, observations: 50_000 };
const HISTORY_TIMEOUT_MS = 10 * 60_000;

/**
 * The 20-year patient (the first adult of 55 or more, the sandbox's rule) once its whole history
 * is written: its 3,000 received documents, then its 50,000 observations, which the db worker
 * writes last and in parts. Measuring before the last part would time the sandbox's writes as
 * well as the Riepilogo. The observations are counted over RPC (observations.latest's count per
 * code), not read from the log, which a quiet log level leaves empty; the count must also hold
 * still between two reads, since the patient's own record holds a few observations of its own.
 */
async function waitForHistory(host: RunningHost): Promise<string> {
  const t0 = Date.now();
  let seen = 'no adult of 55 or more yet';
  let last = -1;
  for (;;) {
    const { items } = await rpc<{ items: Array<{ id: string; birthDate: string }> }>(host, 'patients.search', { text: '', limit: 40 });
    const p = items.find((x) => new Date().getUTCFullYear() - Number(x.birthDate.slice(0, 4)) >= 55);
    if (p) {
      const documents = (await rpc<{ total: number }>(host, 'received.list', { patientId: p.id, limit: 1 })).total;
      const observations = documents < HISTORY.documents ? 0
        : (await rpc<{ items: Array<{ count: number }> }>(host, 'observations.latest', { patientId: p.id })).items.reduce((n, i) => n + i.count, 0);
      seen = `${documents} documents, ${observations} observations`;
      if (observations >= HISTORY.observations && observations === last) return p.id;
      last = observations;
    }
    if (Date.now() - t0 > HISTORY_TIMEOUT_MS) throw new Error(`the 20-year history was not written in ${HISTORY_TIMEOUT_MS / 60_000} minutes (${seen}; wanted ${HISTORY.documents} documents, ${HISTORY.observations} observations)`);
    await new Promise((r) => setTimeout(r, 2000));
  }
}

/**
 * In Chromium against the node host with the sandbox panel (its 20-year patient written in the
 * background after start, waited for): from navigation to every Riepilogo panel filled (the
 * timeline's first rows included), and the long tasks (> 50 ms) while scrolling the whole
 * timeline to its first event.
 */
export async function inChromium(): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not installed`);
  if (!existsSync('out/renderer/index.html')) throw new Error('renderer not built (npm run build:renderer)');
  const dataDir = mkdtempSync(join(tmpdir(), 'cartella-bench-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/node-host/index.ts'], {
    env: { ...process.env, CARTELLA_DATA_DIR: dataDir, CARTELLA_SANDBOX_PATIENTS: '40', CARTELLA_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  try {
    const loginUrl = await new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (c: string) => { const m = /WEBHOST_LISTENING (\S+)/.exec(c); if (m) resolve(m[1]!); });
      child.once('exit', (code) => reject(new Error(`node host exited (${code})`)));
    });
    const url = new URL(loginUrl);
    const host = { port: Number(url.port), token: url.searchParams.get('token') ?? '' } as RunningHost;
    const patientId = await waitForHistory(host);
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(loginUrl);
    await page.getByTestId('patient-search').waitFor({ state: 'visible' });
    const painted: number[] = [];
    for (let i = 0; i < 12; i++) {
      await page.evaluate(() => (location.hash = '#/assistiti'));
      await page.getByTestId('patient-search').waitFor({ state: 'visible' });
      const ms = (await page.evaluate(PAINTED.replace('@ID', JSON.stringify(patientId)))) as number;
      if (i >= 2) painted.push(ms);
    }
    report('riepilogo painted', `${fmt(percentile(painted, 50))} ms`, `target < 200 ms; median of ${painted.length}, p95 ${fmt(percentile(painted, 95))} ms; navigation → every panel filled`);

    const scroll = (await page.evaluate(SCROLL)) as { longTasks: number; worst: number; items: number; height: number };
    report('timeline scroll', `${scroll.longTasks} long tasks`, `target 0; worst ${fmt(scroll.worst)} ms; the whole history, ${fmt(scroll.height / 56)} rows of ~56 px, ${scroll.items} rows in the page at the end`);
    await scrollTraced(page, patientId);
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
