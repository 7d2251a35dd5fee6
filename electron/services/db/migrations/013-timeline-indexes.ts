import type { Migration } from './migration.ts';

/**
 * The timeline's "results" items (values entered or measured outside a document, one item per
 * day: electron/services/db/queries/chart-timeline.ts) read from an index ordered by patient and
 * day: a page walks the days newest first and stops after its last one, where the series index
 * made it group the whole 50,000-value history on every page (DASHBOARD.md §1: open fast however
 * long the history). Partial: values inside a document are that document's item.
 * And the received documents newest first (received.list: the newest ten on the Riepilogo) in
 * the order the list asks for, so the newest are read without sorting every document's row.
 */
export const migration: Migration = {
  version: 13,
  name: 'timeline-indexes',
  up: `
    CREATE INDEX IF NOT EXISTS observations_results_days ON observations (patient_id, substr(effective_key, 1, 10), code) WHERE document_id IS NULL;
    CREATE INDEX IF NOT EXISTS received_documents_newest ON received_documents (patient_id, coalesce(date_key, received_at), received_at);
  `,
};
