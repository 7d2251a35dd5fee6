import { Badge, Button, Group, Kbd, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Patient } from '../../../../shared/domain/patient.ts';
import { formatDate } from './format.ts';
import { useAgeText } from './useAgeText.ts';

/** The current patient's name, age and codice fiscale, kept in view while working. */
export function PatientHeaderStrip({ patient, onEdit }: { patient: Patient; onEdit: () => void }) {
  const { t } = useTranslation();
  const ageText = useAgeText();
  return (
    <Paper withBorder p="md" bg="var(--mantine-color-gray-0)" data-testid="patient-header" pos="sticky" top={0} style={{ zIndex: 5 }}>
      <Group justify="space-between" wrap="wrap" gap="md">
        <Stack gap={4}>
          <Title order={1} size="h2">
            {patient.surname} {patient.givenName}
          </Title>
          <Group gap="lg">
            <Text>
              {t(`patient.sex.${patient.sex}`)}, {ageText(patient.birthDate)}
              <Text span c="dimmed">
                {' '}
                ({formatDate(patient.birthDate)})
              </Text>
            </Text>
            <Group gap={6}>
              <Badge variant="light" color="gray" radius="sm">
                {t(`patient.identifierLabels.${patient.identifierKind}`)}
              </Badge>
              <Text ff="monospace" fw={600} style={{ letterSpacing: '0.05em' }} data-testid="patient-identifier">
                {patient.identifier}
              </Text>
            </Group>
          </Group>
        </Stack>
        <Button variant="light" onClick={onEdit} aria-keyshortcuts="Alt+M" rightSection={<Kbd size="xs">Alt+M</Kbd>}>
          {t('patient.record.edit')}
        </Button>
      </Group>
    </Paper>
  );
}
