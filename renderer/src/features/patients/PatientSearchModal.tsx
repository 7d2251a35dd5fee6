import { useLayoutEffect, useRef, useState } from 'react';
import { Group, NavLink, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { AppModal } from '../../app/layers/AppModal.tsx';
import { useTranslation } from 'react-i18next';
import type { PatientSummary } from '../../../../shared/domain/patient.ts';
import { navigate } from '../../app/router.ts';
import { formatDate } from './format.ts';
import { usePatientSearch } from './usePatientSearch.ts';
import { useResultNavigation } from './useResultNavigation.ts';

/**
 * Ctrl+K from anywhere: type, ↑ ↓, Enter opens the Scheda paziente; Esc closes.
 * No opening animation: the field must exist and hold the focus before the next key arrives, or a
 * doctor typing straight after Ctrl+K loses the first letters (seen on a loaded machine).
 */
export function PatientSearchModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <AppModal opened={opened} onClose={onClose} title={t('search.title')} size="lg" instant>
      {opened && <SearchBody onClose={onClose} />}
    </AppModal>
  );
}

function SearchBody({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  // Focus during the commit that follows Ctrl+K, not in the focus trap's later timeout.
  useLayoutEffect(() => inputRef.current?.focus({ preventScroll: true }), []);
  const { items, query, loading } = usePatientSearch(text, 12);

  const open = (p: PatientSummary) => {
    onClose();
    navigate({ name: 'patient', id: p.id });
  };
  const { current, setActive, onKeyDown, restart } = useResultNavigation(items, !loading && query === text.trim(), open);

  return (
    <Stack gap="sm">
      <TextInput
        ref={inputRef}
        label={t('search.label')}
        placeholder={t('search.placeholder')}
        value={text}
        onChange={(e) => {
          // A new search starts at the first row; results arriving later do not move the choice.
          setText(e.currentTarget.value);
          restart();
        }}
        onKeyDown={onKeyDown}
        data-autofocus
        autoComplete="off"
        spellCheck={false}
        role="combobox"
        aria-expanded={items.length > 0}
        aria-controls="patient-search-results"
        aria-activedescendant={items[current] ? `patient-search-option-${current}` : undefined}
        data-testid="spotlight-input"
      />
      <ScrollArea.Autosize mah="50vh">
        <div id="patient-search-results" role="listbox" aria-label={t('search.results')}>
          {items.map((p, i) => (
            <NavLink
              key={p.id}
              id={`patient-search-option-${i}`}
              component="button"
              type="button"
              tabIndex={-1}
              role="option"
              aria-selected={i === current}
              active={i === current}
              onMouseEnter={() => setActive(i)}
              onClick={() => open(p)}
              label={
                <Text fw={600}>
                  {p.surname} {p.givenName}
                </Text>
              }
              description={
                <Group gap="md" ff="monospace">
                  <span>{formatDate(p.birthDate)}</span>
                  <span>{p.identifier}</span>
                </Group>
              }
            />
          ))}
          {query !== undefined && items.length === 0 && (
            <Text c="dimmed" ta="center" py="md">
              {t('search.empty')}
            </Text>
          )}
        </div>
      </ScrollArea.Autosize>
      <Text size="xs" c="dimmed">
        {t('search.hint')}
      </Text>
    </Stack>
  );
}
