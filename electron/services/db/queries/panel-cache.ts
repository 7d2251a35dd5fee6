/**
 * The panel's prepared facts and the indicators' outcomes kept in the db worker until the data
 * changes, so that opening the cruscotto again, or one indicator's list, does not read and
 * evaluate the whole panel again (the goal: fifteen indicators over 1,500 patients < 500 ms).
 *
 * What changed is known per patient: temporary triggers (this connection only; the worker holds
 * the only connection that writes) put the patient id of every row written to the tables the
 * facts come from into a temporary table; only those patients are read and evaluated again.
 * A write by another connection moves SQLite's `data_version`, and then everything is dropped.
 * The panel exits are a setting: a change to it reads again the patients whose exit changed;
 * the outcomes are kept by reporting date and definitions, so new definitions are new outcomes.
 */
import type { Db } from '../open.ts';
import type { IndicatorDef } from '../../../../shared/api/cruscotto-definitions.ts';
import { evaluatePatient, preparePatient, type PatientOutcome, type PreparedPatient } from '../../../../shared/analytics/cruscotto/evaluate.ts';
import { aicPackDescriptions } from '../../terms/aic-pack-descriptions.ts';
import { PANEL_EXITS_KEY, indicatorCodes, panelExits, readPanelFacts, type IndicatorCodes } from './panel-facts.ts';

/** The setting that holds the doctor's overrides of the definitions (cruscotto-definitions.ts). */
export const DEFINITIONS_KEY = 'cruscotto.definitions';

/** Tables whose rows carry a patient_id the panel's facts are read from. */
const PATIENT_TABLES = ['clinical_entries', 'observations', 'prescriptions', 'dispensations', 'therapy_plans'] as const;
/** Above this many changed patients, reading the whole panel again is cheaper than one by one. */
const REREAD_ALL_ABOVE = 150;

interface Outcomes {
  /** Per patient id, one outcome per definition, at the reporting date and a year before. */
  byPatient: Map<string, { now: PatientOutcome[]; before: PatientOutcome[] }>;
}

interface PanelCache {
  dataVersion: number;
  /** The facts window and the codes read: a different one is a different panel. */
  key: string;
  /** In the panel's order (surname, given name, id). */
  order: string[];
  patients: Map<string, PreparedPatient>;
  /** By reporting date and definitions. */
  outcomes: Map<string, Outcomes>;
}

const caches = new WeakMap<Db, PanelCache>();
const watched = new WeakSet<Db>();

function watch(db: Db): void {
  if (watched.has(db)) return;
  db.exec('CREATE TEMP TABLE IF NOT EXISTS cruscotto_dirty (patient_id TEXT PRIMARY KEY) WITHOUT ROWID');
  const mark = (table: string, event: 'INSERT' | 'UPDATE' | 'DELETE', col: string) => {
    const rows = event === 'DELETE' ? [`old.${col}`] : event === 'UPDATE' ? [`old.${col}`, `new.${col}`] : [`new.${col}`];
    const body = rows.map((r) => `INSERT OR IGNORE INTO temp.cruscotto_dirty VALUES (${r});`).join(' ');
    db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS cruscotto_dirty_${table}_${event.toLowerCase()} AFTER ${event} ON main.${table} BEGIN ${body} END`);
  };
  for (const t of PATIENT_TABLES) for (const e of ['INSERT', 'UPDATE', 'DELETE'] as const) mark(t, e, 'patient_id');
  for (const e of ['INSERT', 'UPDATE', 'DELETE'] as const) mark('patients', e, 'id');
  // '*': the panel exits changed.
  for (const e of ['INSERT', 'UPDATE'] as const) {
    db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS cruscotto_dirty_settings_${e.toLowerCase()} AFTER ${e} ON main.settings WHEN new.key = '${PANEL_EXITS_KEY}' BEGIN INSERT OR IGNORE INTO temp.cruscotto_dirty VALUES ('*'); END`);
  }
  watched.add(db);
}

function dataVersion(db: Db): number {
  return db.pragma('data_version', { simple: true }) as number;
}

function panelOrder(db: Db): string[] {
  return (db.prepare('SELECT id FROM patients ORDER BY surname_key, given_key, id').pluck().all() as string[]);
}

function readAll(db: Db, from: string, codes: IndicatorCodes, key: string): PanelCache {
  const catalogue = aicPackDescriptions();
  const patients = new Map<string, PreparedPatient>();
  const order: string[] = [];
  for (const f of readPanelFacts(db, { from, codes })) {
    patients.set(f.id, preparePatient(f, catalogue));
    order.push(f.id);
  }
  db.exec('DELETE FROM temp.cruscotto_dirty');
  return { dataVersion: dataVersion(db), key, order, patients, outcomes: new Map() };
}

/**
 * The panel prepared for these definitions with facts from `from`, brought up to date: the
 * patients written to since the last call are read again (and their outcomes forgotten).
 */
export function preparedPanel(db: Db, from: string, defs: readonly IndicatorDef[]): PanelCache {
  watch(db);
  const codes = indicatorCodes(defs);
  const key = `${from}|${codes.windowed.join()}|${codes.anyTime.join()}`;
  let c = caches.get(db);
  if (!c || c.key !== key || c.dataVersion !== dataVersion(db)) {
    c = readAll(db, from, codes, key);
    caches.set(db, c);
    return c;
  }
  const dirty = db.prepare('SELECT patient_id FROM temp.cruscotto_dirty').pluck().all() as string[];
  if (!dirty.length) return c;
  if (dirty.length > REREAD_ALL_ABOVE) {
    c = readAll(db, from, codes, key);
    caches.set(db, c);
    return c;
  }
  db.exec('DELETE FROM temp.cruscotto_dirty');
  const catalogue = aicPackDescriptions();
  const ids = new Set(dirty.filter((x) => x !== '*'));
  if (dirty.includes('*')) {
    // The exits are one setting: the patients whose exit changed are read again.
    const exits = panelExits(db);
    for (const [id, p] of c.patients) if (JSON.stringify(p.facts.exit ?? null) !== JSON.stringify(exits[id] ?? null)) ids.add(id);
  }
  for (const id of ids) {
    const [f] = readPanelFacts(db, { from, codes, patientId: id });
    if (f) c.patients.set(id, preparePatient(f, catalogue));
    else c.patients.delete(id);
  }
  c.order = panelOrder(db);
  for (const o of c.outcomes.values()) for (const id of ids) o.byPatient.delete(id);
  return c;
}

/** The outcomes of every definition for every patient at a date and a year before, computed once per panel state. */
export function panelOutcomes(c: PanelCache, defs: readonly IndicatorDef[], defsKey: string, asOf: string, before: string): Outcomes {
  const key = `${asOf}|${before}|${defsKey}`;
  let o = c.outcomes.get(key);
  if (!o) {
    if (c.outcomes.size > 8) c.outcomes.clear();
    c.outcomes.set(key, (o = { byPatient: new Map() }));
  }
  for (const id of c.order) {
    if (o.byPatient.has(id)) continue;
    const p = c.patients.get(id);
    if (!p) continue;
    // One date after the other, so the patient's PDC memo serves every indicator of that date.
    const now = defs.map((d) => evaluatePatient(d, p, asOf));
    const prev = defs.map((d) => evaluatePatient(d, p, before));
    o.byPatient.set(id, { now, before: prev });
  }
  return o;
}
