import { Suspense, useEffect } from 'react';
import { PatientsPage } from '../features/patients/PatientsPage.tsx';
import {
  AdherencePage, CruscottoPage, EditPatientPage, IndicatorPatientsPage, LocumActivityPage, MonitoringWorklistPage, NewPatientPage, OutboxPage,
  OverdueVaccinationsPage, PatientAdherencePage, PatientRecordPage, PssBulkPage, PssEditorPage, SettingsPage, SigningPage, preloadPages,
} from './lazy-pages.ts';
import { PageBoundary } from './PageBoundary.tsx';
import { PageLoading } from './PageLoading.tsx';
import type { Route } from './router.ts';

/**
 * The page for the current route. The patient list, the first page, is in the main chunk; the
 * others load on demand (lazy-pages.ts) and are fetched in the background once a page is shown.
 */
export function Page({ route }: { route: Route }) {
  useEffect(preloadPages, []);
  return (
    <PageBoundary page={route.name}>
      <Suspense fallback={<PageLoading />}>
        <RoutePage route={route} />
      </Suspense>
    </PageBoundary>
  );
}

function RoutePage({ route }: { route: Route }) {
  switch (route.name) {
    case 'patients':
      return <PatientsPage />;
    case 'patient-new':
      return <NewPatientPage />;
    case 'patient':
      return <PatientRecordPage key={route.id} id={route.id} {...(route.tab ? { initialTab: route.tab } : {})} />;
    case 'patient-edit':
      return <EditPatientPage key={route.id} id={route.id} />;
    case 'pss':
      return <PssEditorPage key={route.id} id={route.id} />;
    case 'pss-bulk':
      return <PssBulkPage />;
    case 'settings':
      return <SettingsPage section={route.section ?? 'generale'} />;
    case 'outbox':
      return <OutboxPage />;
    case 'signing':
      return <SigningPage />;
    case 'adherence':
      return <AdherencePage />;
    case 'adherence-patient':
      return <PatientAdherencePage key={route.id} id={route.id} />;
    case 'cruscotto':
      return <CruscottoPage />;
    case 'cruscotto-indicator':
      return <IndicatorPatientsPage key={route.id} id={route.id} />;
    case 'monitoring':
      return <MonitoringWorklistPage />;
    case 'activity':
      return <LocumActivityPage id={route.id} />;
    case 'vaccinations-overdue':
      return <OverdueVaccinationsPage />;
  }
}
