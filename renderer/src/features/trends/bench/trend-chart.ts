/**
 * The browser half of the `trend chart` bench (bench/sections/trends.ts): the smallest page that
 * draws a trend exactly as the Parametri tab does (the same shaping and the same uPlot options,
 * trend-plot.ts), served with the app's Content-Security-Policy. Not part of the app's bundle.
 *
 * `window.benchTrendChart(n, runs)` draws one series of n points `runs` times and answers the
 * milliseconds of each: from the points as `observations.series` returns them to the chart drawn
 * and rasterised (uPlot's draw hook, then a pixel read), and, as the same run's baseline, a bare canvas polyline of the same
 * values on a canvas of the same size (the floor any canvas chart pays).
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { SeriesPoint } from '../../../../../shared/api/observations.ts';
import { alignSeries } from '../trend-data.ts';
import { trendPlot } from '../trend-plot.ts';

const WIDTH = 560;
const HEIGHT = 240;

/** n glucose-like readings three a day from 2006 on, range 70-100, some flagged (deterministic). */
function points(n: number): SeriesPoint[] {
  const t0 = Date.UTC(2006, 0, 1, 6);
  return Array.from({ length: n }, (_, i) => {
    const value = Math.round(110 + 35 * Math.sin(i / 37) + ((i * 7919) % 23) - 11);
    return {
      id: `B${i}`, at: `${new Date(t0 + i * 8 * 3_600_000).toISOString().slice(0, 19)}Z`, value, unit: 'mg/dL', low: 70, high: 100,
      interpretation: i % 97 === 0 ? 'HH' : null, source: 'device', documentId: null, panelId: null,
    };
  });
}

function host(): HTMLElement {
  const el = document.createElement('div');
  el.style.width = `${WIDTH}px`;
  document.getElementById('charts')!.append(el);
  return el;
}

function drawChart(series: SeriesPoint[]): Promise<number> {
  return new Promise((resolve) => {
    const el = host();
    const t0 = performance.now();
    const { opts, data } = trendPlot({ trend: alignSeries([series]), labels: ['Glucosio'], width: WIDTH, height: HEIGHT, timeZone: 'Europe/Rome' });
    opts.hooks!.draw!.push((u) => {
      u.ctx.getImageData(0, 0, 1, 1); // the canvas rasterised, as the baseline's
      const ms = performance.now() - t0;
      queueMicrotask(() => {
        u.destroy();
        el.remove();
      });
      resolve(ms);
    });
    new uPlot(opts, data, el);
  });
}

function drawBare(series: SeriesPoint[]): number {
  const el = host();
  const t0 = performance.now();
  const canvas = document.createElement('canvas');
  canvas.width = WIDTH * devicePixelRatio;
  canvas.height = HEIGHT * devicePixelRatio;
  el.append(canvas);
  const ctx = canvas.getContext('2d')!;
  const xs = series.map((p) => Date.parse(p.at));
  const ys = series.map((p) => p.value!);
  let lo = Infinity;
  let hi = -Infinity;
  for (const y of ys) {
    lo = Math.min(lo, y);
    hi = Math.max(hi, y);
  }
  const [x0, x1] = [xs[0]!, xs[xs.length - 1]!];
  ctx.beginPath();
  for (let i = 0; i < xs.length; i++) {
    const px = ((xs[i]! - x0) / (x1 - x0)) * canvas.width;
    const py = canvas.height - ((ys[i]! - lo) / (hi - lo)) * canvas.height;
    if (i === 0) ctx.moveTo(px, py);
    else ctx.lineTo(px, py);
  }
  ctx.stroke();
  ctx.getImageData(0, 0, 1, 1); // the canvas rasterised, as the chart's
  const ms = performance.now() - t0;
  el.remove();
  return ms;
}

declare global {
  interface Window {
    benchTrendChart(n: number, runs: number): Promise<{ chart: number[]; bare: number[] }>;
  }
}

window.benchTrendChart = async (n, runs) => {
  const series = points(n);
  const chart: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < runs; i++) {
    chart.push(await drawChart(series));
    bare.push(drawBare(series));
    await new Promise((r) => requestAnimationFrame(r));
  }
  return { chart, bare };
};
