import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../services/db/open-database.ts';
import { createLogger } from '../services/logging/logger.ts';
import { KeyFileSecretStore } from '../services/secrets/key-file-secret-store.ts';
import { defaultDataDir } from './data-dir.ts';

/**
 * `npm start` without an Electron binary: the whole app as a plain Node process serving the
 * renderer on 127.0.0.1. Development and test only, never shipped (electron-builder.yml
 * excludes this folder, and the guard below refuses to run inside a packaged app).
 */
function refuseInPackagedBuild(): void {
  const here = fileURLToPath(import.meta.url);
  if (process.versions.electron || here.includes('.asar') || process.env.CARTELLA_PACKAGED === '1') {
    process.stderr.write('Il node host è solo per sviluppo e test: non si avvia in una build pacchettizzata.\n');
    process.exit(2);
  }
}

async function main(): Promise<void> {
  refuseInPackagedBuild();
  const dataDir = defaultDataDir();
  // The sandbox is the default here; CARTELLA_SANDBOX=0 runs the real configuration (doctor
  // profile, gateway settings and certificates required), as a packaged install does.
  const sandbox = process.env.CARTELLA_SANDBOX !== '0';
  // The log goes to a file in the data folder (as in Electron): the terminal shows only short
  // human messages (scripts/start.js). CARTELLA_LOG_STDERR=1 keeps it on standard error.
  const logFile = join(dataDir, 'logs', 'node-host.log');
  mkdirSync(dirname(logFile), { recursive: true, mode: 0o700 });
  const logger = process.env.CARTELLA_LOG_STDERR === '1' ? createLogger() : createLogger({ destination: createWriteStream(logFile, { flags: 'a', mode: 0o600 }) });
  // The database worker starts first: it loads, opens the database and migrates on its own
  // thread while this one loads the services, the server and the sandbox (imported only now,
  // so that loading them does not delay the worker). A failure to open surfaces where
  // createServices awaits it, with the same "Avvio non riuscito" message as before.
  const secretStore = new KeyFileSecretStore(dataDir, logger);
  const database = openDatabase(dataDir, secretStore);
  database.catch(() => undefined);
  const [{ createNodeServices }, { startNodeHost }, { SANDBOX_HISTORIES, sandboxChildren, SANDBOX_RECORDS_DELAY_MS, seedSandboxPanel }] = await Promise.all([
    import('./node-services.ts'),
    import('./server.ts'),
    import('../services/sandbox/sandbox-panel.ts'),
  ]);
  const services = await createNodeServices({ dataDir, runtime: 'node-host', sandbox, logger, secretStore, database });

  const host = await startNodeHost({
    services,
    logger,
    rendererDir: process.env.CARTELLA_RENDERER_DIR ?? fileURLToPath(new URL('../../out/renderer', import.meta.url)),
    port: Number(process.env.PORT ?? 0),
    token: process.env.CARTELLA_TOKEN,
  });
  // Outbox: reconcile entries left 'sending' by a crash, then send (the sandbox's simulator starts on first use).
  await services.outbox.start();
  // Sandbox: the first start fills a synthetic panel while the page is already loading.
  const count = sandbox ? Number(process.env.CARTELLA_SANDBOX_PATIENTS ?? 300) : 0;
  // Its records wait for the first page to connect (at most 10 s), then SANDBOX_RECORDS_DELAY_MS more.
  const firstPage = Promise.race([host.firstConnection, new Promise<void>((r) => setTimeout(r, 10_000).unref())]);
  void seedSandboxPanel({ db: services.db, events: services.events, logger, count, histories: SANDBOX_HISTORIES, children: sandboxChildren(), recordsAfter: firstPage, recordsDelayMs: SANDBOX_RECORDS_DELAY_MS }).catch((e: unknown) =>
    logger.error('sandbox panel not created', { error: e instanceof Error ? e.message : String(e) }),
  );
  // Read by tests and scripts/start.js (TOOLCHAIN.md §7): one line, then the URL to open.
  process.stdout.write(`WEBHOST_LISTENING ${host.loginUrl}\n`);

  const stop = async () => {
    await host.close();
    await services.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((e) => {
  process.stderr.write(`Avvio non riuscito: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
