/**
 * The longitudinal record's handlers: the diary, therapy plans and prescriptions, observations
 * and the vitals line, dispensations, and who saw what. Storage, checks and the audit line run
 * in the db worker in one transaction (queries/*); here: the author (the doctor at work), the
 * clock, and the `record.changed` event the open sections reload on.
 */
import type { AppContract } from '../../../shared/api/index.ts';
import type { EventHub, Handlers } from '../../../shared/rpc/index.ts';
import type { DbClient } from '../db/client.ts';
import { isoWithOffset } from '../../../shared/format/clinical-time.ts';
import { clinicalTimeZone } from '../settings/settings-service.ts';
import type { RecordAuthor } from './author.ts';

type RecordHandlers = Pick<
  Handlers<AppContract>,
  | 'visits.list' | 'visits.upsert' | 'visits.remove'
  | 'therapy.listPlans' | 'therapy.upsertPlan' | 'therapy.setPlanStatus'
  | 'prescriptions.list' | 'prescriptions.create' | 'prescriptions.repeatPlan'
  | 'observations.series' | 'observations.latest' | 'observations.parseVitalsLine' | 'observations.recordVitals' | 'observations.panelVitals'
  | 'dispensations.list'
  | 'access.openRecord' | 'access.openDocument' | 'access.list'
  | 'drafts.get' | 'drafts.save' | 'drafts.discard'
>;

export function recordHandlers(db: DbClient, events: EventHub, o: { author: RecordAuthor }): RecordHandlers {
  const author = o.author;
  const changed = (patientId: string, part: 'visits' | 'therapies' | 'prescriptions' | 'observations') => events.emit('record.changed', { patientId, part });
  return {
    async 'visits.list'(input) {
      return db.call('visits.list', input);
    },
    async 'visits.upsert'(input, ctx) {
      const v = await db.call('visits.upsert', { actor: ctx.actor, ...input, authorId: await author.required() });
      changed(input.patientId, 'visits');
      return v;
    },
    async 'visits.remove'(input, ctx) {
      const r = await db.call('visits.remove', { actor: ctx.actor, ...input });
      changed(input.patientId, 'visits');
      return r;
    },

    async 'therapy.listPlans'(input) {
      return db.call('therapy.listPlans', input);
    },
    async 'therapy.upsertPlan'(input, ctx) {
      const p = await db.call('therapy.upsertPlan', { actor: ctx.actor, ...input, authorId: await author.required() });
      changed(input.patientId, 'therapies');
      return p;
    },
    async 'therapy.setPlanStatus'(input, ctx) {
      const p = await db.call('therapy.setPlanStatus', { actor: ctx.actor, ...input });
      changed(input.patientId, 'therapies');
      return p;
    },

    async 'prescriptions.list'(input) {
      return db.call('prescriptions.list', input);
    },
    async 'prescriptions.create'(input, ctx) {
      const r = await db.call('prescriptions.create', { actor: ctx.actor, ...input, authorId: await author.required() });
      changed(input.patientId, 'prescriptions');
      if (r.plan) changed(input.patientId, 'therapies');
      return r;
    },
    async 'prescriptions.repeatPlan'(input, ctx) {
      const r = await db.call('prescriptions.repeatPlan', { actor: ctx.actor, ...input, authorId: await author.required() });
      changed(input.patientId, 'prescriptions');
      changed(input.patientId, 'therapies');
      return r;
    },

    async 'observations.series'(input) {
      return db.call('observations.series', input);
    },
    async 'observations.latest'(input) {
      return db.call('observations.latest', input);
    },
    async 'observations.parseVitalsLine'(input) {
      return db.call('observations.parseVitalsLine', input);
    },
    async 'observations.recordVitals'(input, ctx) {
      const r = await db.call('observations.record', {
        actor: ctx.actor, patientId: input.patientId, text: input.text, at: input.at ?? isoWithOffset(new Date(), await clinicalTimeZone(db)), source: input.source,
        lineId: input.lineId, authorId: await author.required(), completesDraft: input.completesDraft,
      });
      changed(input.patientId, 'observations');
      return r;
    },
    async 'observations.panelVitals'() {
      return db.call('observations.panelVitals', {});
    },

    async 'dispensations.list'(input) {
      return db.call('dispensations.list', input);
    },

    async 'access.openRecord'(input, ctx) {
      return db.call('access.log', { actor: ctx.actor, patientId: input.patientId, action: 'access.record', authorId: await author.optional() });
    },
    async 'access.openDocument'(input, ctx) {
      return db.call('access.log', {
        actor: ctx.actor, patientId: input.patientId, action: 'access.document', documentId: input.documentId, documentKind: input.documentKind,
        authorId: await author.optional(),
      });
    },
    async 'access.list'(input) {
      return db.call('access.list', input);
    },

    async 'drafts.get'(input) {
      return db.call('drafts.get', input);
    },
    async 'drafts.save'(input) {
      return db.call('drafts.save', input);
    },
    async 'drafts.discard'(input) {
      return db.call('drafts.discard', input);
    },
  };
}
