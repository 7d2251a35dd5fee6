import { useEffect, useState, type KeyboardEvent } from 'react';
import { Group, Modal, NavLink, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PatientSummary } from '../../../../shared/domain/patient.ts';
import { navigate } from '../../app/router.ts';
import { formatDate } from './format.ts';
import { usePatientSearch } from './usePatientSearch.ts';

/** Ctrl+K from anywhere: type, ↑ ↓, Enter opens the Scheda paziente; Esc closes. */
export function PatientSearchModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={opened} onClose={onClose} title={t('search.title')} size="lg" yOffset="10vh" returnFocus>
      {opened && <SearchBody onClose={onClose} />}
    </Modal>
  );
}

function SearchBody({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const { items, query } = usePatientSearch(text, 12);
  useEffect(() => {
    setActive(0);
  }, [query]);

  const open = (p: PatientSummary) => {
    onClose();
    navigate({ name: 'patient', id: p.id });
  };
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
    <Stack gap="sm">
      <TextInput
        label={t('search.label')}
        placeholder={t('search.placeholder')}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        data-autofocus
        autoComplete="off"
        spellCheck={false}
        role="combobox"
        aria-expanded={items.length > 0}
        aria-controls="patient-search-results"
        aria-activedescendant={items[active] ? `patient-search-option-${active}` : undefined}
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
              aria-selected={i === active}
              active={i === active}
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
