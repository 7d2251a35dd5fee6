import { useEffect, useState, type KeyboardEvent } from 'react';
import { Alert, Button, Group, Kbd, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PatientSummary } from '../../../../shared/domain/patient.ts';
import { navigate } from '../../app/router.ts';
import { errorText } from '../../platform/error-text.ts';
import { PatientTable } from './PatientTable.tsx';
import { usePatientSearch } from './usePatientSearch.ts';

/** Kept while the app runs, so coming back from a record shows the same search. */
let lastQuery = '';

/** Assistiti (home): search box focused on start, results as you type, arrows + Enter to open. */
export function PatientsPage() {
  const { t } = useTranslation();
  const [text, setText] = useState(lastQuery);
  const [active, setActive] = useState(0);
  const { items, total, loading, error, query } = usePatientSearch(text);
  useEffect(() => {
    lastQuery = text;
  }, [text]);
  useEffect(() => {
    setActive(0);
  }, [query]);

  const open = (p: PatientSummary) => navigate({ name: 'patient', id: p.id });
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((i) => Math.min(i + 1, items.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (e.key === 'Enter' && items[active]) {
      e.preventDefault();
      open(items[active]);
    }
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1} size="h2">
          {t('patients.title')}
        </Title>
        <Button onClick={() => navigate({ name: 'patient-new' })} aria-keyshortcuts="Alt+N Control+Shift+N" rightSection={<Kbd size="xs">Alt+N</Kbd>}>
          {t('patients.new')}
        </Button>
      </Group>
      <TextInput
        label={t('patients.searchLabel')}
        placeholder={t('patients.searchPlaceholder')}
        description={t('patients.listHint')}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        autoFocus
        data-autofocus
        size="md"
        type="search"
        autoComplete="off"
        spellCheck={false}
        rightSection={loading ? <Loader size="xs" /> : null}
        data-testid="patient-search"
        aria-controls="patient-list"
        aria-activedescendant={items[active] ? `patient-row-${active}` : undefined}
      />
      {error !== undefined && (
        <Alert color="red" role="alert">
          {errorText(t, error)}
        </Alert>
      )}
      <Text size="sm" c="dimmed" aria-live="polite">
        {query !== undefined && (total > items.length ? t('patients.showing', { shown: items.length, total }) : t('patients.count', { count: total }))}
      </Text>
      {query !== undefined && items.length === 0 ? (
        <Text py="xl" ta="center" c="dimmed">
          {query ? t('patients.empty') : t('patients.emptyPanel')}
        </Text>
      ) : (
        <PatientTable items={items} activeIndex={active} onOpen={open} />
      )}
    </Stack>
  );
}
