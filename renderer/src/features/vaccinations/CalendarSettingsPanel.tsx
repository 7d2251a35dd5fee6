import { useEffect, useState } from 'react';
import { Alert, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { isAppError } from '../../../../shared/errors/index.ts';
import { useApi } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';

/**
 * Impostazioni: the region's additions to the national vaccination calendar (PAEDIATRICS.md §2:
 * "regions' additions configurable"), as the JSON the calendar reads; checked by the service
 * against the national calendar before it is kept.
 */
export function CalendarSettingsPanel() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const lang = i18n.resolvedLanguage === 'en' ? 'en' : 'it';
  const [text, setText] = useState('');
  const [current, setCurrent] = useState<{ title: string; regions: string[] } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    api.call('vaccinations.getSettings', {}).then((s) => {
      setText(JSON.stringify(s.additions, null, 2));
      setCurrent({ title: s.calendarTitle[lang], regions: s.regions });
    }, () => undefined);
  }, [api, lang]);
  const save = async () => {
    let additions: unknown;
    try {
      additions = JSON.parse(text.trim() === '' ? '[]' : text);
    } catch {
      setProblem(t('vaccinations.settings.invalidJson'));
      return;
    }
    setSaving(true);
    try {
      const s = await api.call('vaccinations.setSettings', { additions } as never);
      setCurrent({ title: s.calendarTitle[lang], regions: s.regions });
      setProblem(null);
      notifications.show({ message: t('vaccinations.settings.saved') });
    } catch (e) {
      const reason = isAppError(e) && e.code === 'INVALID_INPUT' ? (e.data as { issues?: { message: string }[] } | undefined)?.issues?.map((i) => i.message).join('; ') : undefined;
      setProblem(reason ? t('vaccinations.settings.refused', { reason }) : errorText(t, e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="vaccination-calendar-settings">
      <Stack gap="xs">
        <Title order={2} size="h4" id="vaccination-calendar-settings">{t('vaccinations.settings.title')}</Title>
        <Text size="sm">{t('vaccinations.settings.intro')}</Text>
        {current && (
          <Text size="sm" data-testid="calendar-in-use">
            {t('vaccinations.settings.current', { title: current.title })} · {current.regions.length > 0 ? t('vaccinations.regions', { regions: current.regions.join(', ') }) : t('vaccinations.noRegions')}
          </Text>
        )}
        <Textarea label={t('vaccinations.settings.additions')} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={3} maxRows={16} styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }} spellCheck={false} />
        {problem && <Alert color="red" role="alert">{problem}</Alert>}
        <Group justify="flex-end">
          <Button onClick={() => void save()} loading={saving}>{t('vaccinations.settings.save')}</Button>
        </Group>
      </Stack>
    </Paper>
  );
}
