/** PKCS#11 module loading over pkcs11js: one initialised instance per module path per process. */
import pkcs11js from 'pkcs11js';
import { AppError } from '../../../shared/errors/index.ts';
import type { Pkcs11ModuleRef } from '../../../shared/signing/types.ts';
import { CKR, pkcs11Code } from './pkcs11-errors.ts';

export type Pkcs11 = pkcs11js.PKCS11;
export type Handle = Buffer;

/** Lets tests observe the real module (e.g. count C_Login calls): returns the object to use. */
export type Pkcs11Instrument = (p11: Pkcs11) => Pkcs11;

interface LoadedModule {
  p11: Pkcs11;
  envKey: string;
}

const loaded = new Map<string, LoadedModule>();

/** Loads and initialises a module once per process. */
export function loadModule(ref: Pkcs11ModuleRef): Pkcs11 {
  const envKey = JSON.stringify(ref.env ?? {});
  const existing = loaded.get(ref.path);
  if (existing) {
    if (existing.envKey !== envKey && ref.env) {
      throw new Error(`PKCS#11 module ${ref.path} is already initialised with another environment in this process`);
    }
    return existing.p11;
  }
  // SoftHSM and some middlewares read their configuration from the environment at C_Initialize.
  for (const [k, v] of Object.entries(ref.env ?? {})) process.env[k] = v;
  const p11 = new pkcs11js.PKCS11();
  try {
    p11.load(ref.path);
  } catch (e) {
    throw new AppError('TOKEN_NOT_PRESENT', `cannot load PKCS#11 module ${ref.path}: ${(e as Error).message}`);
  }
  try {
    p11.C_Initialize({ flags: pkcs11js.CKF_OS_LOCKING_OK });
  } catch (e) {
    if (pkcs11Code(e) !== CKR.CRYPTOKI_ALREADY_INITIALIZED) {
      throw new AppError('TOKEN_NOT_PRESENT', `C_Initialize failed for ${ref.path}: ${(e as Error).message}`);
    }
  }
  loaded.set(ref.path, { p11, envKey });
  return p11;
}

/** Finalises every loaded module (app shutdown, tests). */
export function unloadAllModules(): void {
  for (const [path, m] of loaded) {
    try {
      m.p11.C_Finalize();
    } catch {
      /* ignore */
    }
    try {
      m.p11.close();
    } catch {
      /* ignore */
    }
    loaded.delete(path);
  }
}
