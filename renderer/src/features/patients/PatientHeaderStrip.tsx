import { forwardRef } from 'react';
import { Badge, Button, Group, Kbd, Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Patient } from '../../../../shared/domain/patient.ts';
import { formatDate } from './format.ts';
import { useAgeText } from './useAgeText.ts';

/**
 * The current patient's name, age and codice fiscale, kept in view while working (UX.md,
 * "The patient is the centre"): one compact line that sticks just below the app header (never
 * under it), small enough to leave most of the screen to the work at 200 % zoom. `heading`:
 * the name is the page's heading (Scheda paziente) or a plain line under another heading.
 */
export const PatientHeaderStrip = forwardRef<HTMLHeadingElement, { patient: Patient; onEdit: () => void; heading?: boolean }>(function PatientHeaderStrip(
  { patient, onEdit, heading = false },
  ref,
) {
  const { t } = useTranslation();
  const ageText = useAgeText();
  return (
    <Paper
      withBorder
      px="sm"
      py={6}
      bg="var(--mantine-color-gray-0)"
      data-testid="patient-header"
      pos="sticky"
      style={{ top: 'var(--app-shell-header-offset, var(--app-shell-header-height, 0px))', zIndex: 50 }}
    >
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="sm" wrap="wrap" align="baseline">
          <Title order={heading ? 1 : 2} size="h4" ref={ref} tabIndex={heading ? -1 : undefined} data-testid="patient-name" style={{ outlineOffset: 2 }}>
            {patient.surname} {patient.givenName}
          </Title>
          <Text size="sm" data-testid="patient-age">
            {t(`patient.sex.${patient.sex}`)}, {ageText(patient.birthDate)} ({formatDate(patient.birthDate)})
          </Text>
          <Group gap={4} wrap="nowrap">
            <Badge variant="light" color="gray" radius="sm" size="sm">
              {t(`patient.identifierLabels.${patient.identifierKind}`)}
            </Badge>
            <Text ff="monospace" fw={600} size="sm" style={{ letterSpacing: '0.05em' }} data-testid="patient-identifier">
              {patient.identifier}
            </Text>
          </Group>
        </Group>
        <Button variant="light" size="compact-sm" onClick={onEdit} aria-keyshortcuts="Alt+M" rightSection={<Kbd size="xs">Alt+M</Kbd>}>
          {t('patient.record.edit')}
        </Button>
      </Group>
    </Paper>
  );
});
