/**
 * Trend charts (Parametri tab): drawing one series of 10,000 points in Chromium, with the
 * Parametri tab's own shaping and uPlot options (renderer/src/features/trends/trend-plot.ts),
 * built by Vite into the smallest harness page and served with the app's response headers (its
 * Content-Security-Policy: a violation stops the measurement). Baseline in the same run and
 * page: a bare canvas polyline of the same values on a canvas of the same size.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { APP_RESPONSE_HEADERS } from '../../shared/security/csp.ts';
import { fmt, percentile, report } from './stats.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const HARNESS = resolve('renderer/src/features/trends/bench');
const POINTS = 10_000;
const RUNS = 15;
/** What the harness page exposes (renderer/src/features/trends/bench/trend-chart.ts). */
type Harness = { benchTrendChart(n: number, runs: number): Promise<{ chart: number[]; bare: number[] }> };

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };

function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = normalize(join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    if (!path.startsWith(dir) || !existsSync(path) || !extname(path)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { ...APP_RESPONSE_HEADERS, 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' });
    res.end(readFileSync(path));
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => {
    const a = server.address();
    ok({ server, url: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}/trend-chart.html` });
  }));
}

export async function run(): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not installed`);
  const out = mkdtempSync(join(tmpdir(), 'cartella-bench-trends-'));
  try {
    await build({
      configFile: false, root: HARNESS, base: './', logLevel: 'error',
      build: { outDir: out, emptyOutDir: true, target: 'es2022', rollupOptions: { input: join(HARNESS, 'trend-chart.html') } },
    });
    const { server, url } = await serve(out);
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const refused: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
      });
      page.on('pageerror', (e) => refused.push(e.message));
      await page.goto(url);
      await page.waitForFunction(() => typeof (globalThis as unknown as Partial<Harness>).benchTrendChart === 'function');
      await page.evaluate((n) => (globalThis as unknown as Harness).benchTrendChart(n, 3), POINTS); // warm-up: JIT, fonts
      const { chart, bare } = await page.evaluate(([n, runs]) => (globalThis as unknown as Harness).benchTrendChart(n, runs), [POINTS, RUNS] as const);
      if (refused.length) throw new Error(`the harness broke the CSP or failed: ${refused[0]}`);
      const median = percentile(chart, 50);
      const base = percentile(bare, 50);
      report(`trend chart ${POINTS} points`, `${fmt(median)} ms`, `median of ${RUNS}, p95 ${fmt(percentile(chart, 95))} ms; ${(median / base).toFixed(1)}× the bare canvas baseline`);
      report('  baseline: bare canvas polyline, same points', `${fmt(base)} ms`);
    } finally {
      await browser.close();
      server.close();
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
