import { Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type Language } from '../../i18n/index.ts';
import { useSystemInfo } from '../../app/useSystemInfo.ts';
import { DoctorProfileSection } from '../doctor-profile/DoctorProfileSection.tsx';
import { SigningSettingsSection } from '../signing/SigningSettingsSection.tsx';
import { GatewayCertificatesSection } from '../gateway-certificates/GatewayCertificatesSection.tsx';
import { GatewaySettingsSection } from '../gateway-settings/GatewaySettingsSection.tsx';

/** Impostazioni: for now the language; profile, smart card, gateway and backup come later. */
export function SettingsPage() {
  const { t, i18n } = useTranslation();
  const info = useSystemInfo();
  return (
    <Stack gap="md" maw={720}>
      <Title order={1} size="h2">
        {t('settings.title')}
      </Title>
      <Paper withBorder p="lg">
        <Stack gap="xs">
          <Text fw={600} id="language-label">
            {t('settings.language')}
          </Text>
          <SegmentedControl
            aria-labelledby="language-label"
            value={i18n.resolvedLanguage ?? 'it'}
            onChange={(v) => void setLanguage(v as Language)}
            data={LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
            w="fit-content"
            data-testid="language-switch"
          />
          <Text size="sm" c="dimmed">
            {t('settings.languageHint')}
          </Text>
        </Stack>
      </Paper>
      <DoctorProfileSection />
      <SigningSettingsSection />
      <GatewayCertificatesSection />
      <GatewaySettingsSection />
      <Text c="dimmed">{t('settings.placeholder')}</Text>
      {info && (
        <Text size="sm" c="dimmed">
          {t('settings.about', { version: info.version, runtime: info.runtime })}
        </Text>
      )}
    </Stack>
  );
}
