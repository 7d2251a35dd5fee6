import { Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Immagini: the patient's studies will be listed here once imaging is stored with the record. */
export function ImagesTab() {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md">
      <Text size="sm">{t('chart.images.none')}</Text>
    </Paper>
  );
}
