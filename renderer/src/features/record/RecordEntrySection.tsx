import { useState } from 'react';
import { Button, Group, Kbd, Paper, SimpleGrid, Stack, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { openWindows } from '../../app/layers/layer-stack.ts';
import { LatestVitals } from './LatestVitals.tsx';
import { PrescriptionForm } from './PrescriptionForm.tsx';
import { PrescriptionList } from './PrescriptionList.tsx';
import { TherapyPlanList } from './TherapyPlanList.tsx';
import { useClinicalZone } from './useClinicalZone.ts';
import { VisitForm } from './VisitForm.tsx';
import { VisitList } from './VisitList.tsx';
import { VitalsLineForm } from './VitalsLineForm.tsx';
type Open = 'visit' | 'prescription' | 'vitals' | null;

/**
 * Diary, therapies and vital signs of one patient with their entry forms (keyboard first: Alt+V
 * visit, Alt+R prescription, Alt+P vitals line; "Ripeti" renews a therapy plan with one key):
 * self-contained, mounted by the Scheda paziente with one line. Its lists and forms are
 * components of their own (VisitList + VisitForm for a diary tab, TherapyPlanList +
 * PrescriptionList + PrescriptionForm for a therapies tab, LatestVitals + VitalsLineForm).
 * The lists repeat the Riepilogo's panels and timeline, so they are read only when asked for
 * (the button, or a form opened): a Riepilogo opened waits on no read but its own, and leaves
 * none in the db worker's queue for the next patient (DASHBOARD.md §1: open fast however long
 * the history).
 */
export function RecordEntrySection({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const zone = useClinicalZone();
  const [open, setOpenState] = useState<Open>(null);
  const [listed, setListed] = useState(false);
  // A form opened shows the lists too, so what is saved is seen in its place.
  const setOpen = (what: Open) => {
    if (what) setListed(true);
    setOpenState(what);
  };
  const when = (what: Exclude<Open, null>) => () => openWindows() === 0 && setOpen(what);
  useHotkeys(
    [
      ['alt+V', when('visit'), { usePhysicalKeys: true }],
      ['alt+R', when('prescription'), { usePhysicalKeys: true }],
      ['alt+P', when('vitals'), { usePhysicalKeys: true }],
    ],
    [],
  );
  const close = () => setOpenState(null);

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="record-entry-title" data-testid="record-entry">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="record-entry-title">{t('record.title')}</Title>
        <Group gap="xs">
          <Button variant="light" onClick={() => setOpen('visit')} aria-keyshortcuts="Alt+V" rightSection={<Kbd size="xs">Alt+V</Kbd>}>{t('record.actions.visit')}</Button>
          <Button variant="light" onClick={() => setOpen('prescription')} aria-keyshortcuts="Alt+R" rightSection={<Kbd size="xs">Alt+R</Kbd>}>{t('record.actions.prescription')}</Button>
          <Button variant="light" onClick={() => setOpen('vitals')} aria-keyshortcuts="Alt+P" rightSection={<Kbd size="xs">Alt+P</Kbd>}>{t('record.actions.vitals')}</Button>
        </Group>
      </Group>
      {listed ? (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <VisitList patientId={patientId} zone={zone} />
          <Stack gap="md">
            <TherapyPlanList patientId={patientId} />
            <PrescriptionList patientId={patientId} />
            <LatestVitals patientId={patientId} zone={zone} />
          </Stack>
        </SimpleGrid>
      ) : (
        <Button variant="subtle" onClick={() => setListed(true)} data-testid="record-entry-show">
          {t('record.showLists')}
        </Button>
      )}
      {open === 'visit' && <VisitForm patientId={patientId} zone={zone} onClose={close} />}
      {open === 'prescription' && <PrescriptionForm patientId={patientId} zone={zone} onClose={close} />}
      {open === 'vitals' && <VitalsLineForm patientId={patientId} zone={zone} onClose={close} />}
    </Paper>
  );
}
