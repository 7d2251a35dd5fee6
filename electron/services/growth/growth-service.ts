/**
 * Growth charts and bilanci di salute (PAEDIATRICS.md §3-4): the record's measurements scored
 * against the WHO tables of resources/growth, the charts' reference curves, the region's
 * schedule of bilanci (setting `paediatrics.bilanciSchedule`, else the default in
 * resources/bilanci-salute) and the bilanci due, as a source of the Riepilogo's "what is due".
 */
import { evaluateBilanci, BilanciSchedule, type BilancioDone } from '../../../shared/analytics/bilanci-salute/index.ts';
import { growthCurves, type GrowthTables } from '../../../shared/analytics/growth/index.ts';
import type { AppContract } from '../../../shared/api/index.ts';
import type { DueItem } from '../../../shared/api/chart.ts';
import { AppError } from '../../../shared/errors/index.ts';
import { todayIn } from '../../../shared/format/clinical-time.ts';
import { addDays, daysBetween } from '../../../shared/domain/iso-date.ts';
import type { EventHub, Handlers } from '../../../shared/rpc/index.ts';
import type { DbClient } from '../db/client.ts';
import type { DueSource } from '../chart/due-sources.ts';
import { loadBilanciSchedule } from '../paediatrics/bilanci-resources.ts';
import type { RecordAuthor } from '../record/author.ts';
import { clinicalTimeZone } from '../settings/settings-service.ts';
import { growthPoints, scoreMeasures } from './growth-points.ts';
import { loadGrowthTables } from './who-tables.ts';

export const BILANCI_SCHEDULE_KEY = 'paediatrics.bilanciSchedule';
const OVERDUE_SHOWN_DAYS = 365;
const BILANCI_UNTIL_DAYS = 18 * 365.25;

type GrowthHandlers = Pick<
  Handlers<AppContract>,
  'growth.points' | 'growth.evaluate' | 'growth.curves' | 'bilanci.schedule' | 'bilanci.setSchedule' | 'bilanci.list' | 'bilanci.save'
>;

/** The schedule in use: the doctor's region's when set (checked again: a stored one may predate a format change), else the default. */
export async function bilanciSchedule(db: DbClient): Promise<{ schedule: BilanciSchedule; custom: boolean }> {
  const row = await db.call('settings.get', { key: BILANCI_SCHEDULE_KEY });
  const parsed = row?.value ? BilanciSchedule.safeParse(row.value) : undefined;
  if (parsed?.success) return { schedule: parsed.data, custom: true };
  return { schedule: loadBilanciSchedule(), custom: false };
}

/**
 * The bilanci done as the schedule evaluation reads them: a visit id the schedule in use lacks
 * (one saved under another region's schedule) counts by its date instead.
 */
function doneFor(schedule: BilanciSchedule, items: ReadonlyArray<{ id: string; date: string; visitId: string | null }>): BilancioDone[] {
  const known = new Set(schedule.visits.map((v) => v.id));
  return items.map((b) => ({ id: b.id, date: b.date, visitId: b.visitId !== null && known.has(b.visitId) ? b.visitId : undefined }));
}

async function child(db: DbClient, patientId: string) {
  const { sex, birthDate, rows } = await db.call('growth.observations', { patientId });
  return { sex, birthDate, rows };
}

/** The visits of the schedule due or overdue today, as the Riepilogo shows them. */
export function bilanciDueSource(db: DbClient): DueSource {
  return async ({ patientId, today }) => {
    const { birthDate } = await db.call('patients.get', { id: patientId });
    // Bilanci are for children: no schedule reaches 18 years (the default's last visit is at 13-14).
    if (daysBetween(birthDate, today) >= BILANCI_UNTIL_DAYS) return [];
    const { schedule } = await bilanciSchedule(db);
    const done = await db.call('bilanci.list', { patientId });
    const r = evaluateBilanci(schedule, { birthDate, today, done: doneFor(schedule, done) });
    return r.visits
      // An overdue one is shown for a year after its window closed (the last visit has no next one to take its place).
      .filter((v) => v.status === 'due' || (v.status === 'overdue' && today <= addDays(v.window.until, OVERDUE_SHOWN_DAYS)))
      .map((v): DueItem => ({ kind: 'bilancio-due', label: v.label.it, date: v.status === 'overdue' ? v.window.until : v.window.from, href: `#/assistiti/${encodeURIComponent(patientId)}/parametri` }));
  };
}

export function growthHandlers(db: DbClient, events: EventHub, o: { author: RecordAuthor; tables?: () => GrowthTables }): GrowthHandlers {
  const tables = o.tables ?? (() => loadGrowthTables());
  const today = async () => todayIn(await clinicalTimeZone(db));
  return {
    async 'growth.points'(input) {
      const c = await child(db, input.patientId);
      return { sex: c.sex, birthDate: c.birthDate, points: growthPoints(tables(), c, c.rows) };
    },
    async 'growth.evaluate'({ patientId, date, ...measures }) {
      const c = await child(db, patientId);
      if (date < c.birthDate) throw new AppError('INVALID_INPUT', 'Date before birth', { issues: [{ path: 'date', message: 'prima della nascita' }] });
      return scoreMeasures(tables(), c, date, measures);
    },
    async 'growth.curves'(input) {
      return { chart: input.chart, sex: input.sex, segments: growthCurves(tables(), input.chart, input.sex, { everyDays: input.everyDays }) };
    },
    async 'bilanci.schedule'() {
      return bilanciSchedule(db);
    },
    async 'bilanci.setSchedule'(input, ctx) {
      await db.call('settings.set', { actor: ctx.actor, key: BILANCI_SCHEDULE_KEY, value: input.schedule });
      return bilanciSchedule(db);
    },
    async 'bilanci.list'(input) {
      const c = await child(db, input.patientId);
      const items = await db.call('bilanci.list', { patientId: input.patientId });
      const { schedule } = await bilanciSchedule(db);
      const r = evaluateBilanci(schedule, { birthDate: c.birthDate, today: input.today ?? (await today()), done: doneFor(schedule, items) });
      return { items, visits: r.visits, schedule: r.schedule };
    },
    async 'bilanci.save'(input, ctx) {
      const c = await child(db, input.patientId);
      const issues: { path: string; message: string }[] = [];
      if (input.date < c.birthDate) issues.push({ path: 'date', message: 'prima della nascita' });
      if (input.date > addDays(await today(), 1)) issues.push({ path: 'date', message: 'nel futuro' });
      const { schedule } = await bilanciSchedule(db);
      if (input.visitId !== null && !schedule.visits.some((v) => v.id === input.visitId)) issues.push({ path: 'visitId', message: 'bilancio non previsto dal calendario' });
      if (issues.length) throw new AppError('INVALID_INPUT', 'The bilancio cannot be saved', { issues });
      const saved = await db.call('bilanci.save', { ...input, actor: ctx.actor, authorId: await o.author.required() });
      events.emit('record.changed', { patientId: input.patientId, part: 'observations' });
      return saved;
    },
  };
}
