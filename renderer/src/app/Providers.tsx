import type { ReactNode } from 'react';
import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { ApiProvider } from '../platform/api-context.tsx';
import type { Api } from '../platform/create-api.ts';
import { theme } from './theme.ts';

/** Mantine (theme, dates in the UI language), notifications, and the API client. */
export function Providers({ api, children }: { api: Api; children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <DatesProvider settings={{ locale: i18n.resolvedLanguage ?? 'it', firstDayOfWeek: 1 }}>
        <Notifications position="bottom-right" />
        <ApiProvider api={api}>{children}</ApiProvider>
      </DatesProvider>
    </MantineProvider>
  );
}
