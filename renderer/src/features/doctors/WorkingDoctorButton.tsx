import { Button, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { nameOf } from './doctor-text.ts';
import { useDoctors } from './useDoctors.tsx';

/** Header: who is working (name and titolare/sostituto, in words: the button's name is what it shows), Alt+U to switch. */
export function WorkingDoctorButton({ onSwitch }: { onSwitch(): void }) {
  const { t } = useTranslation();
  const { overview, working } = useDoctors();
  if (!overview || overview.doctors.length === 0) return null;
  const label = working ? `${nameOf(working)} · ${t(`doctors.kind.${working.kind}`)}` : t('doctors.header.nobody');
  return (
    <Tooltip label={`${t('doctors.header.switch')} (Alt+U)`}>
      <Button
        variant={working?.kind === 'sostituto' ? 'light' : 'default'}
        color={working?.kind === 'sostituto' ? 'violet' : undefined}
        onClick={onSwitch}
        aria-keyshortcuts="Alt+U"
        data-testid="working-doctor"
        data-doctor={working?.id ?? ''}
      >
        {label}
      </Button>
    </Tooltip>
  );
}
