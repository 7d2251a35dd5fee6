/** PKCS#11 return values (CKR_*) this code reacts to, and their mapping to AppError codes. */
import { AppError } from '../../../shared/errors/index.ts';

export const CKR = {
  PIN_INCORRECT: 0xa0,
  PIN_INVALID: 0xa1,
  PIN_LEN_RANGE: 0xa2,
  PIN_EXPIRED: 0xa3,
  PIN_LOCKED: 0xa4,
  USER_ALREADY_LOGGED_IN: 0x100,
  USER_NOT_LOGGED_IN: 0x101,
  CRYPTOKI_ALREADY_INITIALIZED: 0x191,
  TOKEN_NOT_PRESENT: 0xe0,
  TOKEN_NOT_RECOGNIZED: 0xe1,
  DEVICE_REMOVED: 0x32,
  DEVICE_ERROR: 0x30,
  SLOT_ID_INVALID: 0x03,
  SESSION_CLOSED: 0xb0,
  SESSION_HANDLE_INVALID: 0xb3,
  FUNCTION_CANCELED: 0x50,
} as const;

export function pkcs11Code(e: unknown): number | undefined {
  if (e && typeof e === 'object' && 'code' in e && typeof (e as { code: unknown }).code === 'number') {
    return (e as { code: number }).code;
  }
  return undefined;
}

export function mapTokenError(e: unknown, what: string): never {
  const code = pkcs11Code(e);
  if (code === CKR.TOKEN_NOT_PRESENT || code === CKR.DEVICE_REMOVED || code === CKR.SLOT_ID_INVALID ||
      code === CKR.TOKEN_NOT_RECOGNIZED || code === CKR.SESSION_CLOSED || code === CKR.SESSION_HANDLE_INVALID) {
    throw new AppError('TOKEN_NOT_PRESENT', `${what}: token removed or not present (${(e as Error).message})`);
  }
  if (code === CKR.FUNCTION_CANCELED) throw new AppError('CANCELLED', `${what}: cancelled on the reader`);
  if (e instanceof AppError) throw e;
  throw new AppError('INTERNAL', `${what}: ${(e as Error).message}`);
}
