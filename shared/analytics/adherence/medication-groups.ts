/**
 * A CMA per medication group (a drug class such as "statins"), as AdhereR 0.8.1 computes
 * CMAs with `medication.groups` given as a column (R/adherer.R, .cma.skeleton): each group's
 * events are a separate computation and every patient has a row in every group (NA where the
 * patient has no event of it). By default the windows are the patient's, fixed on all the
 * patient's events before splitting (`followup.window.start.per.medication.group = FALSE`);
 * with `windowsPerGroup` they count from the first event of the group.
 */
import { cmaForUnits } from './cma/compute.ts';
import { durationMethodsOf } from './cma/index.ts';
import { NO_CARRY } from './event-intervals.ts';
import type { CmaParams, CmaResult, MedicationEvent, PatientId } from './types.ts';
import { AdherenceComputationError, groupByPatient, unitIntervals, type CmaUnit } from './units.ts';
import { validateEvents } from './validate-events.ts';
import { validateWindowSpec } from './windows.ts';

export interface GroupCmaResult extends CmaResult {
  group: string;
}

export function computeCmaByGroup<E extends MedicationEvent>(
  events: readonly E[],
  params: CmaParams,
  groupOf: (event: E) => string,
  options: { windowsPerGroup?: boolean } = {},
): GroupCmaResult[] {
  validateEvents(events);
  validateWindowSpec(params.followUp, params.observation);
  const byPatient = groupByPatient(events);
  const patientIds = [...byPatient.keys()];

  // The patient's own windows, shared by all its groups.
  const shared = new Map<PatientId, { fuStart: number; owStart: number }>();
  if (!options.windowsPerGroup) {
    for (const [id, evs] of byPatient) {
      const info = unitIntervals({ id, events: evs, windows: params }, NO_CARRY);
      if (info.rows.length === 0) {
        throw new AdherenceComputationError('NO_EVENTS_IN_WINDOWS', [id], `no event of ${String(id)} falls within its follow-up window`);
      }
      shared.set(id, { fuStart: info.windows.fuStart, owStart: info.windows.owStart });
    }
  }

  const groups = [...new Set(events.map(groupOf))].sort();
  const out: GroupCmaResult[] = [];
  for (const group of groups) {
    const units: CmaUnit<E>[] = [];
    for (const [id, evs] of byPatient) {
      const mine = evs.filter((e) => groupOf(e) === group);
      if (mine.length === 0) continue;
      const s = shared.get(id);
      units.push({
        id,
        events: mine,
        windows: s
          ? {
              followUp: { ...params.followUp, start: { date: s.fuStart } },
              observation: { ...params.observation, start: { date: s.owStart } },
            }
          : params,
      });
    }
    const values = cmaForUnits(params.cma, units, params);
    const unitOf = new Map(units.map((u) => [u.id, u]));
    for (const id of patientIds) {
      const unit = unitOf.get(id);
      out.push({ group, patientId: id, cma: values.get(id) ?? null, durationMethods: unit ? durationMethodsOf(unit.events) : [] });
    }
  }
  return out;
}
