import { Badge, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertificateInfo } from '../../../../shared/api/signing.ts';
import { formatDate, holderName } from './files.ts';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}

/** A certificate in Italian: holder, codice fiscale, issuer, validity, key usage; the role marked. */
export function CertificateCard({ cert, action, highlighted }: { cert: CertificateInfo; action?: ReactNode; highlighted?: boolean }) {
  const { t } = useTranslation();
  const expired = new Date(cert.notAfter).getTime() < Date.now();
  return (
    <Paper withBorder p="sm" data-testid="certificate" data-role={cert.role} bd={highlighted ? '2px solid var(--mantine-color-blue-6)' : undefined}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs">
            <Text fw={600}>{holderName(cert.subject)}</Text>
            <Badge color={cert.role === 'signature' ? 'blue' : 'gray'} variant={cert.role === 'signature' ? 'filled' : 'outline'}>
              {t(`signing.cert.role.${cert.role}`)}
            </Badge>
            {expired && <Badge color="red">{t('signing.cert.expired')}</Badge>}
          </Group>
          {action}
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing={4}>
          <Field label={t('signing.cert.cf')}>{cert.subject.codiceFiscale ?? '—'}</Field>
          <Field label={t('signing.cert.issuer')}>{cert.issuer.commonName ?? cert.issuer.text}</Field>
          <Field label={t('signing.cert.validity')}>{t('signing.cert.validityRange', { from: formatDate(cert.notBefore), to: formatDate(cert.notAfter) })}</Field>
          <Field label={t('signing.cert.keyUsage')}>{cert.keyUsage.map((u) => t(`signing.cert.usage.${u}`, { defaultValue: u })).join(', ') || '—'}</Field>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
