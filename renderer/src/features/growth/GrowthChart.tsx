import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CurveSegment } from '../../../../shared/api/growth.ts';
import { formatDecimal } from '../../../../shared/format/decimal.ts';
import { ticks } from './growth-charts.ts';

const W = 560;
const H = 300;
const PAD = { left: 48, right: 40, top: 12, bottom: 36 };
/** P50 drawn darker and thicker; P3/P97 dashed (never colour alone, UX.md). */
const LINE = (p: number) => (p === 50 ? { stroke: '#1864ab', width: 2, dash: undefined } : p === 3 || p === 97 ? { stroke: '#495057', width: 1.2, dash: '5 3' } : { stroke: '#495057', width: 1, dash: undefined });
const POINT = '#c2255c';

/**
 * A WHO growth chart as SVG (a few hundred points: no canvas needed, sharp at 200 % zoom): the
 * percentile curves of each segment (they break at 24 months and at 60 months, where the WHO
 * table changes), the child's points joined in date order, the focused one ringed. An image
 * to assistive technology: its label says what it shows, the table beside it has the values.
 */
export function GrowthChart({ segments, points, range, xKind, label, focused, onPick }: {
  segments: readonly CurveSegment[];
  points: ReadonlyArray<{ x: number; y: number; index: number }>;
  range: [number, number];
  xKind: 'age' | 'cm';
  label: string;
  focused: number | null;
  onPick?: (index: number) => void;
}) {
  const { t } = useTranslation();
  const geo = useMemo(() => {
    const inRange = (x: number) => x >= range[0] && x <= range[1];
    const ys: number[] = points.map((p) => p.y);
    for (const s of segments) s.lines.forEach((l) => l.values.forEach((v, i) => inRange(s.xs[i]!) && ys.push(v)));
    const yLo = Math.max(0, Math.min(...ys) * 0.95);
    const yHi = Math.max(...ys) * 1.03;
    const sx = (x: number) => PAD.left + ((x - range[0]) / (range[1] - range[0] || 1)) * (W - PAD.left - PAD.right);
    const sy = (y: number) => H - PAD.bottom - ((y - yLo) / (yHi - yLo || 1)) * (H - PAD.top - PAD.bottom);
    const paths = segments.flatMap((s, si) =>
      s.lines.map((l) => {
        const d = s.xs.map((x, i) => [x, l.values[i]!] as const).filter(([x]) => inRange(x)).map(([x, y], i) => `${i ? 'L' : 'M'}${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join('');
        return { key: `${si}-${l.percentile}`, d, percentile: l.percentile };
      }),
    );
    // The labels P3 … P97 at the right end of the last segment in range.
    const last = [...segments].reverse().find((s) => s.xs.some(inRange));
    const labels = last ? last.lines.map((l) => {
      let i = last.xs.length - 1;
      while (i > 0 && !inRange(last.xs[i]!)) i--;
      return { percentile: l.percentile, y: sy(l.values[i]!) };
    }) : [];
    const xTicks = xKind === 'age' ? (range[1] - range[0] <= 24 ? ticks(range[0], range[1], 8).filter((v) => Number.isInteger(v)) : ticks(range[0] / 12, range[1] / 12, 8).map((v) => v * 12)) : ticks(range[0], range[1], 7);
    return { sx, sy, paths, labels, xTicks, yTicks: ticks(yLo, yHi, 6) };
  }, [segments, points, range, xKind]);

  const xText = (v: number) => (xKind === 'cm' ? formatDecimal(v, 1) : range[1] - range[0] <= 24 ? t('growth.axis.months', { n: v }) : t('growth.axis.years', { n: formatDecimal(v / 12, 1) }));
  const line = points.map((p, i) => `${i ? 'L' : 'M'}${geo.sx(p.x).toFixed(1)},${geo.sy(p.y).toFixed(1)}`).join('');
  const f = points.find((p) => p.index === focused);

  return (
    <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={label} data-testid="growth-chart" data-points={points.length} style={{ maxWidth: W, display: 'block' }}>
      <g fontSize="11" fill="#343a40">
        {geo.yTicks.map((v) => (
          <g key={`y${v}`}>
            <line x1={PAD.left} x2={W - PAD.right} y1={geo.sy(v)} y2={geo.sy(v)} stroke="#e9ecef" />
            <text x={PAD.left - 6} y={geo.sy(v) + 4} textAnchor="end">{formatDecimal(v, 1)}</text>
          </g>
        ))}
        {geo.xTicks.map((v) => (
          <g key={`x${v}`}>
            <line x1={geo.sx(v)} x2={geo.sx(v)} y1={PAD.top} y2={H - PAD.bottom} stroke="#f1f3f5" />
            <text x={geo.sx(v)} y={H - PAD.bottom + 16} textAnchor="middle">{xText(v)}</text>
          </g>
        ))}
        <text x={(PAD.left + W - PAD.right) / 2} y={H - 4} textAnchor="middle">{xKind === 'cm' ? t('growth.axis.cm') : t('growth.axis.age')}</text>
      </g>
      {geo.paths.map((p) => {
        const s = LINE(p.percentile);
        return <path key={p.key} d={p.d} fill="none" stroke={s.stroke} strokeWidth={s.width} strokeDasharray={s.dash} />;
      })}
      <g fontSize="10" fill="#212529">
        {geo.labels.map((l) => <text key={l.percentile} x={W - PAD.right + 4} y={l.y + 3}>P{l.percentile}</text>)}
      </g>
      {points.length > 1 && <path d={line} fill="none" stroke={POINT} strokeWidth={1.5} />}
      {points.map((p) => (
        <circle key={p.index} cx={geo.sx(p.x)} cy={geo.sy(p.y)} r={4} fill={POINT} stroke="#fff" strokeWidth={1} onClick={() => onPick?.(p.index)} style={{ cursor: onPick ? 'pointer' : undefined }} />
      ))}
      {f && <circle cx={geo.sx(f.x)} cy={geo.sy(f.y)} r={8} fill="none" stroke="#212529" strokeWidth={2} data-testid="growth-focused" />}
    </svg>
  );
}
