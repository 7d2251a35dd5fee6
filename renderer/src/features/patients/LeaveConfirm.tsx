import { Button, Group, Text } from '@mantine/core';
import { AppModal } from '../../app/layers/AppModal.tsx';
import { useTranslation } from 'react-i18next';

/** Asked once when leaving a form with unsaved changes. */
export function LeaveConfirm({ opened, onStay, onLeave }: { opened: boolean; onStay: () => void; onLeave: () => void }) {
  const { t } = useTranslation();
  return (
    <AppModal opened={opened} onClose={onStay} onSave={onStay} title={t('patient.form.leaveTitle')}>
      <Text mb="lg">{t('patient.form.leaveText')}</Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onLeave}>
          {t('patient.form.leave')}
        </Button>
        <Button onClick={onStay} data-autofocus>
          {t('patient.form.stay')}
        </Button>
      </Group>
    </AppModal>
  );
}
