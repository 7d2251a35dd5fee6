#!/usr/bin/env node
// The `cartella` command (npx cartella): runs the TypeScript CLI through tsx, so the same
// sources serve the app, the tests and the command line without a separate build.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../electron/cli/main.ts');
process.exit(await runCli(process.argv.slice(2)));
