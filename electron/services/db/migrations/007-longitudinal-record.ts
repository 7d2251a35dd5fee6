import type { Db } from '../open.ts';
import type { Migration } from './migration.ts';

/**
 * The longitudinal record (shared/domain/record/): the diary, therapy plans and prescriptions,
 * observations as time series, dispensations, and the documents received, kept byte for byte.
 *
 * Each table keeps the fact as its zod schema accepts it in `body` (the one source of truth,
 * checked again when read) and, in columns, only what indexes and queries need, written by the
 * same function that writes the body.
 *
 * Data moved: the PSS sections that become views of these tables leave `clinical_entries`:
 * `vitalSigns` and `labResults` rows become observations (a blood pressure becomes two observations
 * sharing a panel id, as the PSS organizer prints them), `medications` rows become therapy plans
 * (chronic, as the PSS therapies are). Lab results were entered for the PSS, so they stay pinned to
 * it (in_pss = 1); vital signs follow the default rule (the latest of each kind), so a record that
 * held two weights now prints the newer one.
 *
 * A series is read from its columns alone (time, value, unit, range, interpretation: a chart of
 * thousands of points never parses a body); the body holds the whole fact.
 *
 * Indexes serve the queries the dashboard and the worklists make: every value of one code for one
 * patient (observations_series), the last value of a code for every patient of the panel
 * (observation_latest, kept by triggers), what a doctor profile wrote (…_author), dispensations
 * by ATC class.
 */
const SQL = `
  CREATE TABLE received_documents (
    patient_id      TEXT NOT NULL REFERENCES patients(id),
    id              TEXT NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
    kind            TEXT NOT NULL CHECK (kind IN ('LAB','LDO','VPS','RSA','RAD','RAP','PSS','SING_VACC','CERT_VACC','ERF','DEVICE','DISP','OTHER')),
    format          TEXT NOT NULL CHECK (format IN ('cda','pdf','pdf-signed','p7m','fhir-json','csv')),
    title           TEXT NOT NULL,
    cda_id          TEXT,
    set_id          TEXT,
    document_date   TEXT,
    date_key        TEXT,
    received_at     TEXT NOT NULL,
    sha256          TEXT NOT NULL CHECK (length(sha256) = 64),
    body            TEXT NOT NULL CHECK (json_valid(body)),
    created_by      TEXT,
    PRIMARY KEY (patient_id, id),
    UNIQUE (patient_id, sha256)
  ) STRICT;
  CREATE UNIQUE INDEX received_documents_cda_id ON received_documents (patient_id, cda_id) WHERE cda_id IS NOT NULL;
  CREATE INDEX received_documents_date ON received_documents (patient_id, date_key);

  -- The bytes apart, so that listing documents never reads them.
  CREATE TABLE received_document_files (
    patient_id   TEXT NOT NULL,
    document_id  TEXT NOT NULL,
    bytes        BLOB NOT NULL,
    PRIMARY KEY (patient_id, document_id),
    FOREIGN KEY (patient_id, document_id) REFERENCES received_documents (patient_id, id)
  ) STRICT;

  CREATE TABLE observations (
    patient_id      TEXT NOT NULL REFERENCES patients(id),
    id              TEXT NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
    code            TEXT NOT NULL,
    panel_id        TEXT,
    effective_key   TEXT NOT NULL,
    value_num       REAL,
    unit            TEXT,
    ref_low         REAL,
    ref_high        REAL,
    interpretation  TEXT CHECK (interpretation IS NULL OR interpretation IN ('N','L','H','LL','HH','A','AA')),
    source          TEXT NOT NULL CHECK (source IN ('doctor','patient-declared','specialist','document','device')),
    document_id     TEXT,
    in_pss          INTEGER CHECK (in_pss IS NULL OR in_pss IN (0, 1)),
    author_id       TEXT,
    body            TEXT NOT NULL CHECK (json_valid(body)),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    PRIMARY KEY (patient_id, id)
  ) STRICT;
  -- Covering: a series is read from the index alone (the table's pages also hold the bodies,
  -- and each page read from an encrypted file is decrypted).
  CREATE INDEX observations_series ON observations (patient_id, code, effective_key, id, value_num, unit, ref_low, ref_high, interpretation, source, document_id, panel_id);

  -- The last observation of each code of each patient, kept by the triggers below whoever writes
  -- (like an index, never written by the application): "the last blood pressure of every
  -- patient" reads one row per patient instead of every patient's whole series. Last = the
  -- latest effective time; between equal times, the one written last.
  CREATE TABLE observation_latest (
    code           TEXT NOT NULL,
    patient_id     TEXT NOT NULL,
    effective_key  TEXT NOT NULL,
    id             TEXT NOT NULL,
    value_num      REAL,
    unit           TEXT,
    PRIMARY KEY (code, patient_id)
  ) STRICT, WITHOUT ROWID;
  CREATE TRIGGER observation_latest_insert AFTER INSERT ON observations BEGIN
    INSERT INTO observation_latest (code, patient_id, effective_key, id, value_num, unit)
    VALUES (new.code, new.patient_id, new.effective_key, new.id, new.value_num, new.unit)
    ON CONFLICT (code, patient_id) DO UPDATE SET effective_key = excluded.effective_key, id = excluded.id, value_num = excluded.value_num, unit = excluded.unit
    WHERE excluded.effective_key >= observation_latest.effective_key;
  END;
  CREATE TRIGGER observation_latest_update AFTER UPDATE OF code, effective_key, value_num, unit ON observations BEGIN
    DELETE FROM observation_latest WHERE code IN (old.code, new.code) AND patient_id = old.patient_id;
    INSERT INTO observation_latest (code, patient_id, effective_key, id, value_num, unit)
    SELECT code, patient_id, effective_key, id, value_num, unit FROM (
      SELECT code, patient_id, effective_key, id, value_num, unit, row_number() OVER (PARTITION BY code ORDER BY effective_key DESC, updated_at DESC, id DESC) AS n
      FROM observations WHERE patient_id = old.patient_id AND code IN (old.code, new.code)
    ) WHERE n = 1;
  END;
  CREATE TRIGGER observation_latest_delete AFTER DELETE ON observations
  WHEN EXISTS (SELECT 1 FROM observation_latest WHERE code = old.code AND patient_id = old.patient_id AND id = old.id) BEGIN
    DELETE FROM observation_latest WHERE code = old.code AND patient_id = old.patient_id;
    INSERT INTO observation_latest (code, patient_id, effective_key, id, value_num, unit)
    SELECT code, patient_id, effective_key, id, value_num, unit FROM observations
    WHERE patient_id = old.patient_id AND code = old.code ORDER BY effective_key DESC, updated_at DESC, id DESC LIMIT 1;
  END;
  CREATE INDEX observations_patient_time ON observations (patient_id, effective_key);
  CREATE INDEX observations_document ON observations (patient_id, document_id) WHERE document_id IS NOT NULL;

  CREATE TABLE visits (
    patient_id   TEXT NOT NULL REFERENCES patients(id),
    id           TEXT NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
    at_key       TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('ambulatoriale','domiciliare','telefonica','televisita')),
    author_id    TEXT,
    body         TEXT NOT NULL CHECK (json_valid(body)),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    PRIMARY KEY (patient_id, id)
  ) STRICT;
  CREATE INDEX visits_patient ON visits (patient_id, at_key);
  CREATE INDEX visits_author ON visits (author_id, at_key);

  CREATE TABLE therapy_plans (
    patient_id   TEXT NOT NULL REFERENCES patients(id),
    id           TEXT NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
    atc          TEXT NOT NULL,
    aic          TEXT,
    status       TEXT NOT NULL CHECK (status IN ('active','completed','suspended')),
    chronic      INTEGER NOT NULL CHECK (chronic IN (0, 1)),
    source       TEXT NOT NULL CHECK (source IN ('doctor','patient-declared','specialist')),
    document_id  TEXT,
    author_id    TEXT,
    position     INTEGER NOT NULL DEFAULT 0,
    body         TEXT NOT NULL CHECK (json_valid(body)),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    PRIMARY KEY (patient_id, id)
  ) STRICT;
  CREATE INDEX therapy_plans_atc ON therapy_plans (atc, patient_id);

  CREATE TABLE prescriptions (
    patient_id   TEXT NOT NULL REFERENCES patients(id),
    id           TEXT NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
    date         TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('medicine','test','visit')),
    code         TEXT NOT NULL,
    plan_id      TEXT,
    author_id    TEXT,
    body         TEXT NOT NULL CHECK (json_valid(body)),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    PRIMARY KEY (patient_id, id)
  ) STRICT;
  CREATE INDEX prescriptions_patient ON prescriptions (patient_id, date);
  CREATE INDEX prescriptions_code ON prescriptions (kind, code, patient_id, date);
  CREATE INDEX prescriptions_plan ON prescriptions (patient_id, plan_id, date) WHERE plan_id IS NOT NULL;
  CREATE INDEX prescriptions_author ON prescriptions (author_id, date);

  CREATE TABLE dispensations (
    patient_id   TEXT NOT NULL REFERENCES patients(id),
    id           TEXT NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
    date         TEXT NOT NULL,
    atc          TEXT NOT NULL,
    aic          TEXT,
    source       TEXT NOT NULL CHECK (source IN ('document','csv','doctor')),
    document_id  TEXT,
    body         TEXT NOT NULL CHECK (json_valid(body)),
    created_at   TEXT NOT NULL,
    PRIMARY KEY (patient_id, id)
  ) STRICT;
  CREATE INDEX dispensations_patient ON dispensations (patient_id, atc, date);
  CREATE INDEX dispensations_atc ON dispensations (atc, patient_id, date);

  -- What the doctor is typing in an entry form of the record (a visit, a prescription, a vitals
  -- line) and has not saved yet: one draft per form and patient, in the encrypted file, so a
  -- closed window or a crash loses nothing. Not a fact of the record (never audited, never read
  -- by anything but its form); saving the entry removes it.
  CREATE TABLE record_drafts (
    patient_id   TEXT NOT NULL REFERENCES patients(id),
    form         TEXT NOT NULL CHECK (form IN ('visit','prescription','vitals')),
    body         TEXT NOT NULL CHECK (json_valid(body)),
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (patient_id, form)
  ) STRICT;

  -- The PSS entries read from received documents (LDO diagnoses and allergies) and who wrote each.
  ALTER TABLE clinical_entries ADD COLUMN document_id TEXT;
  ALTER TABLE clinical_entries ADD COLUMN author_id TEXT;

  -- Who saw what (Garante, dossier guidelines): a patient's accesses are read by entity id.
  CREATE INDEX audit_log_entity ON audit_log (entity_id, seq);
`;

/** LOINC and UCUM of the vital kinds the PSS editor stored until now (frozen copy: a migration never changes). */
const VITALS: Record<string, { code: string; display: string; unit: string }> = {
  weight: { code: '29463-7', display: 'Peso corporeo', unit: 'kg' },
  height: { code: '8302-2', display: 'Altezza corporea', unit: 'cm' },
  bmi: { code: '39156-5', display: 'Indice di massa corporea', unit: 'kg/m2' },
  'heart-rate': { code: '8867-4', display: 'Frequenza cardiaca', unit: '/min' },
  waist: { code: '8280-0', display: 'Circonferenza vita', unit: 'cm' },
  systolic: { code: '8480-6', display: 'Pressione sistolica', unit: 'mm[Hg]' },
  diastolic: { code: '8462-4', display: 'Pressione diastolica', unit: 'mm[Hg]' },
};

function dateKey(d: string): string {
  const [y, m = '01', day = '01'] = d.split('-');
  return `${y}-${m}-${day}T00:00:00`;
}

interface OldRow { patient_id: string; entry_id: string; body: string; source: string; created_at: string; updated_at: string }

function moveData(db: Db): void {
  const insObs = db.prepare(
    `INSERT INTO observations (patient_id, id, code, panel_id, effective_key, value_num, unit, ref_low, ref_high, interpretation, source, in_pss, body, created_at, updated_at)
     VALUES (@patient_id, @id, @code, @panel_id, @effective_key, @value_num, @unit, @ref_low, @ref_high, @interpretation, @source, @in_pss, @body, @created_at, @updated_at)`,
  );
  const rows = (section: string) =>
    db.prepare('SELECT patient_id, entry_id, body, source, created_at, updated_at FROM clinical_entries WHERE section = ? ORDER BY patient_id, position, created_at, entry_id').all(section) as OldRow[];

  for (const r of rows('vitalSigns')) {
    const v = JSON.parse(r.body) as { id: string; source: string; note?: string; kind: string; date: string; value?: number; systolic?: number; diastolic?: number };
    const parts = v.kind === 'blood-pressure'
      ? [{ id: `${v.id}.sys`, k: 'systolic', value: v.systolic!, panel: v.id }, { id: `${v.id}.dia`, k: 'diastolic', value: v.diastolic!, panel: v.id }]
      : [{ id: v.id, k: v.kind, value: v.value!, panel: null }];
    for (const p of parts) {
      const k = VITALS[p.k]!;
      const body = {
        id: p.id, source: v.source, ...(v.note ? { note: v.note } : {}), code: k.code, display: k.display,
        ...(p.panel ? { panelId: p.panel } : {}), effective: v.date, value: { type: 'quantity', value: p.value, unit: k.unit }, status: 'final',
      };
      insObs.run({
        patient_id: r.patient_id, id: p.id, code: k.code, panel_id: p.panel, effective_key: dateKey(v.date), value_num: p.value,
        unit: k.unit, ref_low: null, ref_high: null, interpretation: null, source: v.source, in_pss: null, body: JSON.stringify(body), created_at: r.created_at, updated_at: r.updated_at,
      });
    }
  }

  for (const r of rows('labResults')) {
    const l = JSON.parse(r.body) as {
      id: string; source: string; note?: string; loinc: { code: string; display: string }; value: number; unit: string;
      referenceLow?: number; referenceHigh?: number; interpretation?: string; date: string;
    };
    const range = l.referenceLow !== undefined || l.referenceHigh !== undefined
      ? { referenceRange: { ...(l.referenceLow !== undefined ? { low: l.referenceLow } : {}), ...(l.referenceHigh !== undefined ? { high: l.referenceHigh } : {}) } }
      : {};
    const body = {
      id: l.id, source: l.source, ...(l.note ? { note: l.note } : {}), code: l.loinc.code, display: l.loinc.display, effective: l.date,
      value: { type: 'quantity', value: l.value, unit: l.unit }, ...range, ...(l.interpretation ? { interpretation: l.interpretation } : {}),
      status: 'final', inPss: true,
    };
    insObs.run({
      patient_id: r.patient_id, id: l.id, code: l.loinc.code, panel_id: null, effective_key: dateKey(l.date), value_num: l.value,
      unit: l.unit, ref_low: l.referenceLow ?? null, ref_high: l.referenceHigh ?? null, interpretation: l.interpretation ?? null, source: l.source, in_pss: 1, body: JSON.stringify(body), created_at: r.created_at, updated_at: r.updated_at,
    });
  }

  const insPlan = db.prepare(
    `INSERT INTO therapy_plans (patient_id, id, atc, aic, status, chronic, source, position, body, created_at, updated_at)
     VALUES (@patient_id, @id, @atc, @aic, @status, 1, @source, @position, @body, @created_at, @updated_at)`,
  );
  let position = 0;
  let lastPatient = '';
  for (const r of rows('medications')) {
    const m = JSON.parse(r.body) as { id: string; atc: { code: string }; aic?: { code: string }; status: string; source: string };
    position = r.patient_id === lastPatient ? position + 1 : 0;
    lastPatient = r.patient_id;
    insPlan.run({
      patient_id: r.patient_id, id: m.id, atc: m.atc.code, aic: m.aic?.code ?? null, status: m.status, source: m.source, position,
      body: JSON.stringify({ ...m, chronic: true }), created_at: r.created_at, updated_at: r.updated_at,
    });
  }

  db.prepare(`DELETE FROM clinical_entries WHERE section IN ('vitalSigns', 'labResults', 'medications')`).run();
}

export const migration: Migration = {
  version: 7,
  name: 'longitudinal-record',
  up(db) {
    db.exec(SQL);
    moveData(db);
  },
};
