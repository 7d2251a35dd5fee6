import { useHotkeys } from '@mantine/hooks';
import { navigate } from './router.ts';

/**
 * Shortcuts that work from anywhere, also while typing in a field: Ctrl+K / Cmd+K (search),
 * Alt+N or Ctrl+Shift+N (new patient), Alt+U (who is working), F1 (help). "?" opens help only outside text fields.
 */
export function useGlobalShortcuts(actions: { openSearch(): void; openHelp(): void; switchDoctor(): void }): void {
  useHotkeys(
    [
      ['mod+K', actions.openSearch],
      ['alt+N', () => navigate({ name: 'patient-new' }), { usePhysicalKeys: true }],
      ['mod+shift+N', () => navigate({ name: 'patient-new' }), { usePhysicalKeys: true }],
      ['F1', actions.openHelp],
      ['alt+U', actions.switchDoctor, { usePhysicalKeys: true }],
    ],
    [],
  );
  useHotkeys([
    ['shift+?', actions.openHelp],
    ['?', actions.openHelp],
  ]);
}
