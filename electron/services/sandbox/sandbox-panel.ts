import type { EventHub } from '../../../shared/rpc/index.ts';
import type { Logger } from '../ports.ts';
import type { DbClient } from '../db/client.ts';
import { seededRandom } from '../../../shared/random.ts';
import { syntheticClinicalRecord } from '../../../shared/synthetic/clinical-record.ts';
import { syntheticPatients } from '../../../shared/synthetic/patients.ts';
import { childVaccinations, syntheticChildren, type SyntheticChild } from '../../../shared/synthetic/children.ts';
import { loadVaccinationCalendar } from '../paediatrics/vaccination-resources.ts';
import { TITOLARE_ID } from '../doctors/directory.ts';
import { seedPatientHistory } from '../record/seed-history.ts';
import { seedSandboxGrowth } from './sandbox-growth.ts';

/** How many sandbox patients get a long history, and whether one of them is the closely followed 20-year one. */
export interface SandboxHistories {
  count: number;
  intensive: boolean;
  /** Wait this long after the panel is created (the first page load goes first). */
  delayMs?: number;
}

/** Records written per transaction while the panel is filled (each takes tens of ms). */
const RECORDS_PER_TRANSACTION = 50;

/**
 * How long the hosts wait, after the patients are in, before writing their records: the first
 * page needs only the patient list, and the records' CPU (generation, checks, SQLite) would
 * otherwise compete with serving it (the cold start of the node host).
 */
export const SANDBOX_RECORDS_DELAY_MS = 1500;

/** The sandbox's long histories by default: five of 8-15 years, and one of 20 years, 3,000 documents, 50,000 observations. */
export const SANDBOX_HISTORIES: SandboxHistories = { count: 6, intensive: true, delayMs: 4000 };

/** The sandbox's children beside the adults: 40 unless CARTELLA_SANDBOX_CHILDREN says otherwise. */
export function sandboxChildren(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.CARTELLA_SANDBOX_CHILDREN ?? 40);
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : 40;
}

/**
 * Sandbox mode (UX.md, "Sandbox mode"): the first start opens on a synthetic panel of `count`
 * patients, each with a coded record so the PSS editor and the bulk queue have data. Runs after
 * the host is already serving: the patients appear first (one transaction, one
 * `patients.changed` refreshes the lists), their records follow (transactions of 50), then the
 * long histories of a few of them, written in parts with pauses so the interface keeps answering.
 * If the host stops between the first two, the next start writes the records still missing (the
 * audit log says which sandbox patients have none); patients the doctor added are never touched.
 * The long histories are written only on the start that created the panel.
 */
export async function seedSandboxPanel(o: {
  db: DbClient; events: EventHub; logger: Logger; count: number; today?: string; histories?: SandboxHistories;
  /** Children 0-14 with vaccination histories (shared/synthetic/children.ts), beside the `count` adults. */
  children?: number;
  /** Wait this long after creating the patients before writing their records (SANDBOX_RECORDS_DELAY_MS). */
  recordsDelayMs?: number;
  /** And for this first (the node host: its first page connected, or a time limit). */
  recordsAfter?: Promise<unknown>;
}): Promise<void> {
  if (o.count <= 0) return;
  const today = o.today ?? new Date().toISOString().slice(0, 10);
  const { total } = await o.db.call('patients.search', { text: '', limit: 1 });
  const created = total === 0;
  const panel = syntheticPatients({ count: o.count, seed: 42 });
  // A child whose codice fiscale an adult of the panel already has (omocodia across a century) is left out.
  const taken = new Set(panel.map((p) => p.identifier));
  const children = syntheticChildren({ count: o.children ?? 0, seed: 14, today }).filter((c) => !taken.has(c.patient.identifier));
  if (created) {
    await o.db.call('patients.insertMany', { actor: 'sandbox', patients: [...panel, ...children.map((c) => c.patient)] });
    const { items } = await o.db.call('patients.search', { text: '', limit: 1 });
    if (items[0]) o.events.emit('patients.changed', { id: items[0].id });
    if (o.recordsAfter) await o.recordsAfter;
    if (o.recordsDelayMs) await new Promise<void>((r) => setTimeout(r, o.recordsDelayMs));
  }
  const missing = await o.db.call('sandbox.patientsWithoutRecord', undefined as never);
  if (missing.length > 0) {
    const rand = seededRandom(42);
    const child = new Map(children.map((c, i) => [c.patient.identifier, { c, i }]));
    // Adults first, from the one seeded stream as before children existed (their records do not change).
    const records = missing.filter((p) => !child.has(p.identifier)).map((p) => ({ patientId: p.id, record: syntheticClinicalRecord(p, rand, today) }));
    const kids = missing.filter((p) => child.has(p.identifier));
    if (kids.length > 0) {
      const { calendar } = loadVaccinationCalendar();
      for (const p of kids) records.push({ patientId: p.id, record: childRecord(p, child.get(p.identifier)!, calendar, today) });
    }
    // In parts, so the first page's queries (patients.search) are answered between them
    // instead of after all the records; a stop in between leaves patients the next start completes.
    for (let i = 0; i < records.length; i += RECORDS_PER_TRANSACTION) {
      await o.db.call('record.replaceMany', { actor: 'sandbox', records: records.slice(i, i + RECORDS_PER_TRANSACTION) });
    }
    o.logger.info(created ? 'Sandbox panel created' : 'Sandbox panel completed', { patients: missing.length, children: kids.length });
  }
  if (!created) return;

  const { items } = await o.db.call('patients.search', { text: '', limit: o.count + children.length });
  // The children's growth series and bilanci (PAEDIATRICS.md §3-4), before the adults' long histories.
  const grown = await seedSandboxGrowth({ db: o.db, today, patients: items });
  if (grown) o.logger.info('Sandbox growth series created', { patients: grown });
  const h = o.histories ?? { count: 0, intensive: false };
  // Adults old enough for chronic conditions, in the panel's (alphabetical) order: the same every time.
  const adults = items.filter((p) => Number(today.slice(0, 4)) - Number(p.birthDate.slice(0, 4)) >= 55).slice(0, h.count);
  const pause = () => new Promise<void>((r) => setTimeout(r, 25));
  if (adults.length && h.delayMs) await new Promise<void>((r) => setTimeout(r, h.delayMs));
  // The closely followed patient last: the others are ready first.
  for (const [i, p] of [...adults.entries()].reverse()) {
    const intensive = h.intensive && i === 0;
    await seedPatientHistory(o.db, {
      actor: 'sandbox', patientId: p.id, patient: p, seed: 4200 + i, pause,
      history: { today, years: intensive ? 20 : 8 + ((i * 7) % 8), authorId: TITOLARE_ID, ...(intensive ? { intensive: { documents: 3000, observations: 50_000 } } : {}) },
    });
    o.events.emit('record.changed', { patientId: p.id, part: 'documents' });
  }
  if (adults.length) o.logger.info('Sandbox histories created', { patients: adults.length });
}

/** A child's record: the synthetic record of its age with the calendar's vaccinations and decisions in place of random ones. */
function childRecord(p: Parameters<typeof syntheticClinicalRecord>[0], k: { c: SyntheticChild; i: number }, calendar: Parameters<typeof childVaccinations>[1], today: string) {
  const base = syntheticClinicalRecord(p, seededRandom(1400 + k.i), today);
  const v = childVaccinations(k.c, calendar, 1500 + k.i, today);
  return { ...base, pregnancies: [], vaccinations: v.vaccinations, vaccinationDecisions: v.vaccinationDecisions };
}
