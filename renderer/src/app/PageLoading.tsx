import { useEffect, useState } from 'react';
import { Group, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** After this long without the page's chunk, show that it is coming (locally it takes far less). */
export const PAGE_LOADING_DELAY_MS = 1000;

/**
 * The Suspense fallback of a lazy page: nothing for the first second, then a spinner with its
 * label. It never takes the focus, so the shell's shortcuts and whatever the user focused keep
 * working while the chunk loads.
 */
export function PageLoading() {
  const { t } = useTranslation();
  const [late, setLate] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setLate(true), PAGE_LOADING_DELAY_MS);
    return () => clearTimeout(timer);
  }, []);
  if (!late) return null;
  return (
    <Group justify="center" gap="xs" py="xl" role="status">
      <Loader size="sm" aria-hidden />
      <Text size="sm">{t('pageLoading.label')}</Text>
    </Group>
  );
}
