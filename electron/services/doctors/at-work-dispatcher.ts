/**
 * Every call runs as the doctor at work: its audit actor becomes `doctor:<id>` (whatever the
 * transport said), so every audit entry names the profile. While the practice has doctors but
 * nobody is working (a protected titolare at start, or after Blocca), only what the "who is
 * working" window and the header need answers; everything else is NO_DOCTOR_AT_WORK, so a
 * locked workstation shows no patient. A first start with no profile at all runs as before.
 */
import type { Dispatcher } from '../../../shared/rpc/index.ts';
import { AppError } from '../../../shared/errors/index.ts';
import { doctorActor } from '../../../shared/domain/doctors.ts';
import type { WorkingDoctor } from './working-doctor.ts';

/** Methods that answer while nobody is working. */
export const WHILE_NOBODY_WORKS: ReadonlySet<string> = new Set([
  'system.info',
  'doctors.list',
  'doctors.switch',
  'doctors.lock',
  'outbox.summary',
  'settings.get',
]);

export function atWorkDispatcher(inner: Dispatcher, working: WorkingDoctor): Dispatcher {
  return {
    async dispatch(method, params, ctx) {
      let current;
      try {
        current = await working.current();
        if (!current && !WHILE_NOBODY_WORKS.has(method) && !(await working.firstRun())) {
          return { ok: false, error: new AppError('NO_DOCTOR_AT_WORK', 'Nobody is working: choose who is working first').toRpc() };
        }
      } catch {
        return { ok: false, error: { code: 'DB_UNAVAILABLE', message: 'Doctor profiles not readable' } };
      }
      return inner.dispatch(method, params, current ? { ...ctx, actor: doctorActor(current.doctor.id) } : ctx);
    },
  };
}
