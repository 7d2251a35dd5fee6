import { useState } from 'react';
import { AppShell } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { PatientSearchModal } from '../features/patients/PatientSearchModal.tsx';
import { DoctorsProvider, useDoctors } from '../features/doctors/useDoctors.tsx';
import { SwitchDoctorModal } from '../features/doctors/SwitchDoctorModal.tsx';
import { ConnectionBanner } from './ConnectionBanner.tsx';
import { Header } from './Header.tsx';
import { Navigation } from './Navigation.tsx';
import { Page } from './Page.tsx';
import { useRoute } from './router.ts';
import { ShortcutsHelp } from './ShortcutsHelp.tsx';
import { useGlobalShortcuts } from './useGlobalShortcuts.ts';
import { useSystemInfo } from './useSystemInfo.ts';
import { useUnsentGuard } from './useUnsentGuard.ts';
import { useDoctorPageKey } from './useDoctorPageKey.ts';

/** The shell: header, navigation, the current page, and the windows reachable from anywhere. */
export function App() {
  return (
    <DoctorsProvider>
      <Shell />
    </DoctorsProvider>
  );
}

function Shell() {
  const route = useRoute();
  const info = useSystemInfo();
  useUnsentGuard();
  const [navOpened, nav] = useDisclosure(false);
  const [searchOpened, setSearchOpened] = useState(false);
  const [helpOpened, setHelpOpened] = useState(false);
  const [switchOpened, setSwitchOpened] = useState(false);
  // The page is made again for another doctor at work: nothing on screen stays from the one before.
  // While nobody works (a protected practice at start, after Blocca), no page: only "who is working".
  const { overview } = useDoctors();
  const pageKey = useDoctorPageKey(overview === undefined ? undefined : (overview.working ?? 'nobody'));
  const locked = overview !== undefined && overview.working === null && overview.doctors.length > 0;
  useGlobalShortcuts({
    openSearch: () => {
      setHelpOpened(false);
      setSearchOpened(true);
    },
    openHelp: () => setHelpOpened(true),
    switchDoctor: () => {
      setSearchOpened(false);
      setHelpOpened(false);
      setSwitchOpened(true);
    },
  });

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 200, breakpoint: 'sm', collapsed: { mobile: !navOpened } }} padding="lg">
      <AppShell.Header>
        <Header info={info} navOpened={navOpened} onToggleNav={nav.toggle} onSearch={() => setSearchOpened(true)} onHelp={() => setHelpOpened(true)} onSwitchDoctor={() => setSwitchOpened(true)} />
      </AppShell.Header>
      <AppShell.Navbar p="sm">
        <Navigation route={route} onNavigate={nav.close} />
      </AppShell.Navbar>
      <AppShell.Main>
        <ConnectionBanner />
        <div id="content">
          {!locked && <Page key={pageKey} route={route} />}
        </div>
      </AppShell.Main>
      <PatientSearchModal opened={searchOpened} onClose={() => setSearchOpened(false)} />
      <ShortcutsHelp opened={helpOpened} onClose={() => setHelpOpened(false)} />
      <SwitchDoctorModal opened={switchOpened} onClose={() => setSwitchOpened(false)} />
    </AppShell>
  );
}
