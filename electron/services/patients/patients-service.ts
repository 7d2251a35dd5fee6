import type { AppContract } from '../../../shared/api/index.ts';
import type { Handlers } from '../../../shared/rpc/index.ts';
import type { EventHub } from '../../../shared/rpc/index.ts';
import type { DbClient } from '../db/client.ts';
import { assertIdentifier, checkIdentifier } from './identifier-check.ts';

type PatientHandlers = Pick<
  Handlers<AppContract>,
  'patients.create' | 'patients.update' | 'patients.get' | 'patients.search' | 'patients.checkIdentifier'
>;

/** The patient registry: identifier checks here, storage and audit in the db worker. */
export function patientsService(db: DbClient, events: EventHub): PatientHandlers {
  return {
    async 'patients.create'(input, ctx) {
      const identifier = assertIdentifier(input);
      const p = await db.call('patients.insert', { actor: ctx.actor, patient: { ...input, identifier } });
      events.emit('patients.changed', { id: p.id });
      return p;
    },
    async 'patients.update'(input, ctx) {
      const { id, version, ...patient } = input;
      const identifier = assertIdentifier(patient);
      const p = await db.call('patients.update', { actor: ctx.actor, id, version, patient: { ...patient, identifier } });
      events.emit('patients.changed', { id: p.id });
      return p;
    },
    async 'patients.get'(input) {
      return db.call('patients.get', input);
    },
    async 'patients.search'(input) {
      return db.call('patients.search', input);
    },
    async 'patients.checkIdentifier'(input) {
      const v = checkIdentifier(input);
      return { valid: v.valid, problems: v.problems, ...(v.decoded ? { decoded: v.decoded } : {}) };
    },
  };
}
