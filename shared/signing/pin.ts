/** PIN-state decisions from CK_TOKEN_INFO.flags (pure). */
import type { PinTriesState } from '../errors/index.ts';
import type { PinFlags } from './types.ts';

export const CKF_LOGIN_REQUIRED = 0x00000004;
export const CKF_PROTECTED_AUTHENTICATION_PATH = 0x00000100;
export const CKF_TOKEN_INITIALIZED = 0x00000400;
export const CKF_USER_PIN_COUNT_LOW = 0x00010000;
export const CKF_USER_PIN_FINAL_TRY = 0x00020000;
export const CKF_USER_PIN_LOCKED = 0x00040000;
export const CKF_USER_PIN_TO_BE_CHANGED = 0x00080000;

export function pinFlagsFrom(flags: number): PinFlags {
  return {
    countLow: (flags & CKF_USER_PIN_COUNT_LOW) !== 0,
    finalTry: (flags & CKF_USER_PIN_FINAL_TRY) !== 0,
    locked: (flags & CKF_USER_PIN_LOCKED) !== 0,
    toBeChanged: (flags & CKF_USER_PIN_TO_BE_CHANGED) !== 0,
  };
}

/** The most severe state wins: locked > final-try > count-low > ok. */
export function pinTriesStateFromFlags(flags: number): PinTriesState {
  const f = pinFlagsFrom(flags);
  if (f.locked) return 'locked';
  if (f.finalTry) return 'final-try';
  if (f.countLow) return 'count-low';
  return 'ok';
}

export type LoginDecision = 'proceed' | 'refuse-locked' | 'refuse-needs-consent';

/**
 * Whether a login attempt may be made. A final try is attempted only with the user's explicit
 * consent for this attempt; a locked PIN is never tried (it would be useless and may count).
 */
export function decideLogin(state: PinTriesState, confirmFinalTry: boolean | undefined): LoginDecision {
  if (state === 'locked') return 'refuse-locked';
  if (state === 'final-try' && confirmFinalTry !== true) return 'refuse-needs-consent';
  return 'proceed';
}
