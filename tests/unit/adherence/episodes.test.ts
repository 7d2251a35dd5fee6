/**
 * Treatment episodes, CMA per episode, sliding windows and per-group CMAs, on events whose
 * results follow from compute.treatment.episodes' definitions (DOMAIN.md §2.5).
 */
import { describe, expect, it } from 'vitest';
import { computeCma } from '../../../shared/analytics/adherence/cma/index.ts';
import { computeCmaByGroup } from '../../../shared/analytics/adherence/medication-groups.ts';
import { computeCmaPerEpisode } from '../../../shared/analytics/adherence/per-episode.ts';
import { computeCmaSlidingWindows } from '../../../shared/analytics/adherence/sliding-window.ts';
import { computeTreatmentEpisodes } from '../../../shared/analytics/adherence/treatment-episodes.ts';
import { day, events, medEvents, windows } from './fixtures.ts';

// Two courses: days 0 and 30, then days 200 and 230, 30 days each; follow-up 365 days.
const TWO_COURSES = events(10, [[0, 30], [30, 30], [200, 30], [230, 30]]);
const FOLLOW_UP = { start: { offset: 0 }, duration: 365 };

describe('treatment episodes', () => {
  it('ends an episode at a gap longer than the permissible gap', () => {
    const eps = computeTreatmentEpisodes(TWO_COURSES, { followUp: FOLLOW_UP, maximumPermissibleGap: 90 });
    // Gap after day 30's supply: 200 - 60 = 140 > 90, so the first episode is days 0-60.
    // The second runs from day 200; its final gap to the follow-up end (365 - 260 = 105) is
    // at least the permissible gap, so it is taken off: 365 - 200 - 105 = 60 days.
    expect(eps.map((e) => [e.episodeId, e.start - day(0), e.endGapDays, e.duration])).toEqual([
      [1, 0, 140, 60],
      [2, 200, 105, 60],
    ]);
    expect(eps[0]!.events).toHaveLength(2);
  });

  it('keeps one episode when the permissible gap is longer than every gap', () => {
    const eps = computeTreatmentEpisodes(TWO_COURSES, { followUp: FOLLOW_UP, maximumPermissibleGap: 150 });
    expect(eps).toHaveLength(1);
    expect(eps[0]!.events).toHaveLength(4);
  });

  it('reads a permissible gap in percent of the event’s duration', () => {
    // 400 % of 30 days = 120 days < 140: two episodes; 500 % = 150: one.
    expect(computeTreatmentEpisodes(TWO_COURSES, { followUp: FOLLOW_UP, maximumPermissibleGap: 400, maximumPermissibleGapUnit: 'percent' })).toHaveLength(2);
    expect(computeTreatmentEpisodes(TWO_COURSES, { followUp: FOLLOW_UP, maximumPermissibleGap: 500, maximumPermissibleGapUnit: 'percent' })).toHaveLength(1);
  });

  it('starts a new episode at a change of medication unless told not to', () => {
    const switched = events(11, [[0, 30, 'A'], [30, 30, 'B']]);
    expect(computeTreatmentEpisodes(switched, { followUp: FOLLOW_UP })).toHaveLength(2);
    expect(computeTreatmentEpisodes(switched, { followUp: FOLLOW_UP, medicationChangeMeansNewEpisode: false })).toHaveLength(1);
  });

  it('gives every med.events patient episodes that do not overlap and lie in the follow-up window', () => {
    const eps = computeTreatmentEpisodes(medEvents(), { followUp: { start: { offset: 0 }, duration: 730 * 5 }, maximumPermissibleGap: 90 });
    const byPatient = new Map<unknown, typeof eps>();
    for (const e of eps) byPatient.set(e.patientId, [...(byPatient.get(e.patientId) ?? []), e]);
    expect(byPatient.size).toBe(100);
    for (const list of byPatient.values()) {
      list.forEach((e, i) => {
        expect(e.episodeId).toBe(i + 1);
        expect(e.duration).toBeGreaterThanOrEqual(0); // two medications started on one day make an episode of no length (patient 2), as in AdhereR
        if (i > 0) expect(e.start).toBeGreaterThanOrEqual(list[i - 1]!.end);
      });
    }
  });
});

describe('CMA per episode and per sliding window', () => {
  it('computes the CMA inside each episode', () => {
    const rows = computeCmaPerEpisode(TWO_COURSES, { cma: 7, followUp: FOLLOW_UP, observation: { start: { offset: 0 }, duration: 365 }, maximumPermissibleGap: 90 });
    // Each episode is exactly its two back-to-back supplies: fully covered.
    expect(rows.map((r) => [r.episodeId, r.cma])).toEqual([
      [1, 1],
      [2, 1],
    ]);
  });

  it('drops episodes outside the observation window and reports the part inside it', () => {
    const rows = computeCmaPerEpisode(TWO_COURSES, { cma: 7, followUp: FOLLOW_UP, observation: { start: { offset: 100 }, duration: 265 }, maximumPermissibleGap: 90 });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.start - day(0)).toBe(200);
  });

  it('slides windows of a fixed length by a step through the observation window', () => {
    const rows = computeCmaSlidingWindows(TWO_COURSES, { cma: 7, followUp: FOLLOW_UP, observation: { start: { offset: 0 }, duration: 365 }, duration: 120, step: 60 });
    // floor((365 - 120) / 60) + 1 = 5 windows, starting on days 0, 60, 120, 180, 240.
    expect(rows.map((r) => r.start - day(0))).toEqual([0, 60, 120, 180, 240]);
    expect(rows.every((r) => r.end - r.start === 120)).toBe(true);
    // Days 0-120: covered 0-60 -> 0.5; days 60-180: nothing -> 0; days 120-240: 200-240 -> 1/3;
    // days 180-300: 200-260 -> 0.5; days 240-360: 240-260 -> 1/6.
    const expected = [0.5, 0, 1 / 3, 0.5, 1 / 6];
    rows.forEach((r, i) => expect(r.cma).toBeCloseTo(expected[i]!, 12));
  });

  it('computes per medication group as if each group were the only medication', () => {
    const med = medEvents();
    const params = { cma: 7 as const, ...windows(0, 730, 182, 365) };
    const rows = computeCmaByGroup(med, params, (e) => e.medicationClass!);
    expect(new Set(rows.map((r) => r.group))).toEqual(new Set(['medA', 'medB']));
    expect(rows).toHaveLength(200); // every patient in every group, NA where absent
    // With windows counted per group, a group's CMA is the plain CMA of its events alone.
    const perGroup = computeCmaByGroup(med, params, (e) => e.medicationClass!, { windowsPerGroup: true });
    const alone = new Map(computeCma(med.filter((e) => e.medicationClass === 'medA'), params).map((r) => [r.patientId, r.cma]));
    for (const r of perGroup.filter((x) => x.group === 'medA' && alone.has(x.patientId))) expect(r.cma).toBe(alone.get(r.patientId));
  });
});
