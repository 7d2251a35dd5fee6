import { Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

type PinTriesState = 'ok' | 'count-low' | 'final-try' | 'locked';

const COLORS: Record<PinTriesState, string> = { ok: 'green', 'count-low': 'orange', 'final-try': 'red', locked: 'red' };

/** The card's PIN state in words (never colour alone). */
export function PinStateBadge({ state }: { state: PinTriesState }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[state]} variant={state === 'ok' ? 'light' : 'filled'} data-testid="pin-state" data-state={state}>
      {t(`signing.pin.${state}`)}
    </Badge>
  );
}

/** A sentence explaining a non-ok PIN state, or nothing. */
export function PinStateHelp({ state }: { state: PinTriesState }) {
  const { t } = useTranslation();
  if (state === 'ok') return null;
  return (
    <Text size="sm" c={state === 'count-low' ? 'orange.8' : 'red.8'} role="status">
      {t(`signing.pinHelp.${state}`)}
    </Text>
  );
}
