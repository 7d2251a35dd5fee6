import { Grid, NavLink, Paper, Select, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type Language } from '../../i18n/index.ts';
import { routeHref, SETTINGS_SECTIONS, type SettingsSection } from '../../app/router.ts';
import { useSystemInfo } from '../../app/useSystemInfo.ts';
import { useApi } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { DoctorProfileSection } from '../doctor-profile/DoctorProfileSection.tsx';
import { DoctorsSection } from '../doctors/DoctorsSection.tsx';
import { SigningSettingsSection } from '../signing/SigningSettingsSection.tsx';
import { GatewayCertificatesSection } from '../gateway-certificates/GatewayCertificatesSection.tsx';
import { GatewaySettingsSection } from '../gateway-settings/GatewaySettingsSection.tsx';
import { CalendarSettingsPanel } from '../vaccinations/CalendarSettingsPanel.tsx';
import { BilanciScheduleSection } from '../growth/BilanciScheduleSection.tsx';

const ZONES = ['Europe/Rome', 'Europe/Berlin', 'Europe/London', 'UTC'];

/**
 * Impostazioni (UX.md screen 9): one section at a time, chosen in a sub-navigation (Generale,
 * Medico e struttura, Firma digitale, Certificati, Gateway FSE), each its own address.
 */
export function SettingsPage({ section }: { section: SettingsSection }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('settings.title')}
      </Title>
      <Grid>
        <Grid.Col span={{ base: 12, sm: 3 }}>
          <nav aria-label={t('settings.sectionsLabel')}>
            {SETTINGS_SECTIONS.map((s) => (
              <NavLink key={s} href={routeHref({ name: 'settings', section: s })} label={t(`settings.sections.${s}`)} active={s === section} aria-current={s === section ? 'page' : undefined} />
            ))}
          </nav>
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 9 }} maw={760}>
          {section === 'generale' && (
            <>
              <GeneralSection />
              <BilanciScheduleSection />
            </>
          )}
          {section === 'medico' && (
            <>
              <DoctorProfileSection />
              <DoctorsSection />
            </>
          )}
          {section === 'firma' && <SigningSettingsSection />}
          {section === 'certificati' && <GatewayCertificatesSection />}
          {section === 'gateway' && <GatewaySettingsSection />}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** Language of the interface, time zone of clinical times, version. */
function GeneralSection() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const info = useSystemInfo();
  const [zone, setZone] = useState<string | null>(null);
  useEffect(() => {
    api.call('settings.getClinical', {}).then((c) => setZone(c.timeZone), () => undefined);
  }, [api]);
  return (
    <Stack gap="md">
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
      <Paper withBorder p="lg">
        <Select
          label={t('settings.timeZone')}
          description={t('settings.timeZoneHint')}
          data={[...new Set([...(zone ? [zone] : []), ...ZONES])]}
          value={zone}
          allowDeselect={false}
          searchable
          onChange={(v) => {
            if (!v) return;
            api.call('settings.setClinical', { timeZone: v }).then((c) => setZone(c.timeZone), (e: unknown) => notifications.show({ color: 'red', message: errorText(t, e) }));
          }}
          w={320}
        />
      </Paper>
      <CalendarSettingsPanel />
      {info && (
        <Text size="sm" c="dimmed">
          {t('settings.about', { version: info.version, runtime: info.runtime })}
        </Text>
      )}
    </Stack>
  );
}
