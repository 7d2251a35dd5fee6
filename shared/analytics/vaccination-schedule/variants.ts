/**
 * Which series of a variant group applies to a child: the first variant whose condition holds
 * for the group's first dose (its ATC code, the age at which it was given), or for today's age
 * when none was given yet; else the group's default. Rotavirus: 2 doses with the monovalent,
 * 3 with the pentavalent product. HPV: 2 doses when started before 15 years, else 3.
 */
import { addDuration } from '../../domain/duration.ts';
import type { CalendarSeries } from './calendar.ts';
import type { Administration } from './input.ts';

export function selectVariants(
  series: readonly CalendarSeries[],
  birthDate: string,
  today: string,
  given: readonly { admin: Administration; antigens: readonly string[]; atc: string | undefined }[],
): Set<string> {
  const selected = new Set<string>();
  const groups = new Map<string, CalendarSeries[]>();
  for (const s of series) {
    if (!s.variant) selected.add(s.id);
    else groups.set(s.variant.group, [...(groups.get(s.variant.group) ?? []), s]);
  }
  for (const variants of groups.values()) {
    const antigens = new Set(variants.flatMap((v) => v.antigens));
    const first = given
      .filter((g) => g.admin.date <= today && g.admin.date >= birthDate && g.antigens.some((a) => antigens.has(a)))
      .sort((a, b) => (a.admin.date < b.admin.date ? -1 : a.admin.date > b.admin.date ? 1 : 0))[0];
    const startDate = first?.admin.date ?? today;
    const holds = (v: CalendarSeries): boolean => {
      const w = v.variant?.when;
      if (!w) return false;
      if (w.atc && !(first?.atc !== undefined && w.atc.includes(first.atc))) return false;
      if (w.startBefore && !(startDate < addDuration(birthDate, w.startBefore))) return false;
      if (w.startFrom && !(startDate >= addDuration(birthDate, w.startFrom))) return false;
      return true;
    };
    const chosen = variants.find(holds) ?? variants.find((v) => v.variant?.default) ?? variants[0]!;
    selected.add(chosen.id);
  }
  return selected;
}
