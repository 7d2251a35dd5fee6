/**
 * Vaccinations against the calendar (PAEDIATRICS.md §2): the national PNPV calendar with the
 * regional additions of the settings, evaluated per child from the record's vaccinations and
 * decisions (shared/analytics/vaccination-schedule). Also the "what is due" source of the
 * Riepilogo (chart/due-sources.ts) and the panel worklist of children with overdue doses.
 */
import type { AppContract } from '../../../shared/api/index.ts';
import type { DueItem } from '../../../shared/api/chart.ts';
import type { CalendarDoseRow, OverdueChild, VaccinationSettings, VaccinationStatus } from '../../../shared/api/vaccinations.ts';
import {
  applyCalendarAdditions,
  CalendarAdditions,
  calendarProblems,
  DOSE_STATUSES,
  evaluateSchedule,
  type Administration,
  type ScheduleResult,
  type VaccinationDecision,
} from '../../../shared/analytics/vaccination-schedule/index.ts';
import type { VaccinationDecisionEntry, VaccinationEntry } from '../../../shared/domain/record/vaccination-entries.ts';
import { addDuration } from '../../../shared/domain/duration.ts';
import { todayIn } from '../../../shared/format/clinical-time.ts';
import { AppError } from '../../../shared/errors/index.ts';
import type { Handlers } from '../../../shared/rpc/index.ts';
import type { DbClient } from '../db/client.ts';
import type { VaccinationFacts } from '../db/queries/vaccinations.ts';
import type { DueSource } from '../chart/due-sources.ts';
import { clinicalTimeZone } from '../settings/settings-service.ts';
import { loadVaccinationCalendar, type LoadedVaccinationCalendar } from './vaccination-resources.ts';
import { targetDiseaseNames } from './target-diseases.ts';

export const VACCINATION_SETTINGS_KEY = 'vaccination.calendar';
/** The age up to which a child is in a paediatrician's panel (shared/synthetic/patients.ts, PLS 0-14). */
const PAEDIATRIC_AGE = { years: 14 };

type VaccinationHandlers = Pick<Handlers<AppContract>, 'vaccinations.status' | 'vaccinations.overdue' | 'vaccinations.getSettings' | 'vaccinations.setSettings'>;

/** A partial record date counts from its first day (the calendar works on whole dates). */
const fullDate = (d: string) => (d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d);

function toAdministration(v: VaccinationEntry): Administration {
  return { id: v.id, date: fullDate(v.date), vaccine: { atc: v.atc.code, name: v.aic?.display ?? v.atc.display }, ...(v.doseNumber ? { doseNumber: v.doseNumber } : {}) };
}
function toDecision(d: VaccinationDecisionEntry): VaccinationDecision {
  return { id: d.id, kind: d.kind, vaccine: { atc: d.atc.code, name: d.atc.display }, date: fullDate(d.date), ...(d.until ? { until: fullDate(d.until) } : {}), reason: d.reason };
}

export interface VaccinationsRuntime {
  handlers: VaccinationHandlers;
  /** "What is due": overdue and due doses of the calendar (kinds vaccination-overdue / vaccination-due). */
  dueSource: DueSource;
  /** Fills a vaccination's target diseases from its vaccine when the doctor left them out. */
  withTargetDiseases(entry: VaccinationEntry): VaccinationEntry;
  loaded(): Promise<LoadedVaccinationCalendar>;
}

export function vaccinationsService(db: DbClient, o: { resourcesDir?: string } = {}): VaccinationsRuntime {
  const national = loadVaccinationCalendar(o.resourcesDir ? { dir: o.resourcesDir } : {});
  let cached: { key: string; value: LoadedVaccinationCalendar } | undefined;

  async function settings(): Promise<VaccinationSettings> {
    const row = await db.call('settings.get', { key: VACCINATION_SETTINGS_KEY });
    const additions = ((row?.value as { additions?: unknown[] } | undefined)?.additions ?? []).map((a) => CalendarAdditions.parse(a));
    return { additions };
  }
  function apply(additions: readonly CalendarAdditions[]): LoadedVaccinationCalendar {
    let calendar = national.calendar;
    for (const a of additions) {
      calendar = applyCalendarAdditions(calendar, a);
      const p = calendarProblems(calendar, national.vaccines.antigenIds);
      if (p.length > 0) throw new Error(`${a.region.name}: ${p.join('; ')}`);
    }
    return { calendar, vaccines: national.vaccines };
  }
  async function loaded(): Promise<LoadedVaccinationCalendar> {
    const s = await settings();
    const key = JSON.stringify(s.additions);
    if (cached?.key !== key) cached = { key, value: apply(s.additions) };
    return cached.value;
  }
  const today = async (given?: string) => given ?? todayIn(await clinicalTimeZone(db));

  function evaluate(l: LoadedVaccinationCalendar, f: VaccinationFacts, day: string): ScheduleResult {
    return evaluateSchedule(l.calendar, l.vaccines, {
      birthDate: f.patient.birthDate, sex: f.patient.sex, today: day,
      administrations: f.vaccinations.map(toAdministration), decisions: f.decisions.map(toDecision),
    });
  }
  const limitDate = (l: LoadedVaccinationCalendar, day: string) => addDuration(day, { years: -(l.calendar.catchUpUntil.years ?? 18) });
  const beyond = (l: LoadedVaccinationCalendar, birth: string, day: string) => addDuration(birth, l.calendar.catchUpUntil) <= day;
  /**
   * Whom the calendar speaks about unasked: children of paediatric age (under 14, the PLS panel),
   * and older minors with vaccinations or decisions on record. An adolescent in a family doctor's
   * panel whose vaccinations were never recorded here would otherwise show every dose overdue.
   */
  const inScope = (l: LoadedVaccinationCalendar, f: VaccinationFacts, day: string) =>
    !beyond(l, f.patient.birthDate, day) && (f.vaccinations.length > 0 || f.decisions.length > 0 || addDuration(f.patient.birthDate, PAEDIATRIC_AGE) > day);

  function rows(result: ScheduleResult, f: VaccinationFacts): CalendarDoseRow[] {
    return result.doses.map(({ administrations, ...d }) => ({ ...d, entryIds: (administrations ?? []).map((i) => f.vaccinations[i]?.id).filter((x): x is string => Boolean(x)) }));
  }

  function status(l: LoadedVaccinationCalendar, f: VaccinationFacts, day: string): VaccinationStatus {
    const result = evaluate(l, f, day);
    const names = targetDiseaseNames();
    const given = f.vaccinations.map((v, i) => {
      const ref = { atc: v.atc.code, name: v.aic?.display ?? v.atc.display };
      const antigens = l.vaccines.antigensOf(ref) ?? [];
      const targets = v.targetDiseases ?? l.vaccines.targetDiseasesOf(ref).map((code) => ({ code, display: names.get(code) ?? code }));
      return {
        entryId: v.id,
        antigens: antigens.map((id) => ({ id, label: { it: l.vaccines.antigenLabel(id, 'it'), en: l.vaccines.antigenLabel(id, 'en') } })),
        targetDiseases: targets,
        recognised: !result.unrecognised.includes(i),
        notCounted: result.notCounted.filter((n) => n.administration === i).map((n) => ({ antigen: n.antigen, reason: n.reason, ...(n.countsFrom ? { countsFrom: n.countsFrom } : {}) })),
      };
    });
    const counts = Object.fromEntries(DOSE_STATUSES.map((k) => [k, result.counts[k] ?? 0])) as VaccinationStatus['counts'];
    return {
      patientId: f.patient.id, birthDate: f.patient.birthDate, sex: f.patient.sex, today: day,
      calendar: { id: l.calendar.id, title: l.calendar.title, regions: l.calendar.regions ?? [], source: l.calendar.source },
      doses: rows(result, f), given, next: result.next ?? null, counts, beyondCalendar: beyond(l, f.patient.birthDate, day),
    };
  }

  async function facts(patientId: string): Promise<VaccinationFacts> {
    const [f] = await db.call('vaccinations.facts', { bornAfter: '0000-01-01', patientId });
    if (!f) throw new AppError('NOT_FOUND', 'No such patient', { entity: 'patient', id: patientId });
    return f;
  }

  async function settingsView(s: VaccinationSettings) {
    const l = apply(s.additions);
    return { ...s, calendarTitle: l.calendar.title, regions: l.calendar.regions ?? [] };
  }

  const handlers: VaccinationHandlers = {
    async 'vaccinations.status'(input) {
      const [l, f, day] = await Promise.all([loaded(), facts(input.patientId), today(input.today)]);
      return status(l, f, day);
    },
    async 'vaccinations.overdue'(input) {
      const [l, day] = await Promise.all([loaded(), today(input.today)]);
      const children = await db.call('vaccinations.facts', { bornAfter: limitDate(l, day) });
      const items: OverdueChild[] = [];
      for (const f of children) {
        if (f.patient.birthDate > day || !inScope(l, f, day)) continue;
        const overdue = evaluate(l, f, day).doses
          .filter((d) => d.status === 'overdue' && d.window)
          .map((d) => ({ seriesId: d.seriesId, label: d.label, dose: d.dose, overdueFrom: d.window!.overdueFrom }));
        if (overdue.length === 0) continue;
        const since = overdue.map((d) => d.overdueFrom).sort()[0]!;
        const { id, surname, givenName, birthDate, sex } = f.patient;
        items.push({ patientId: id, surname, givenName, birthDate, sex, overdue, since });
      }
      items.sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : a.surname.localeCompare(b.surname, 'it')));
      return { items, children: children.length };
    },
    async 'vaccinations.getSettings'() {
      return settingsView(await settings());
    },
    async 'vaccinations.setSettings'(input, ctx) {
      let view;
      try {
        view = await settingsView(input);
      } catch (e) {
        throw new AppError('INVALID_INPUT', 'Regional additions do not apply', { issues: [{ path: 'additions', message: e instanceof Error ? e.message : String(e) }] });
      }
      await db.call('settings.set', { actor: ctx.actor, key: VACCINATION_SETTINGS_KEY, value: { additions: input.additions } });
      cached = undefined;
      return view;
    },
  };

  const dueSource: DueSource = async ({ patientId, today: day }) => {
    const [l, f] = await Promise.all([loaded(), facts(patientId)]);
    if (!inScope(l, f, day)) return [];
    const href = `#/assistiti/${encodeURIComponent(patientId)}/vaccinazioni`;
    const out: DueItem[] = [];
    for (const d of evaluate(l, f, day).doses) {
      if (d.status !== 'overdue' && d.status !== 'due') continue;
      const label = `${d.label.it} — ${d.season ? `${d.season}, ` : ''}dose ${d.dose}`;
      const date = d.status === 'overdue' ? d.window!.overdueFrom : d.window!.from;
      out.push({ kind: d.status === 'overdue' ? 'vaccination-overdue' : 'vaccination-due', label, date, href });
    }
    return out;
  };

  function withTargetDiseases(entry: VaccinationEntry): VaccinationEntry {
    if (entry.targetDiseases && entry.targetDiseases.length > 0) return entry;
    const names = targetDiseaseNames();
    const codes = national.vaccines.targetDiseasesOf({ atc: entry.atc.code, name: entry.aic?.display ?? entry.atc.display });
    return codes.length > 0 ? { ...entry, targetDiseases: codes.map((code) => ({ code, display: names.get(code) ?? code })) } : entry;
  }

  return { handlers, dueSource, withTargetDiseases, loaded };
}
