import { Alert, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useConnectionState } from '../platform/api-context.tsx';

/** Shown while the WebSocket is down; the transport reconnects by itself. */
export function ConnectionBanner() {
  const { t } = useTranslation();
  if (useConnectionState() !== 'down') return null;
  return (
    <Alert color="red" variant="filled" radius={0} role="alert" icon={<Loader size="xs" color="white" />} title={t('connection.lost')}>
      {t('connection.lostHint')}
    </Alert>
  );
}
