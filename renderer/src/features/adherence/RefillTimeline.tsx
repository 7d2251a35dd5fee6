import { useTranslation } from 'react-i18next';
import type { TimelineFill } from '../../../../shared/api/adherence.ts';
import { formatDate } from '../patients/format.ts';

const MS_DAY = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / MS_DAY;

const LANE = 34;
const LEFT = 150;
const WIDTH = 900;
const TOP = 26;

/**
 * The refill timeline, as AdhereR's plot: one lane per medicine; each dispensation a bar of the
 * days its supply was used (solid), the days it overlapped the previous supply hatched before
 * it, gaps left empty and marked below the lane, hospital stays shaded across every lane. The
 * same facts are in the table beside it (the chart is a picture of them, not their only form).
 */
export function RefillTimeline({ fills, stays, from, to }: { fills: TimelineFill[]; stays: Array<{ start: string; end: string }>; from: string; to: string }) {
  const { t } = useTranslation();
  const lanes = [...new Map(fills.map((f) => [f.atc, f.display])).entries()];
  const x0 = dayOf(from);
  const x1 = dayOf(to) + 1;
  const scale = (d: number) => LEFT + ((Math.min(Math.max(d, x0), x1) - x0) / (x1 - x0)) * (WIDTH - LEFT - 10);
  const height = TOP + lanes.length * LANE + 20;
  const years: number[] = [];
  for (let y = Number(from.slice(0, 4)) + 1; y <= Number(to.slice(0, 4)); y++) years.push(y);
  const gaps = fills.filter((f) => f.gapDays > 0);
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      role="img"
      aria-label={t('adherence.timeline.aria', { fills: fills.length, gaps: gaps.length, stays: stays.length, from: formatDate(from), to: formatDate(to) })}
      data-testid="refill-timeline"
      style={{ fontFamily: 'inherit', fontSize: 12 }}
    >
      <defs>
        <pattern id="overlap-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill="#fff" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#1c5d99" strokeWidth="3" />
        </pattern>
      </defs>
      {stays.map((s) => (
        <g key={`${s.start}-${s.end}`} data-testid="timeline-stay">
          <rect x={scale(dayOf(s.start))} y={TOP - 6} width={Math.max(2, scale(dayOf(s.end)) - scale(dayOf(s.start)))} height={lanes.length * LANE + 6} fill="#c9c9c9" opacity={0.6} />
          <text x={scale(dayOf(s.start)) + 2} y={TOP - 10} fill="#333">{t('adherence.timeline.stay')}</text>
        </g>
      ))}
      {years.map((y) => {
        const x = scale(dayOf(`${y}-01-01`));
        return (
          <g key={y}>
            <line x1={x} x2={x} y1={TOP - 8} y2={height - 14} stroke="#888" strokeDasharray="2 3" />
            <text x={x + 3} y={height - 3} fill="#333">{y}</text>
          </g>
        );
      })}
      {lanes.map(([atc, display], i) => {
        const y = TOP + i * LANE;
        return (
          <g key={atc}>
            <text x={4} y={y + 17} fill="#222">{display.length > 20 ? `${display.slice(0, 19)}…` : display}</text>
            {fills.filter((f) => f.atc === atc).map((f) => {
              const start = f.used[0]?.start ?? f.date;
              return (
                <g key={f.id} data-testid="timeline-fill" data-gap={f.gapDays} data-overlap={f.overlapDays}>
                  <title>{t('adherence.timeline.fillTitle', { date: formatDate(f.date), days: Math.round(f.duration), gap: f.gapDays, overlap: f.overlapDays })}</title>
                  {start > f.date && <rect x={scale(dayOf(f.date))} y={y + 4} width={Math.max(1, scale(dayOf(start)) - scale(dayOf(f.date)))} height={18} fill="url(#overlap-hatch)" stroke="#1c5d99" />}
                  {f.used.map((u) => (
                    <rect key={u.start} x={scale(dayOf(u.start))} y={y + 4} width={Math.max(1.5, scale(dayOf(u.end)) - scale(dayOf(u.start)))} height={18} fill="#1c5d99" stroke="#fff" strokeWidth={0.5} />
                  ))}
                  {f.gapDays > 0 && (
                    <line x1={scale(dayOf(f.date) - f.gapDays)} x2={scale(dayOf(f.date))} y1={y + 27} y2={y + 27} stroke="#b00020" strokeWidth={3} data-testid="timeline-gap" />
                  )}
                </g>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}
