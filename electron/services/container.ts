import { contract, type AppContract } from '../../shared/api/index.ts';
import { createDispatcher, EventHub, type Dispatcher, type Handlers } from '../../shared/rpc/index.ts';
import type { DbClient } from './db/client.ts';
import { openDatabase, type OpenedDatabase } from './db/open-database.ts';
import { createOutboxRuntime, type OutboxRuntime } from './outbox/outbox-handlers.ts';
import { patientsService } from './patients/patients-service.ts';
import { pssService } from './documents/pss-service.ts';
import { pssImportHandlers } from './documents/pss-import.ts';
import { doctorsService } from './doctors/doctors-service.ts';
import { atWorkDispatcher } from './doctors/at-work-dispatcher.ts';
import { workingDoctorSigning } from './doctors/working-card.ts';
import { recordAuthor } from './record/author.ts';
import { termsService } from './terms/terms-service.ts';
import { TermIndex } from './terms/term-index.ts';
import { importService } from './import/import-service.ts';
import { CdaValidationWorker } from './validation/worker-client.ts';
import { CdaResources, defaultCdaResourcesDir } from './validation/resources.ts';
import type { SchematronIndexEntry } from '../../shared/validation/cda/select.ts';
import { documentPipeline } from './documents/document-pipeline.ts';
import { recordHandlers } from './record/record-handlers.ts';
import { chartHandlers } from './chart/chart-handlers.ts';
import { vaccinationsService } from './paediatrics/vaccinations-service.ts';
import { bilanciDueSource, growthHandlers } from './growth/growth-service.ts';
import { cruscottoHandlers } from './cruscotto/cruscotto-handlers.ts';
import { monitoringService } from './monitoring/monitoring-service.ts';
import { SettingsStore, clinicalTimeZone, settingsService } from './settings/settings-service.ts';
import { SandboxToken } from './signing/sandbox-token.ts';
import { signingHandlers } from './signing/signing-handlers.ts';
import { gatewayCertificateHandlers } from './gateway/credentials/gateway-certificates.ts';
import { gatewaySettingsHandlers } from './gateway/settings/gateway-settings.ts';
import { WorkerSigningService } from './signing/worker-client.ts';
import { createImagingRuntime, type ImagingRuntime } from './imaging/imaging-service.ts';
import type { ServicePorts } from './ports.ts';

export interface Services {
  dispatcher: Dispatcher;
  events: EventHub;
  db: DbClient;
  /**
   * The publication queue and its gateway. The hosts (Electron main, node host) call
   * `outbox.start()` once ready: crash reconciliation, then the scheduler. The CLI and tests
   * that only read the database never start it.
   */
  outbox: OutboxRuntime;
  /** Immagini: import sessions and the encrypted DICOM files (importDicom uses it). */
  imaging: ImagingRuntime;
  close(): Promise<void>;
}

export { DATABASE_FILE } from './db/open-database.ts';

/**
 * The composition root of the services, shared by the Electron main process, the node host,
 * the CLI and the tests: one set of handlers behind one dispatcher (ARCHITECTURE.md §1.2).
 * `database`: the data folder's database already being opened (openDatabase with the same
 * data folder and secret store), by a host that started it before loading this module.
 */
export async function createServices(ports: ServicePorts, database?: Promise<OpenedDatabase>): Promise<Services> {
  // The data folder is the user's only (files/private-files.ts), the database file too (db/open-database.ts).
  const { db, keyHex } = await (database ?? openDatabase(ports.dataDir, ports.secretStore));
  const events = new EventHub();
  // The imaging files are encrypted with a key derived from the database key (imaging/object-store.ts).
  const imaging = await createImagingRuntime({ db, events, dataDir: ports.dataDir, databaseKeyHex: keyHex, logger: ports.logger });
  // Signing: PKCS#11 in a worker thread; the sandbox test token is created on first use.
  const sandboxToken = new SandboxToken(ports.dataDir, ports.logger, ports.sandbox);
  const settings = new SettingsStore(db, sandboxToken);
  let signingWorker: WorkerSigningService | undefined;
  const signing = () => {
    signingWorker ??= new WorkerSigningService();
    return signingWorker;
  };
  // Who is working: the practice's doctors, the one at work authors what is written now.
  const doctors = doctorsService(db, { sandbox: ports.sandbox, zone: () => clinicalTimeZone(db) });
  const author = recordAuthor(doctors);
  // Outbox: the FSE gateway (in the sandbox, the built-in simulator on 127.0.0.1) and its scheduler.
  const outbox = await createOutboxRuntime({
    db, events, logger: ports.logger, sandbox: ports.sandbox, dataDir: ports.dataDir,
    requester: async () => {
      const d = await doctors.working.author();
      return d && { authorId: d.id, fiscalCode: d.author.codiceFiscale };
    },
  });

  // One validation worker for the PSS editor and the import of received documents.
  let validationWorker: CdaValidationWorker | undefined;
  const validator = () => (validationWorker ??= new CdaValidationWorker());
  const terms = new TermIndex();
  const pss = pssService(db, events, { profile: () => doctors.documentProfile(), author, terms, validator });
  let schematronIndex: SchematronIndexEntry[] | undefined;
  const pipeline = documentPipeline(db, {
    profile: () => doctors.documentProfile(), author, validator,
    schematronIndex: () => (schematronIndex ??= new CdaResources(defaultCdaResourcesDir()).schematronIndex()),
  });
  const imports = importService({
    db, events, validator,
    trustAnchors: async () => (await settings.signing()).trustAnchorsPem ?? [],
    author: () => author.optional(),
  });
  // The vaccination calendar (national + regional additions): the Vaccinazioni tab, the worklist, what is due.
  const vaccinations = vaccinationsService(db);
  const signingByDoctor = workingDoctorSigning({ doctors, sandbox: ports.sandbox, configuration: () => settings.signing() });

  // Telemonitoring: plans, alerts from the record's readings, and those alerts in "what is due".
  const monitoring = monitoringService({ db, zone: () => clinicalTimeZone(db) });

  const handlers: Handlers<AppContract> = {
    async 'system.info'() {
      return {
        version: ports.version,
        runtime: ports.runtime,
        sandbox: ports.sandbox,
        developmentStore: ports.secretStore.isDevelopmentStore,
        locale: 'it-IT',
      };
    },
    async 'audit.verify'() {
      return db.call('audit.verify', undefined as never);
    },
    ...patientsService(db, events),
    ...pss.handlers,
    ...pipeline.handlers,
    ...pssImportHandlers(imports),
    ...doctors.handlers,
    ...recordHandlers(db, events, { author }),
    ...monitoring.handlers,
    // A vaccination saved without its target diseases gets them from its vaccine (PAEDIATRICS.md §1).
    async 'record.upsertEntry'(input, ctx) {
      const filled = input.section === 'vaccinations' ? { ...input, entry: vaccinations.withTargetDiseases(input.entry) } : input;
      return pss.handlers['record.upsertEntry'](filled, ctx);
    },
    ...chartHandlers(db, [monitoring.dueSource, vaccinations.dueSource, bilanciDueSource(db)]),
    ...vaccinations.handlers,
    ...growthHandlers(db, events, { author }),
    ...cruscottoHandlers(db),
    ...termsService(terms),
    ...imports.handlers,
    ...settingsService(settings, sandboxToken, db),
    ...gatewayCertificateHandlers(db),
    ...gatewaySettingsHandlers({ db, sandbox: ports.sandbox, outbox }),
    ...signingByDoctor.wrap(signingHandlers({ service: signing, configuration: signingByDoctor.configuration, events, logger: ports.logger })),
    ...outbox.handlers,
    ...imaging.handlers,
  };

  const dispatcher = atWorkDispatcher(
    createDispatcher(contract, handlers, {
      onUnexpectedError: (method, error) => ports.logger.error('Unexpected error in a call', { method, error }),
    }),
    doctors.working,
  );
  // In the app (not in tests), prepare the sandbox token in the background shortly after start,
  // so the first signature does not wait for it; it runs in a worker thread.
  if (ports.sandbox && ports.runtime !== 'in-process') setTimeout(() => void settings.signing().catch(() => undefined), 3000).unref();
  ports.logger.info('Services ready', { runtime: ports.runtime, schemaVersion: db.schemaVersion });
  return {
    dispatcher,
    events,
    db,
    outbox,
    imaging,
    async close() {
      await outbox.close().catch((e: unknown) => ports.logger.warn('Outbox did not close cleanly', { error: String(e) }));
      await signingWorker?.close().catch((e: unknown) => ports.logger.warn('Signing worker did not close cleanly', { error: String(e) }));
      await pss.close().catch((e: unknown) => ports.logger.warn('PSS service did not close cleanly', { error: String(e) }));
      await validationWorker?.close().catch((e: unknown) => ports.logger.warn('Validation worker did not close cleanly', { error: String(e) }));
      await imaging.close().catch((e: unknown) => ports.logger.warn('Imaging import worker did not close cleanly', { error: String(e) }));
      await db.close();
    },
  };
}
