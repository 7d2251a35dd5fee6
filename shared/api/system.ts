import { z } from 'zod';
import { defineMethod } from './define.ts';

export const systemApi = {
  /** What the UI needs at start: version, runtime mode, whether this is the sandbox. */
  'system.info': defineMethod({
    input: z.object({}).default({}),
    output: z.object({
      version: z.string(),
      runtime: z.enum(['electron', 'node-host', 'in-process']),
      sandbox: z.boolean(),
      developmentStore: z.boolean(),
      locale: z.string(),
    }),
  }),

  /** Recomputes the audit log's hash chain. `valid` is false when a row was edited or removed. */
  'audit.verify': defineMethod({
    input: z.object({}).default({}),
    output: z.object({
      valid: z.boolean(),
      entries: z.number().int(),
      firstBadSeq: z.number().int().optional(),
      reason: z.enum(['hash-mismatch', 'chain-broken', 'sequence-gap']).optional(),
    }),
  }),
};
