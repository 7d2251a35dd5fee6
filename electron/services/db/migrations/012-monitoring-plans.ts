import type { Migration } from './migration.ts';

/**
 * Telemonitoring plans (shared/api/monitoring.ts): one row per plan with the plan as JSON in
 * `body` (parameters, frequencies, target ranges, alert thresholds) and its period in columns,
 * so the panel's running plans are read from an index. Alerts are not stored: they are derived
 * from the observations whenever asked (shared/analytics/monitoring/evaluate.ts), so every
 * reading imported, however, is checked. What is stored is the doctor's acknowledgement of an
 * alert, keyed by the alert's stable id.
 */
export const migration: Migration = {
  version: 12,
  name: 'monitoring-plans',
  up: `
    CREATE TABLE monitoring_plans (
      patient_id  TEXT NOT NULL REFERENCES patients(id),
      id          TEXT NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
      start_date  TEXT NOT NULL CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
      end_date    TEXT NOT NULL CHECK (end_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND end_date >= start_date),
      body        TEXT NOT NULL CHECK (json_valid(body)),
      created_at  TEXT NOT NULL,
      updated_at  TEXT NOT NULL,
      version     INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
      PRIMARY KEY (patient_id, id)
    ) STRICT;
    CREATE INDEX monitoring_plans_running ON monitoring_plans (end_date, start_date, patient_id);

    CREATE TABLE monitoring_acknowledgements (
      patient_id       TEXT NOT NULL REFERENCES patients(id),
      alert_id         TEXT NOT NULL CHECK (length(alert_id) BETWEEN 1 AND 200),
      plan_id          TEXT NOT NULL,
      acknowledged_at  TEXT NOT NULL,
      actor            TEXT NOT NULL,
      note             TEXT,
      PRIMARY KEY (patient_id, alert_id),
      FOREIGN KEY (patient_id, plan_id) REFERENCES monitoring_plans (patient_id, id)
    ) STRICT;
  `,
};
