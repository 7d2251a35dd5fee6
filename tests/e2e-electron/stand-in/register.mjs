// Maps `import 'electron'` to the stand-in next to this file, so the *built* main process
// (out/main/index.js) can boot under plain Node. Used by ../built-main.spec.ts only.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
