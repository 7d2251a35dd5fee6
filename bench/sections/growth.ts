/**
 * WHO growth z-scores (shared/analytics/growth): 10,000 synthetic children aged 0-19 years,
 * each with weight, length/height and, under 5, head circumference, all five indicators.
 * Baseline in the same run: the bare LMS formula on the same rows (table lookup + one lmsZ per
 * indicator), so the ratio shows what the WHO rules (age rounding, ±0.7 cm, restricted tails,
 * interpolation, rounding, flags, percentiles) cost on top.
 */
import { loadGrowthTables } from '../../electron/services/growth/who-tables.ts';
import { growthCurves, growthZScores, type GrowthMeasurement } from '../../shared/analytics/growth/index.ts';
import { lmsValue, lmsZ } from '../../shared/analytics/growth/lms.ts';
import { lmsAt } from '../../shared/analytics/growth/tables.ts';
import { seededRandom } from '../../shared/random.ts';
import { fmt, report } from './stats.ts';
import { growthPoints } from '../../electron/services/growth/growth-points.ts';
import { syntheticGrowthSeries } from '../../shared/synthetic/growth-series.ts';
import { VITAL_KINDS } from '../../shared/domain/record/index.ts';

const CHILDREN = 10_000;

export async function run(): Promise<void> {
  let t = performance.now();
  const tables = loadGrowthTables();
  report('load WHO tables (9 files)', `${fmt(performance.now() - t)} ms`);

  const rand = seededRandom(2006);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const children: GrowthMeasurement[] = Array.from({ length: CHILDREN }, () => {
    const sex = rand() < 0.5 ? 'M' : 'F';
    const ageMonths = rand() < 0.6 ? rand() * 60 : 60 + rand() * 168;
    const day = Math.min(1826, Math.round(ageMonths * 30.4375));
    const month = Math.min(228, Math.round(ageMonths));
    const under5 = ageMonths < 60;
    const at = (t6: Parameters<typeof lmsAt>[0], t7: Parameters<typeof lmsAt>[0]) => lmsValue(normal(), lmsAt(under5 ? t6 : t7, sex, under5 ? day : month)!);
    return {
      sex,
      ageDays: ageMonths * 30.4375,
      weightKg: at(tables.who2006.wfa, tables.who2007.bfa) * (under5 ? 1 : (at(tables.who2006.lhfa, tables.who2007.hfa) / 100) ** 2),
      lengthCm: Math.round(at(tables.who2006.lhfa, tables.who2007.hfa) * 10) / 10,
      measure: ageMonths < 24 ? 'recumbent' : 'standing',
      headCm: under5 ? lmsValue(normal(), lmsAt(tables.who2006.hcfa, sex, day)!) : undefined,
    };
  });

  for (const c of children.slice(0, 500)) growthZScores(tables, c); // warm-up
  t = performance.now();
  let scores = 0;
  for (const c of children) scores += Object.keys(growthZScores(tables, c).scores).length;
  const full = performance.now() - t;

  t = performance.now();
  let sink = 0;
  for (const c of children) {
    const under5 = c.ageDays! < 1826.25;
    const k = under5 ? Math.round(c.ageDays!) : Math.trunc(c.ageDays! / 30.4375);
    const pairs: [Parameters<typeof lmsAt>[0], number | undefined][] = under5
      ? [[tables.who2006.wfa, c.weightKg], [tables.who2006.lhfa, c.lengthCm], [tables.who2006.hcfa, c.headCm]]
      : [[tables.who2007.hfa, c.lengthCm]];
    for (const [table, y] of pairs) if (y !== undefined) sink += lmsZ(y, lmsAt(table, c.sex, k)!);
  }
  const bare = performance.now() - t;
  if (!Number.isFinite(sink)) throw new Error('baseline produced no number');

  report(`growth z-scores ${CHILDREN} children`, `${fmt(full)} ms`, `${scores} z-scores; ${(full / bare).toFixed(1)}× the bare LMS baseline`);
  report('  baseline: bare LMS lookup + formula, same rows', `${fmt(bare)} ms`);

  // The Crescita view's data for one child (growth.points + growth.curves without the transport):
  // a 14-year-old's ten bilanci scored, and the curves of the five charts at the weekly step the view asks for.
  const birthDate = '2012-06-01';
  const series = syntheticGrowthSeries(tables, { birthDate, sex: 'F', seed: 14, today: '2026-11-01' });
  const rows = series.flatMap((m, i) => [
    { id: `${i}.w`, code: VITAL_KINDS.weight.loinc, key: m.date, value: m.weightKg },
    { id: `${i}.l`, code: m.measure === 'recumbent' ? VITAL_KINDS.length.loinc : VITAL_KINDS.height.loinc, key: m.date, value: m.lengthCm },
    ...(m.headCm !== undefined ? [{ id: `${i}.h`, code: VITAL_KINDS['head-circumference'].loinc, key: m.date, value: m.headCm }] : []),
  ]);
  const charts = ['wfa', 'lhfa', 'wfh', 'bfa', 'hcfa'] as const;
  const once = () => {
    const points = growthPoints(tables, { sex: 'F', birthDate }, rows);
    const curves = charts.map((c) => growthCurves(tables, c, 'F', { everyDays: 7 }));
    return { points, values: curves.flat().reduce((n, seg) => n + seg.xs.length * seg.lines.length, 0) };
  };
  for (let i = 0; i < 20; i++) once(); // warm-up
  const runs = 200;
  t = performance.now();
  let last = once();
  for (let i = 1; i < runs; i++) last = once();
  const perChild = (performance.now() - t) / runs;
  report('growth chart data, one child', `${fmt(perChild)} ms`, `${last.points.length} points, ${last.values} curve values in 5 charts; mean of ${runs}`);
}
