import { NavLink, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { OutboxNavBadge } from '../features/outbox/OutboxIndicators.tsx';
import { routeHref, type Route } from './router.ts';

/** Main navigation: Assistiti, PSS, Aderenza, Cruscotto, Telemonitoraggio, Vaccinazioni in ritardo, Firma, Coda di invio, Sostituti, Impostazioni. */
export function Navigation({ route, onNavigate }: { route: Route; onNavigate(): void }) {
  const { t } = useTranslation();
  const inPatients = route.name.startsWith('patient') || route.name === 'pss';
  return (
    <nav aria-label={t('nav.label')}>
      <Stack gap={4}>
        <NavLink
          href={routeHref({ name: 'patients' })}
          label={t('nav.patients')}
          active={inPatients}
          aria-current={inPatients ? 'page' : undefined}
          onClick={onNavigate}
          fw={500}
        />
        <NavLink
          href={routeHref({ name: 'pss-bulk' })}
          label={t('pss.nav')}
          active={route.name === 'pss-bulk'}
          aria-current={route.name === 'pss-bulk' ? 'page' : undefined}
          onClick={onNavigate}
          fw={500}
        />
        <NavLink
          href={routeHref({ name: 'adherence' })}
          label={t('adherence.nav')}
          active={route.name.startsWith('adherence')}
          aria-current={route.name.startsWith('adherence') ? 'page' : undefined}
          onClick={onNavigate}
          fw={500}
        />
        <NavLink
          href={routeHref({ name: 'cruscotto' })}
          label={t('cruscotto.nav')}
          active={route.name.startsWith('cruscotto')}
          aria-current={route.name.startsWith('cruscotto') ? 'page' : undefined}
          onClick={onNavigate}
          fw={500}
        />
        <NavLink
          href={routeHref({ name: 'monitoring' })}
          label={t('monitoring.nav')}
          active={route.name === 'monitoring'}
          aria-current={route.name === 'monitoring' ? 'page' : undefined}
          onClick={onNavigate}
          fw={500}
        />
        <NavLink
          href={routeHref({ name: 'vaccinations-overdue' })}
          label={t('vaccinations.worklist.nav')}
          active={route.name === 'vaccinations-overdue'}
          aria-current={route.name === 'vaccinations-overdue' ? 'page' : undefined}
          onClick={onNavigate}
          fw={500}
        />
        <NavLink
          href={routeHref({ name: 'signing' })}
          label={t('signing.nav')}
          active={route.name === 'signing'}
          aria-current={route.name === 'signing' ? 'page' : undefined}
          onClick={onNavigate}
          fw={500}
        />
        <NavLink
          href={routeHref({ name: 'outbox' })}
          label={t('outbox.nav')}
          rightSection={<OutboxNavBadge />}
          active={route.name === 'outbox'}
          aria-current={route.name === 'outbox' ? 'page' : undefined}
          onClick={onNavigate}
          fw={500}
        />
        <NavLink
          href={routeHref({ name: 'activity' })}
          label={t('doctors.nav')}
          active={route.name === 'activity'}
          aria-current={route.name === 'activity' ? 'page' : undefined}
          onClick={onNavigate}
          fw={500}
        />
        <NavLink
          href={routeHref({ name: 'settings' })}
          label={t('nav.settings')}
          active={route.name === 'settings'}
          aria-current={route.name === 'settings' ? 'page' : undefined}
          onClick={onNavigate}
          fw={500}
        />
      </Stack>
    </nav>
  );
}
