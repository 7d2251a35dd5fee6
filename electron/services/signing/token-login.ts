/**
 * PIN-safe login: logins serialised per token in this process, and the single C_Login with its
 * error mapping (wrong PIN reported with the tries state, never retried here).
 */
import pkcs11js from 'pkcs11js';
import { AppError } from '../../../shared/errors/index.ts';
import { pinTriesStateFromFlags } from '../../../shared/signing/pin.ts';
import { CKR, mapTokenError, pkcs11Code } from './pkcs11-errors.ts';
import type { Handle, Pkcs11 } from './pkcs11-module.ts';

const tokenLocks = new Map<string, Promise<void>>();

/** Serialises logins per token in this process (login state is per token per process). */
export async function acquireTokenLock(key: string): Promise<() => void> {
  const previous = tokenLocks.get(key) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((r) => (release = r));
  const chained = previous.then(() => mine);
  tokenLocks.set(key, chained);
  await previous;
  return () => {
    release();
    if (tokenLocks.get(key) === chained) tokenLocks.delete(key);
  };
}

/**
 * One C_Login. A wrong PIN becomes PIN_INCORRECT with the tries state read from the token right
 * after the failure; it is never retried here.
 */
export function login(p11: Pkcs11, slot: Handle | undefined, session: Handle, userType: number, pin: string | undefined, afterLogout = false): void {
  try {
    p11.C_Login(session, userType, pin);
  } catch (e) {
    const code = pkcs11Code(e);
    if (code === CKR.USER_ALREADY_LOGGED_IN && userType === pkcs11js.CKU_USER && !afterLogout) {
      // Another session of this process left the token logged in: that login did not check
      // this PIN. Log out and make the (single) real attempt.
      p11.C_Logout(session);
      login(p11, slot, session, userType, pin, true);
      return;
    }
    const triesState = () => {
      try {
        const s = slot ?? p11.C_GetSessionInfo(session).slotID;
        return pinTriesStateFromFlags(p11.C_GetTokenInfo(s).flags);
      } catch {
        return 'ok' as const;
      }
    };
    if (code === CKR.PIN_LOCKED) throw new AppError('PIN_LOCKED', 'the token PIN is locked', {});
    if (code === CKR.PIN_INCORRECT || code === CKR.PIN_INVALID || code === CKR.PIN_LEN_RANGE) {
      const state = triesState();
      if (state === 'locked') throw new AppError('PIN_LOCKED', 'the token PIN is locked after a wrong PIN', {});
      throw new AppError('PIN_INCORRECT', 'wrong PIN', { triesState: state });
    }
    mapTokenError(e, 'C_Login');
  }
}
