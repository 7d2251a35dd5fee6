import { useSyncExternalStore } from 'react';
import { TAB_SLUGS, tabFromSlug, type ChartTab } from '../features/chart/tabs.ts';

/**
 * A small hash router (no react-router: its current major needs Node 22). Hash URLs work the
 * same from the node host, app://cartella/ in Electron, and file://.
 */
/** Impostazioni's sub-pages (one section at a time, with a sub-navigation). */
export const SETTINGS_SECTIONS = ['generale', 'medico', 'firma', 'certificati', 'gateway'] as const;
export type SettingsSection = (typeof SETTINGS_SECTIONS)[number];

export type Route =
  | { name: 'patients' }
  | { name: 'patient-new' }
  | { name: 'patient'; id: string; tab?: ChartTab }
  | { name: 'patient-edit'; id: string }
  | { name: 'pss'; id: string }
  | { name: 'pss-bulk' }
  | { name: 'settings'; section?: SettingsSection }
  | { name: 'outbox' }
  | { name: 'signing' }
  | { name: 'activity'; id?: string }
  | { name: 'adherence' }
  | { name: 'adherence-patient'; id: string }
  | { name: 'cruscotto' }
  | { name: 'cruscotto-indicator'; id: string }
  | { name: 'monitoring' }
  | { name: 'vaccinations-overdue' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [a, b, c] = parts;
  if (a === 'impostazioni') return (SETTINGS_SECTIONS as readonly string[]).includes(b ?? '') ? { name: 'settings', section: b as SettingsSection } : { name: 'settings' };
  if (a === 'coda') return { name: 'outbox' };
  if (a === 'firma') return { name: 'signing' };
  if (a === 'aderenza') return b ? { name: 'adherence-patient', id: b } : { name: 'adherence' };
  if (a === 'monitoraggio') return { name: 'monitoring' };
  if (a === 'cruscotto') return b ? { name: 'cruscotto-indicator', id: b } : { name: 'cruscotto' };
  if (a === 'sostituti') return b ? { name: 'activity', id: b } : { name: 'activity' };
  if (a === 'assistiti' && b === 'nuovo') return { name: 'patient-new' };
  if (a === 'assistiti' && b && c === 'modifica') return { name: 'patient-edit', id: b };
  if (a === 'assistiti' && b && c === 'pss') return { name: 'pss', id: b };
  const tab = tabFromSlug(c);
  if (a === 'assistiti' && b && tab) return { name: 'patient', id: b, tab };
  if (a === 'vaccinazioni') return { name: 'vaccinations-overdue' };
  if (a === 'pss') return { name: 'pss-bulk' };
  if (a === 'assistiti' && b) return { name: 'patient', id: b };
  return { name: 'patients' };
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'patients':
      return '#/assistiti';
    case 'patient-new':
      return '#/assistiti/nuovo';
    case 'patient':
      return `#/assistiti/${encodeURIComponent(route.id)}${route.tab ? `/${TAB_SLUGS[route.tab]}` : ''}`;
    case 'patient-edit':
      return `#/assistiti/${encodeURIComponent(route.id)}/modifica`;
    case 'pss':
      return `#/assistiti/${encodeURIComponent(route.id)}/pss`;
    case 'pss-bulk':
      return '#/pss';
    case 'settings':
      return route.section ? `#/impostazioni/${route.section}` : '#/impostazioni';
    case 'outbox':
      return '#/coda';
    case 'signing':
      return '#/firma';
    case 'adherence':
      return '#/aderenza';
    case 'adherence-patient':
      return `#/aderenza/${encodeURIComponent(route.id)}`;
    case 'cruscotto':
      return '#/cruscotto';
    case 'cruscotto-indicator':
      return `#/cruscotto/${encodeURIComponent(route.id)}`;
    case 'monitoring':
      return '#/monitoraggio';
    case 'vaccinations-overdue':
      return '#/vaccinazioni';
    case 'activity':
      return route.id ? `#/sostituti/${encodeURIComponent(route.id)}` : '#/sostituti';
  }
}

export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const href = routeHref(route);
  if (options.replace) location.replace(href);
  else location.hash = href;
}

function subscribe(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => location.hash);
  return parseRoute(hash);
}
