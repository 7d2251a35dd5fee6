import { VisuallyHidden } from '@mantine/core';

/**
 * A value's recent trend as a small inline SVG (DASHBOARD.md §3: a small sparkline component
 * for the summary; charts with their tables live in the Parametri tab). Decorative for a screen
 * reader: `label` says the same values in words.
 */
export function Sparkline({ values, low, high, label, width = 96, height = 24 }: { values: number[]; low: number | null; high: number | null; label: string; width?: number; height?: number }) {
  if (values.length < 2) return <VisuallyHidden>{label}</VisuallyHidden>;
  const bounds = [...values, ...(low !== null ? [low] : []), ...(high !== null ? [high] : [])];
  const min = Math.min(...bounds);
  const max = Math.max(...bounds);
  const span = max - min || 1;
  const x = (i: number) => 2 + (i * (width - 4)) / (values.length - 1);
  const y = (v: number) => height - 2 - ((v - min) * (height - 4)) / span;
  const points = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const last = values[values.length - 1]!;
  return (
    <span role="img" aria-label={label} style={{ display: 'inline-block', lineHeight: 0 }}>
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true" focusable="false">
        {low !== null && high !== null && <rect x={0} y={y(high)} width={width} height={Math.max(1, y(low) - y(high))} fill="var(--mantine-color-green-1)" />}
        <polyline points={points} fill="none" stroke="var(--mantine-color-blue-8)" strokeWidth={1.5} />
        <circle cx={x(values.length - 1)} cy={y(last)} r={2.5} fill="var(--mantine-color-blue-8)" />
      </svg>
    </span>
  );
}
