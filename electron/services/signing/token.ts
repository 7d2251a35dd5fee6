/**
 * PKCS#11 access over pkcs11js: module loading (one initialised instance per module path per
 * process), slot/token discovery, certificate listing, PIN-safe login and token signing.
 *
 * PIN rules: the PIN is only passed in by the caller for one batch, kept in the TokenSession
 * (never written anywhere, never logged, never part of an error message) and dropped by close().
 * Token flags are read before every login; a locked PIN or a final try without consent is never
 * attempted; a wrong PIN is reported once and never retried by this code.
 */
export { pkcs11Code } from './pkcs11-errors.ts';
export { loadModule, unloadAllModules, type Pkcs11, type Pkcs11Instrument } from './pkcs11-module.ts';
export { chooseSigningCertificate, findToken, listSlots, slotIdString, tokenStatus, type FoundToken } from './token-discovery.ts';
export { chooseMechanism, type SignMechanism } from './token-key.ts';
export { TokenSession, type ExternalSigner } from './token-session.ts';
export { toHex } from '../../../shared/signing/der.ts';
