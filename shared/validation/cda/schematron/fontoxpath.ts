/**
 * fontoxpath ships a UMD `main` (named exports invisible to Node's ESM loader) and an ESM
 * `module` (used by bundlers and vitest). Take the namespace either way.
 */
import * as ns from 'fontoxpath';

type FontoXPath = typeof ns;
const mod = ns as FontoXPath & { default?: FontoXPath };
export const fontoxpath: FontoXPath = mod.default ?? mod;
