#!/usr/bin/env node
// The `cartella` command (npx cartella): runs the TypeScript CLI through tsx, so the same
// sources serve the app, the tests and the command line without a separate build.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../electron/cli/main.ts');
const code = await runCli(process.argv.slice(2));
// Into a pipe, stdout is written asynchronously once the pipe is full: exiting now would drop
// what is still queued. An empty write's callback runs after everything queued before it.
const drained = (stream) =>
  new Promise((resolve) => {
    if (stream.writableLength === 0) return resolve();
    stream.once('error', resolve); // the reader went away (EPIPE): nothing more to wait for
    stream.write('', () => resolve());
  });
process.exitCode = code;
await Promise.all([drained(process.stdout), drained(process.stderr)]);
// Worker threads or module handles a command left open must not keep the process alive.
process.exit(code);
