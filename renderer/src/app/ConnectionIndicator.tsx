import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useConnectionState } from '../platform/api-context.tsx';

const COLOR = { open: 'teal', connecting: 'gray', down: 'red' } as const;

/** Always visible in the header: the state in words, not by colour alone. */
export function ConnectionIndicator() {
  const { t } = useTranslation();
  const state = useConnectionState();
  const text = t(`connection.${state}`);
  return (
    <Badge
      variant="dot"
      color={COLOR[state]}
      size="lg"
      role="status"
      aria-label={t('connection.label', { state: text })}
      data-testid="connection-state"
      data-state={state}
    >
      {text}
    </Badge>
  );
}
