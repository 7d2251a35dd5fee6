/**
 * Aderenza and the cruscotto: every computation runs in the db worker (queries/cruscotto.ts)
 * over the panel's facts, so the main thread only waits for the answer.
 */
import type { AppContract } from '../../../shared/api/index.ts';
import type { Handlers } from '../../../shared/rpc/index.ts';
import type { DbClient } from '../db/client.ts';

type CruscottoHandlers = Pick<Handlers<AppContract>, 'adherence.panel' | 'adherence.patient' | 'cruscotto.indicators' | 'cruscotto.patients' | 'cruscotto.definitions' | 'cruscotto.setDefinitions' | 'panel.exit' | 'panel.setExit'>;

export function cruscottoHandlers(db: DbClient): CruscottoHandlers {
  return {
    async 'adherence.panel'(input) {
      return db.call('adherence.panel', input);
    },
    async 'adherence.patient'(input) {
      return db.call('adherence.patient', input);
    },
    async 'cruscotto.indicators'(input) {
      return db.call('cruscotto.indicators', input);
    },
    async 'cruscotto.patients'(input) {
      return db.call('cruscotto.patients', input);
    },
    async 'cruscotto.definitions'() {
      return db.call('cruscotto.definitions', undefined);
    },
    async 'cruscotto.setDefinitions'(input, ctx) {
      return db.call('cruscotto.setDefinitions', { actor: ctx.actor, overrides: input.overrides });
    },
    async 'panel.exit'(input) {
      return db.call('panel.exit', input);
    },
    async 'panel.setExit'(input, ctx) {
      return db.call('panel.setExit', { actor: ctx.actor, ...input });
    },
  };
}
