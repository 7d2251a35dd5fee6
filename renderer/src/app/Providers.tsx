import { useMemo, type ReactNode } from 'react';
import { MantineProvider, Notification, mergeThemeOverrides } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { ApiProvider } from '../platform/api-context.tsx';
import type { Api } from '../platform/create-api.ts';
import { theme } from './theme.ts';

/** Mantine (theme, dates in the UI language), notifications, and the API client. */
export function Providers({ api, children }: { api: Api; children: ReactNode }) {
  const { i18n, t } = useTranslation();
  // A notification's close button is named in the UI language (axe: button-name).
  const themed = useMemo(
    () => mergeThemeOverrides(theme, { components: { Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': t('common.close') } } }) } }),
    [t],
  );
  return (
    <MantineProvider theme={themed} defaultColorScheme="light">
      <DatesProvider settings={{ locale: i18n.resolvedLanguage ?? 'it', firstDayOfWeek: 1 }}>
        <Notifications position="bottom-right" />
        <ApiProvider api={api}>{children}</ApiProvider>
      </DatesProvider>
    </MantineProvider>
  );
}
