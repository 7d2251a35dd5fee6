import { EditPatientPage } from '../features/patients/EditPatientPage.tsx';
import { NewPatientPage } from '../features/patients/NewPatientPage.tsx';
import { PatientRecordPage } from '../features/patients/PatientRecordPage.tsx';
import { PatientsPage } from '../features/patients/PatientsPage.tsx';
import { PssBulkPage } from '../features/pss/PssBulkPage.tsx';
import { PssEditorPage } from '../features/pss/PssEditorPage.tsx';
import { OutboxPage } from '../features/outbox/OutboxPage.tsx';
import { SettingsPage } from '../features/settings/SettingsPage.tsx';
import { SigningPage } from '../features/signing/SigningPage.tsx';
import { AdherencePage } from '../features/adherence/AdherencePage.tsx';
import { PatientAdherencePage } from '../features/adherence/PatientAdherencePage.tsx';
import { CruscottoPage } from '../features/cruscotto/CruscottoPage.tsx';
import { IndicatorPatientsPage } from '../features/cruscotto/IndicatorPatientsPage.tsx';
import { MonitoringWorklistPage } from '../features/monitoring/MonitoringWorklistPage.tsx';
import { LocumActivityPage } from '../features/doctors/LocumActivityPage.tsx';
import { OverdueVaccinationsPage } from '../features/vaccinations/OverdueVaccinationsPage.tsx';
import type { Route } from './router.ts';

/** The page for the current route. */
export function Page({ route }: { route: Route }) {
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
