import { Button, Group, Modal, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Asked once when leaving a form with unsaved changes. */
export function LeaveConfirm({ opened, onStay, onLeave }: { opened: boolean; onStay: () => void; onLeave: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={opened} onClose={onStay} title={t('patient.form.leaveTitle')} centered>
      <Text mb="lg">{t('patient.form.leaveText')}</Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onLeave}>
          {t('patient.form.leave')}
        </Button>
        <Button onClick={onStay} data-autofocus>
          {t('patient.form.stay')}
        </Button>
      </Group>
    </Modal>
  );
}
