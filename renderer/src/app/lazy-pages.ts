import { lazy, type ComponentType } from 'react';

/**
 * The feature screens other than the patient list, each a chunk of its own: the first page (the
 * patient list) then parses only what it needs, and Chromium no longer compiles the whole app
 * before showing it (the node host cold start, bench "node host start"). The shell (header,
 * navigation, global shortcuts, search and doctor windows) stays in the first chunk, so every
 * shortcut works while a page's chunk is still loading.
 */
type Loader = () => Promise<unknown>;

const loaders: Loader[] = [];

/** A page's chunk could not be fetched (the host stopped, or was rebuilt): PageBoundary offers a reload. */
export class PageChunkError extends Error {
  constructor(readonly original: unknown) {
    super(original instanceof Error ? original.message : String(original));
    this.name = 'PageChunkError';
  }
}

/** A lazy page whose chunk preloadPages() also fetches once the first page is shown. */
function page<P>(load: () => Promise<ComponentType<P>>) {
  loaders.push(load);
  return lazy(async () => {
    try {
      return { default: await load() };
    } catch (e) {
      throw new PageChunkError(e);
    }
  });
}

export const NewPatientPage = page(async () => (await import('../features/patients/NewPatientPage.tsx')).NewPatientPage);
export const EditPatientPage = page(async () => (await import('../features/patients/EditPatientPage.tsx')).EditPatientPage);
export const PatientRecordPage = page(async () => (await import('../features/patients/PatientRecordPage.tsx')).PatientRecordPage);
export const PssEditorPage = page(async () => (await import('../features/pss/PssEditorPage.tsx')).PssEditorPage);
export const PssBulkPage = page(async () => (await import('../features/pss/PssBulkPage.tsx')).PssBulkPage);
export const SettingsPage = page(async () => (await import('../features/settings/SettingsPage.tsx')).SettingsPage);
export const OutboxPage = page(async () => (await import('../features/outbox/OutboxPage.tsx')).OutboxPage);
export const SigningPage = page(async () => (await import('../features/signing/SigningPage.tsx')).SigningPage);
export const AdherencePage = page(async () => (await import('../features/adherence/AdherencePage.tsx')).AdherencePage);
export const PatientAdherencePage = page(async () => (await import('../features/adherence/PatientAdherencePage.tsx')).PatientAdherencePage);
export const CruscottoPage = page(async () => (await import('../features/cruscotto/CruscottoPage.tsx')).CruscottoPage);
export const IndicatorPatientsPage = page(async () => (await import('../features/cruscotto/IndicatorPatientsPage.tsx')).IndicatorPatientsPage);
export const MonitoringWorklistPage = page(async () => (await import('../features/monitoring/MonitoringWorklistPage.tsx')).MonitoringWorklistPage);
export const LocumActivityPage = page(async () => (await import('../features/doctors/LocumActivityPage.tsx')).LocumActivityPage);
export const OverdueVaccinationsPage = page(async () => (await import('../features/vaccinations/OverdueVaccinationsPage.tsx')).OverdueVaccinationsPage);

let preloaded = false;

/** The first page's own requests and rendering go first (the cold start ends with its rows). */
const PRELOAD_AFTER_MS = 2000;

/**
 * Fetches and compiles every page's chunk in the background, one after the other while the
 * browser is idle, a while after the first page is on screen: opening a chart later does not wait for
 * the network or the parser. Safe to call more than once.
 */
export function preloadPages(): void {
  if (preloaded) return;
  preloaded = true;
  const queue = [...loaders];
  const idle = (cb: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(cb, { timeout: 2000 }) : setTimeout(cb, 200));
  const next = () => {
    const load = queue.shift();
    if (!load) return;
    // A chunk that fails here fails again, visibly, when its page is opened (PageBoundary).
    void load().catch(() => undefined).finally(() => idle(next));
  };
  setTimeout(() => idle(next), PRELOAD_AFTER_MS);
}
