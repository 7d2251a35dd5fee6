import { useState } from 'react';
import { AppShell } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { PatientSearchModal } from '../features/patients/PatientSearchModal.tsx';
import { ConnectionBanner } from './ConnectionBanner.tsx';
import { Header } from './Header.tsx';
import { Navigation } from './Navigation.tsx';
import { Page } from './Page.tsx';
import { useRoute } from './router.ts';
import { ShortcutsHelp } from './ShortcutsHelp.tsx';
import { useGlobalShortcuts } from './useGlobalShortcuts.ts';
import { useSystemInfo } from './useSystemInfo.ts';
import { useUnsentGuard } from './useUnsentGuard.ts';

/** The shell: header, navigation, the current page, and the windows reachable from anywhere. */
export function App() {
  const route = useRoute();
  const info = useSystemInfo();
  useUnsentGuard();
  const [navOpened, nav] = useDisclosure(false);
  const [searchOpened, setSearchOpened] = useState(false);
  const [helpOpened, setHelpOpened] = useState(false);
  useGlobalShortcuts({
    openSearch: () => {
      setHelpOpened(false);
      setSearchOpened(true);
    },
    openHelp: () => setHelpOpened(true),
  });

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 200, breakpoint: 'sm', collapsed: { mobile: !navOpened } }} padding="lg">
      <AppShell.Header>
        <Header info={info} navOpened={navOpened} onToggleNav={nav.toggle} onSearch={() => setSearchOpened(true)} onHelp={() => setHelpOpened(true)} />
      </AppShell.Header>
      <AppShell.Navbar p="sm">
        <Navigation route={route} onNavigate={nav.close} />
      </AppShell.Navbar>
      <AppShell.Main>
        <ConnectionBanner />
        <div id="content">
          <Page route={route} />
        </div>
      </AppShell.Main>
      <PatientSearchModal opened={searchOpened} onClose={() => setSearchOpened(false)} />
      <ShortcutsHelp opened={helpOpened} onClose={() => setHelpOpened(false)} />
    </AppShell>
  );
}
