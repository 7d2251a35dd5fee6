import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { AlignedTrend, PlanTarget } from './trend-data.ts';
import { showPoint, trendPlot } from './trend-plot.ts';

const HEIGHT = 240;

/**
 * One uPlot chart, as wide as its box. The canvas is an image to assistive technology (its
 * label says what it shows); the table beside it is the accessible version, and the row
 * focused there is the point the chart shows (`focused`, an index into `trend.x`).
 */
export function TrendChart({ trend, labels, label, timeZone, focused, onPick, targets }: {
  trend: AlignedTrend;
  /** Telemonitoring plans' target ranges (bands, as the reference ranges). */
  targets?: readonly PlanTarget[] | undefined;
  labels: string[];
  label: string;
  timeZone: string;
  focused: number | null;
  /** A point clicked on the chart (its index), so the table can follow. */
  onPick?: (index: number) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const hovered = useRef<number | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const { opts, data } = trendPlot({ trend, labels, width: Math.max(el.clientWidth, 200), height: HEIGHT, timeZone, ...(targets ? { targets } : {}) }, (i) => {
      hovered.current = i;
    });
    const u = new uPlot(opts, data, el);
    plot.current = u;
    const click = () => {
      if (hovered.current !== null) pick.current?.(hovered.current);
    };
    u.over.addEventListener('click', click);
    const resize = new ResizeObserver(() => {
      const w = Math.max(el.clientWidth, 200);
      if (w !== u.width) u.setSize({ width: w, height: HEIGHT });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.over.removeEventListener('click', click);
      u.destroy();
      plot.current = null;
    };
  }, [trend, labels, timeZone, targets]);

  useEffect(() => {
    if (plot.current && focused !== null) showPoint(plot.current, trend, focused);
  }, [focused, trend]);

  return <div ref={box} role="img" aria-label={label} data-testid="trend-chart" data-points={trend.x.length} />;
}
