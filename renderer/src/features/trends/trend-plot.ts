/**
 * The uPlot chart of one trend (DASHBOARD.md §3: canvas, fast at tens of thousands of points,
 * clean under the app's CSP: no eval, its few styles set through element.style, which
 * `style-src` allows). The reference ranges are drawn as bands under the lines, abnormal
 * points as marks whose shape says low (▼), high (▲) or abnormal (◆), filled when critical, so
 * the mark is never colour alone. The React component (TrendChart.tsx) and the bench harness
 * build their charts here, so the bench measures what the doctor sees.
 */
import uPlot from 'uplot';
import { formatDecimal } from '../../../../shared/format/decimal.ts';
import { formatDateTimeIn } from '../../../../shared/format/clinical-time.ts';
import {
  abnormalMarks,
  flagDirection,
  isCritical,
  planBands,
  referenceBands,
  valueExtent,
  type AbnormalMark,
  type AlignedTrend,
  type PlanTarget,
  type ReferenceBand,
} from './trend-data.ts';

/** Line colours of the series, in order (WCAG 1.4.11: at least 3:1 against white). */
export const SERIES_COLOURS = ['#1864ab', '#c2255c', '#2b8a3e', '#e8590c'] as const;
const BAND_FILL = 'rgba(47, 158, 68, 0.14)';
/** The telemonitoring plan's target: blue, hatched by its dashed edges, so it is not the reference's green alone. */
const TARGET_FILL = 'rgba(24, 100, 171, 0.12)';
const TARGET_EDGE = '#1864ab';
const MARK_COLOUR = '#c92a2a';

export interface TrendPlotInput {
  trend: AlignedTrend;
  labels: string[];
  width: number;
  height: number;
  /** The doctor's time zone: the axis prints the days of that zone. */
  timeZone: string;
  /** Telemonitoring plans' target ranges, drawn as bands like the reference ranges. */
  targets?: readonly PlanTarget[];
}

/** The date axis' labels: dd/mm/yyyy (UX.md), mm/yyyy or yyyy when the ticks are that far apart. */
function dateLabel(sec: number, zone: string, step: number): string {
  const dmy = formatDateTimeIn(new Date(sec * 1000), zone).slice(0, 10);
  if (step >= 365 * 86400) return dmy.slice(6);
  if (step >= 28 * 86400) return dmy.slice(3);
  return dmy;
}

function drawBands(u: uPlot, bands: readonly ReferenceBand[], x: readonly number[], fill = BAND_FILL, edge?: string): void {
  const { ctx, bbox } = u;
  ctx.save();
  ctx.fillStyle = fill;
  if (edge) {
    ctx.strokeStyle = edge;
    ctx.lineWidth = uPlot.pxRatio;
    ctx.setLineDash([4 * uPlot.pxRatio, 3 * uPlot.pxRatio]);
  }
  ctx.beginPath();
  ctx.rect(bbox.left, bbox.top, bbox.width, bbox.height);
  ctx.clip();
  const last = x.length - 1;
  for (const b of bands) {
    // The first band starts at the chart's left edge, the last one reaches its right edge.
    const x0 = b.from === 0 ? bbox.left : u.valToPos(x[b.from]!, 'x', true);
    const x1 = b.to === last ? bbox.left + bbox.width : u.valToPos(x[b.to]!, 'x', true);
    const yTop = b.high === null ? bbox.top : u.valToPos(b.high, 'y', true);
    const yBottom = b.low === null ? bbox.top + bbox.height : u.valToPos(b.low, 'y', true);
    ctx.fillRect(x0, yTop, Math.max(x1 - x0, 2), yBottom - yTop);
    if (edge) {
      ctx.beginPath();
      if (b.high !== null) { ctx.moveTo(x0, yTop); ctx.lineTo(x1, yTop); }
      if (b.low !== null) { ctx.moveTo(x0, yBottom); ctx.lineTo(x1, yBottom); }
      ctx.stroke();
    }
  }
  ctx.restore();
}

function drawMarks(u: uPlot, marks: readonly AbnormalMark[], trend: AlignedTrend): void {
  const { ctx } = u;
  const r = 5 * uPlot.pxRatio;
  const xMin = u.scales.x?.min ?? -Infinity;
  const xMax = u.scales.x?.max ?? Infinity;
  ctx.save();
  ctx.lineWidth = 1.5 * uPlot.pxRatio;
  ctx.strokeStyle = MARK_COLOUR;
  ctx.fillStyle = MARK_COLOUR;
  for (const m of marks) {
    const xv = trend.x[m.index]!;
    const yv = trend.ys[m.series]![m.index];
    if (yv === null || yv === undefined || xv < xMin || xv > xMax) continue;
    const cx = u.valToPos(xv, 'x', true);
    const cy = u.valToPos(yv, 'y', true);
    ctx.beginPath();
    const dir = flagDirection(m.flag);
    if (dir === 'high') {
      ctx.moveTo(cx, cy - r); ctx.lineTo(cx + r, cy + r * 0.8); ctx.lineTo(cx - r, cy + r * 0.8);
    } else if (dir === 'low') {
      ctx.moveTo(cx, cy + r); ctx.lineTo(cx + r, cy - r * 0.8); ctx.lineTo(cx - r, cy - r * 0.8);
    } else {
      ctx.moveTo(cx, cy - r); ctx.lineTo(cx + r, cy); ctx.lineTo(cx, cy + r); ctx.lineTo(cx - r, cy);
    }
    ctx.closePath();
    if (isCritical(m.flag)) ctx.fill();
    else {
      ctx.fillStyle = '#ffffff';
      ctx.fill();
      ctx.fillStyle = MARK_COLOUR;
    }
    ctx.stroke();
  }
  ctx.restore();
}

/** uPlot's options and data for a trend; `onCursor` hears the row under the cursor. */
export function trendPlot(input: TrendPlotInput, onCursor?: (index: number | null) => void): { opts: uPlot.Options; data: uPlot.AlignedData } {
  const { trend, timeZone } = input;
  const bands = referenceBands(trend);
  const targets = planBands(trend, input.targets ?? []);
  const marks = abnormalMarks(trend);
  const extent = valueExtent(trend, [...bands, ...targets]) ?? [0, 1];
  const few = trend.x.length <= 400;
  const opts: uPlot.Options = {
    width: input.width,
    height: input.height,
    legend: { show: false },
    // Ticks on the days of the doctor's zone, not of the machine's.
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), timeZone),
    scales: {
      x: { time: true },
      y: { range: () => extent },
    },
    series: [
      {},
      ...input.labels.map((label, i) => ({
        label,
        stroke: SERIES_COLOURS[i % SERIES_COLOURS.length],
        width: 1.5,
        spanGaps: true,
        points: { show: few, size: 5 },
      })),
    ],
    axes: [
      {
        values: (_u, splits, _ax, _space, incr) => splits.map((s) => dateLabel(s, timeZone, incr)),
      },
      { values: (_u, splits) => splits.map((s) => formatDecimal(s, 2)), size: 56 },
    ],
    cursor: { drag: { x: false, y: false }, points: { size: 9 } },
    hooks: {
      drawClear: [(u) => {
        drawBands(u, bands, trend.x);
        drawBands(u, targets, trend.x, TARGET_FILL, TARGET_EDGE);
      }],
      draw: [(u) => drawMarks(u, marks, trend)],
      ...(onCursor ? { setCursor: [(u: uPlot) => onCursor(u.cursor.idx ?? null)] } : {}),
    },
  };
  return { opts, data: [trend.x, ...trend.ys] as uPlot.AlignedData };
}

/** Moves the chart's cursor onto one row (the point focused in the table). */
export function showPoint(u: uPlot, trend: AlignedTrend, index: number): void {
  const xv = trend.x[index];
  if (xv === undefined) return;
  const yv = trend.ys.map((ys) => ys[index]).find((y) => y !== null && y !== undefined) ?? null;
  u.setCursor({ left: u.valToPos(xv, 'x'), top: yv === null ? 0 : u.valToPos(yv, 'y') }, false);
}
