/**
 * Telemonitoring: plans are stored by the db worker (queries/monitoring.ts); alerts are computed
 * here from the plans and the record's readings each time they are read (shared/analytics/
 * monitoring/evaluate.ts), in the doctor's clinical time zone, so a reading imported by any path
 * (FHIR Observation, device CSV, a CDA, typed in) is checked the next time anyone looks. The
 * patient's open alerts also feed the Riepilogo's "what is due" (a DueSource, DASHBOARD.md §1).
 */
import type { AppContract } from '../../../shared/api/index.ts';
import type { MonitoringAlert, MonitoringPlan, WorklistAlert } from '../../../shared/api/monitoring.ts';
import { alertLabel, compareAlerts, planAlerts } from '../../../shared/analytics/monitoring/evaluate.ts';
import { addDays } from '../../../shared/domain/iso-date.ts';
import { todayIn } from '../../../shared/format/clinical-time.ts';
import type { Handlers } from '../../../shared/rpc/index.ts';
import type { DueSource } from '../chart/due-sources.ts';
import type { DbClient } from '../db/client.ts';

type MonitoringHandlers = Pick<Handlers<AppContract>, 'monitoring.plans' | 'monitoring.savePlan' | 'monitoring.alerts' | 'monitoring.worklist' | 'monitoring.acknowledge'>;

/** How far back the worklist looks for plans still running (their recent missing periods count). */
export const WORKLIST_DAYS = 30;

export interface MonitoringDeps {
  db: DbClient;
  /** The clinical time zone (settings), Europe/Rome by default. */
  zone: () => Promise<string>;
}

async function alertsOf(db: DbClient, zone: string, patientId: string, plans: readonly MonitoringPlan[], today: string): Promise<MonitoringAlert[]> {
  if (plans.length === 0) return [];
  const codes = [...new Set(plans.flatMap((p) => p.parameters.map((x) => x.code)))];
  const from = plans.reduce((m, p) => (p.start < m ? p.start : m), today);
  const { items: readings } = await db.call('monitoring.readings', { patientId, codes, from, to: today });
  const { items: acks } = await db.call('monitoring.acknowledgements', { patientIds: [patientId] });
  const ackById = new Map(acks.map((a) => [a.alertId, a]));
  return plans
    .flatMap((plan) => planAlerts(plan, readings, today, zone))
    .map((a) => {
      const ack = ackById.get(a.id);
      return { ...a, acknowledged: ack ? { at: ack.at, by: ack.by, note: ack.note } : null };
    })
    .sort(compareAlerts);
}

export function monitoringService(deps: MonitoringDeps): { handlers: MonitoringHandlers; dueSource: DueSource } {
  const { db } = deps;
  const today = async (given?: string) => given ?? todayIn(await deps.zone());

  async function patientAlerts(patientId: string, day: string): Promise<MonitoringAlert[]> {
    const { items: plans } = await db.call('monitoring.plans', { patientId });
    return alertsOf(db, await deps.zone(), patientId, plans, day);
  }

  const handlers: MonitoringHandlers = {
    async 'monitoring.plans'(input) {
      return db.call('monitoring.plans', input);
    },
    async 'monitoring.savePlan'(input, ctx) {
      return db.call('monitoring.savePlan', { actor: ctx.actor, patientId: input.patientId, plan: input.plan, version: input.version });
    },
    async 'monitoring.alerts'(input) {
      const day = await today(input.today);
      const items = await patientAlerts(input.patientId, day);
      return { today: day, items: input.includeAcknowledged ? items : items.filter((a) => !a.acknowledged) };
    },
    async 'monitoring.worklist'(input) {
      const day = await today(input.today);
      const zone = await deps.zone();
      const { items: plans } = await db.call('monitoring.runningPlans', { from: addDays(day, -WORKLIST_DAYS), to: day });
      const byPatient = new Map<string, MonitoringPlan[]>();
      for (const p of plans) byPatient.set(p.patientId, [...(byPatient.get(p.patientId) ?? []), p]);
      const open: MonitoringAlert[] = [];
      for (const [patientId, list] of byPatient) open.push(...(await alertsOf(db, zone, patientId, list, day)).filter((a) => !a.acknowledged));
      const { items: people } = await db.call('monitoring.patients', { patientIds: [...new Set(open.map((a) => a.patientId))] });
      const who = new Map(people.map((p) => [p.id, p]));
      const items: WorklistAlert[] = open
        .filter((a) => who.has(a.patientId))
        .map((a) => {
          const p = who.get(a.patientId)!;
          return { ...a, patient: { surname: p.surname, givenName: p.givenName, identifier: p.identifier } };
        })
        .sort((a, b) => (a.severity !== b.severity ? (a.severity === 'critical' ? -1 : 1) : compareAlerts(a, b)));
      return { today: day, items };
    },
    async 'monitoring.acknowledge'(input, ctx) {
      return db.call('monitoring.acknowledge', { actor: ctx.actor, ...input });
    },
  };

  /** The patient's open alerts as "what is due" items, acted on in the worklist. */
  const dueSource: DueSource = async ({ patientId, today: day }) =>
    (await patientAlerts(patientId, day))
      .filter((a) => !a.acknowledged)
      .map((a) => ({ kind: 'monitoring-alert' as const, label: alertLabel(a), date: a.date, href: '#/monitoraggio' }));

  return { handlers, dueSource };
}
