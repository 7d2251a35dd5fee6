/**
 * zod schemas for the outbox queue as the UI sees it: ready to be spread
 * into the contract in shared/api by its owner (`outbox.queue`, `outbox.summary`,
 * `outbox.act`), with the `outbox.changed` event.
 */
import { z } from 'zod';
import { OUTBOX_OPERATIONS } from './job.ts';
import { OUTBOX_STATES } from './state-machine.ts';

export const OutboxEntryView = z.object({
  id: z.string(),
  documentId: z.string(),
  operation: z.enum(OUTBOX_OPERATIONS),
  state: z.enum(OUTBOX_STATES),
  step: z.enum(['validate', 'publish']),
  identificativoDoc: z.string(),
  attempts: z.number().int().min(0),
  nextAttemptAt: z.number(),
  workflowInstanceId: z.string().nullable(),
  /** When the workflowInstanceId was obtained by a validation (epoch ms); null when unknown. */
  validatedAt: z.number().nullable(),
  traceId: z.string().nullable(),
  lastError: z.string().nullable(),
  parkedReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  /** Italian label of the state. */
  label: z.string(),
});
export type OutboxEntryView = z.infer<typeof OutboxEntryView>;

export const OutboxSummary = z.object({
  pending: z.number().int().min(0),
  needsAttention: z.number().int().min(0),
  lastSyncAt: z.string().nullable(),
  online: z.boolean(),
});
export type OutboxSummary = z.infer<typeof OutboxSummary>;

export const OutboxAction = z.object({ entryId: z.string().min(1), action: z.enum(['retry', 'cancel', 'edit']) });
export type OutboxAction = z.infer<typeof OutboxAction>;

/** Method specs in the shape of shared/api's defineMethod ({input, output}). */
export const outboxMethodSchemas = {
  'outbox.queue': { input: z.object({}).optional(), output: z.array(OutboxEntryView) },
  'outbox.summary': { input: z.object({}).optional(), output: OutboxSummary },
  'outbox.act': { input: OutboxAction, output: OutboxEntryView.omit({ label: true }) },
} as const;

export const outboxEvents = {
  /** An entry changed state (queue view, badge). */
  'outbox.changed': z.object({ id: z.string(), state: z.enum(OUTBOX_STATES) }),
};
