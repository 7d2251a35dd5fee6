import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Group, Kbd, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PatientSummary } from '../../../../shared/domain/patient.ts';
import { navigate } from '../../app/router.ts';
import { errorText } from '../../platform/error-text.ts';
import { PatientTable } from './PatientTable.tsx';
import { usePatientSearch } from './usePatientSearch.ts';
import { useResultNavigation } from './useResultNavigation.ts';

/** Kept while the app runs, so coming back from a record shows the same search. */
let lastQuery = '';

/** Assistiti (home): search box focused on start, results as you type, arrows + Enter to open. */
export function PatientsPage() {
  const { t } = useTranslation();
  const [text, setText] = useState(lastQuery);
  const { items, total, loading, error, query } = usePatientSearch(text);
  useEffect(() => {
    lastQuery = text;
  }, [text]);

  // Stable, so that the list (memo) is not drawn again when the shell above re-renders (system.info, doctors.list answering).
  const open = useCallback((p: PatientSummary) => navigate({ name: 'patient', id: p.id }), []);
  const { current, onKeyDown, restart } = useResultNavigation(items, !loading && query === text.trim(), open);

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
        onChange={(e) => {
          // A new search starts at the first row; results arriving later do not move the choice.
          setText(e.currentTarget.value);
          restart();
        }}
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
        aria-activedescendant={items[current] ? `patient-row-${current}` : undefined}
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
        <PatientTable items={items} activeIndex={current} onOpen={open} />
      )}
    </Stack>
  );
}
