import { useEffect, useMemo, useState } from 'react';
import type { SeriesPoint } from '../../../../shared/api/observations.ts';
import { useApi } from '../../platform/api-context.tsx';
import { alignSeries, type AlignedTrend } from './trend-data.ts';

export interface TrendSeriesState {
  trend: AlignedTrend | null;
  /** The unit of each series' latest value in the window (null: none). */
  units: (string | null)[];
  error: unknown;
}

/** The series of one chart from `observations.series`, from `from` on, aligned; reloads when `version` changes. */
export function useTrendSeries(patientId: string, codes: readonly string[], from: string | undefined, version: number): TrendSeriesState {
  const api = useApi();
  const key = codes.join(',');
  const [state, setState] = useState<{ points: SeriesPoint[][] | null; error: unknown }>({ points: null, error: null });
  useEffect(() => {
    let live = true;
    Promise.all(key.split(',').map((code) => api.call('observations.series', { patientId, code, ...(from ? { from } : {}) }))).then(
      (r) => live && setState({ points: r.map((s) => s.points), error: null }),
      (error: unknown) => live && setState({ points: null, error }),
    );
    return () => {
      live = false;
    };
  }, [api, patientId, key, from, version]);
  return useMemo(() => {
    if (!state.points) return { trend: null, units: [], error: state.error };
    return {
      trend: alignSeries(state.points),
      units: state.points.map((s) => s.findLast((p) => p.value !== null)?.unit ?? null),
      error: null,
    };
  }, [state]);
}
