import type { Migration } from './migration.ts';

/**
 * When the entry's workflowInstanceId was obtained (validation with activity=VALIDATION, epoch
 * ms): before signing (outbox.prevalidate) or by the scheduler. The gateway publishes only within
 * 5 days of the validation (FSE-GATEWAY.md §2, DSP days.allow-publish-after-validation), so the
 * scheduler validates again, before publishing, an entry whose validation is older than that.
 * Null: no validation yet, or one of an earlier version that did not record the time.
 */
export const migration: Migration = {
  version: 6,
  name: 'outbox-validated-at',
  up: `
    ALTER TABLE outbox_entries ADD COLUMN validated_at INTEGER CHECK (validated_at IS NULL OR validated_at >= 0);
  `,
};
