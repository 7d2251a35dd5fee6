import { ActionIcon, Badge, Burger, Button, Group, Kbd, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { OutboxHeaderStatus } from '../features/outbox/OutboxIndicators.tsx';
import { WorkingDoctorButton } from '../features/doctors/WorkingDoctorButton.tsx';
import { ConnectionIndicator } from './ConnectionIndicator.tsx';
import type { SystemInfo } from './useSystemInfo.ts';

interface Props {
  info: SystemInfo | undefined;
  navOpened: boolean;
  onToggleNav(): void;
  onSearch(): void;
  onHelp(): void;
  onSwitchDoctor(): void;
}

/** App name, sandbox badge, patient search (Ctrl+K), who is working (Alt+U), connection state, shortcuts help. */
export function Header({ info, navOpened, onToggleNav, onSearch, onHelp, onSwitchDoctor }: Props) {
  const { t } = useTranslation();
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap">
      <Group gap="sm" wrap="nowrap">
        <Burger opened={navOpened} onClick={onToggleNav} hiddenFrom="sm" size="sm" aria-label={t('nav.label')} />
        <Text fw={700} size="xl" c="teal.9" visibleFrom="sm">
          {t('app.name')}
        </Text>
        {info?.sandbox && (
          <Tooltip label={t('app.sandboxHint')}>
            <Badge color="orange" variant="filled" size="lg" radius="sm" data-testid="sandbox-badge">
              {t('app.sandbox')}
            </Badge>
          </Tooltip>
        )}
      </Group>
      <Button variant="default" onClick={onSearch} aria-keyshortcuts="Control+K Meta+K" rightSection={<Kbd size="xs">Ctrl+K</Kbd>} miw={260} justify="space-between" visibleFrom="sm">
        {t('nav.search')}
      </Button>
      <Group gap="sm" wrap="nowrap">
        <WorkingDoctorButton onSwitch={onSwitchDoctor} />
        <OutboxHeaderStatus />
        <ConnectionIndicator />
        <Tooltip label={`${t('shortcuts.title')} (F1)`}>
          <ActionIcon variant="default" size="lg" onClick={onHelp} aria-keyshortcuts="F1" aria-label={t('shortcuts.title')}>
            ?
          </ActionIcon>
        </Tooltip>
      </Group>
    </Group>
  );
}
