import { useEffect, useRef, useState } from 'react';
import { Alert, Anchor, Button, Group, Loader, Paper, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { Patient } from '../../../../shared/domain/patient.ts';
import { openWindows } from '../../app/layers/layer-stack.ts';
import { usePageKeys } from '../../app/layers/useLayer.ts';
import { navigate, routeHref } from '../../app/router.ts';
import { errorText } from '../../platform/error-text.ts';
import { formatDate, formatDateTime } from './format.ts';
import { PatientHeaderStrip } from './PatientHeaderStrip.tsx';
import { usePatient } from './usePatient.ts';
import { useApi } from '../../platform/api-context.tsx';
import type { TimelineItem } from '../../../../shared/api/chart.ts';
import { CHART_TABS, type ChartTab } from '../chart/tabs.ts';
import { SummaryTab } from '../chart/SummaryTab.tsx';
import { EntryListTab } from '../chart/EntryListTab.tsx';
import { VaccinationsTab } from '../chart/VaccinationsTab.tsx';
import { TherapiesTab } from '../chart/TherapiesTab.tsx';
import { DocumentsTab } from '../chart/DocumentsTab.tsx';
import { AppModal } from '../../app/layers/AppModal.tsx';
import { ReceivedDocumentModal } from '../import/ReceivedDocumentModal.tsx';
import { ReceivedDocumentsPanel } from '../import/ReceivedDocumentsPanel.tsx';
import { AccessLogPanel } from '../record/AccessLogPanel.tsx';
import { RecordEntrySection } from '../record/RecordEntrySection.tsx';
import { useLogRecordAccess } from '../record/useLogRecordAccess.ts';
import { ImagingTab } from '../imaging/ImagingTab.tsx';
import { ParametriTab } from '../trends/ParametriTab.tsx';
import { PanelExitPanel } from '../cruscotto/PanelExitPanel.tsx';
import { TelevisitaReferto } from '../telemed/TelevisitaReferto.tsx';

/** Where each timeline item lives: a tab, or a window over the Riepilogo. */
const TAB_OF: Partial<Record<TimelineItem['kind'], ChartTab>> = { prescription: 'therapies', authored: 'documents', publication: 'documents', results: 'parameters', imaging: 'images' };

/** The received documents listed on the Riepilogo (the newest); Documenti lists them all. */
const RIEPILOGO_RECEIVED = 10;

/**
 * Scheda paziente (UX.md screen 2): the patient strip (sticky), then the sections as tabs,
 * Alt+1 … Alt+8, the Riepilogo first; Edit (Alt+M); Esc goes back to Assistiti. Opening it is
 * an access to the record, logged (access.openRecord).
 */
export function PatientRecordPage({ id, initialTab }: { id: string; initialTab?: ChartTab }) {
  const { t } = useTranslation();
  const api = useApi();
  const { patient, error, loading } = usePatient(id);
  useLogRecordAccess(id);
  const [tab, setTab] = useState<ChartTab>(initialTab ?? 'summary');
  // A link to a tab (what is due → Vaccinazioni) opens it, also when the page is already open.
  useEffect(() => {
    if (initialTab) setTab(initialTab);
  }, [id, initialTab]);
  // What follows the Riepilogo's panels on its tab is mounted once they are painted (DASHBOARD.md
  // §1: the Riepilogo first): its rendering and its reads then do not delay the panels.
  const [riepilogoShown, setRiepilogoShown] = useState(false);
  const [visit, setVisit] = useState<TimelineItem | null>(null);
  const [received, setReceived] = useState<string | null>(null);
  const openItem = (i: TimelineItem) => {
    if (i.kind === 'visit') setVisit(i);
    else if (i.kind === 'received') setReceived(i.ref);
    else setTab(TAB_OF[i.kind] ?? 'summary');
  };
  const edit = () => navigate({ name: 'patient-edit', id });
  const heading = useRef<HTMLHeadingElement>(null);
  // A screen reader and the keyboard start from the patient's name, not from the page's body.
  const shown = Boolean(patient);
  useEffect(() => {
    if (shown) heading.current?.focus({ preventScroll: true });
  }, [shown]);
  useHotkeys(
    [
      ['alt+M', edit, { usePhysicalKeys: true }],
    ],
    [],
  );
  // Alt+1 … Alt+8 by the key's place (event.code), so a layout or macOS's Option characters do not change them.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const n = /^Digit([1-8])$/.exec(e.code);
      if (!n || !e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || e.defaultPrevented) return;
      // Not behind an open window (an entry being edited would be lost with its tab). The layer
      // stack, not the DOM: a window that just closed stays in the page for its closing transition,
      // and a key pressed then must reach the tabs. The import window is not a layer yet.
      if (openWindows() > 0 || document.querySelector('[data-testid="import-dialog"]')) return;
      e.preventDefault();
      setTab(CHART_TABS[Number(n[1]) - 1]!);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  usePageKeys({ onEscape: () => navigate({ name: 'patients' }) });

  // The tabs are read while the patient is: no waterfall behind patients.get.
  if (!patient && !loading)
    return (
      <Stack>
        <Alert color="red" role="alert" title={t('patient.record.notFound')}>
          {errorText(t, error)}
        </Alert>
        <Anchor href={routeHref({ name: 'patients' })}>{t('patient.record.back')}</Anchor>
      </Stack>
    );

  return (
    <Stack gap="md" maw={1100}>
      <Text size="sm" c="dimmed">
        <Anchor href={routeHref({ name: 'patients' })} size="sm">
          {t('patients.title')}
        </Anchor>{' '}
        › {t('patient.record.title')}
      </Text>
      {patient ? <PatientHeaderStrip patient={patient} onEdit={edit} heading ref={heading} /> : <Loader role="status" aria-label={t('patients.loading')} />}
      <Group>
        <Button component="a" href={routeHref({ name: 'pss', id })} variant="light">
          {t('pss.open')}
        </Button>
      </Group>
      <Tabs value={tab} onChange={(v) => v && setTab(v as ChartTab)} keepMounted={false}>
        <Tabs.List aria-label={t('chart.tabs.label')}>
          {CHART_TABS.map((k, i) => (
            <Tabs.Tab key={k} value={k} aria-keyshortcuts={`Alt+${i + 1}`}>{t(`chart.tabs.${k}`)}</Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="summary" pt="md">
          <Stack gap="md">
            <SummaryTab patientId={id} onOpen={openItem} onShown={() => setRiepilogoShown(true)} />
            {riepilogoShown && (
              <>
                {/* Mounted once the panels are painted: their reads queue after the Riepilogo's own (summary, timeline). */}
                <RecordEntrySection patientId={id} />
                {/* Importing a received document starts here too (a file dropped on the Riepilogo); the whole list is in Documenti. */}
                <ReceivedDocumentsPanel patientId={id} limit={RIEPILOGO_RECEIVED} />
                {patient && (
                  <>
                    <Title order={2} size="h4">{t('chart.summary.registry')}</Title>
                    <SimpleGrid cols={{ base: 1, md: 2 }}>
                      <Details title={t('patient.record.registry')} rows={registryRows(t, patient)} />
                      <Details title={t('patient.record.contacts')} rows={contactRows(t, patient)} />
                      <PanelExitPanel patientId={id} />
                      {patient.guardian && <Details title={t('guardian.title')} rows={guardianRows(t, patient.guardian)} />}
                    </SimpleGrid>
                    <Text size="sm" c="gray.7">
                      {t('patient.record.updatedAt')}: {formatDateTime(patient.updatedAt)}
                    </Text>
                  </>
                )}
                <AccessLogPanel patientId={id} />
              </>
            )}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="problems" pt="md"><EntryListTab patientId={id} section="problems" /></Tabs.Panel>
        <Tabs.Panel value="allergies" pt="md"><EntryListTab patientId={id} section="allergies" /></Tabs.Panel>
        <Tabs.Panel value="therapies" pt="md"><TherapiesTab patientId={id} /></Tabs.Panel>
        <Tabs.Panel value="vaccinations" pt="md"><VaccinationsTab patientId={id} /></Tabs.Panel>
        <Tabs.Panel value="parameters" pt="md"><ParametriTab patientId={id} /></Tabs.Panel>
        <Tabs.Panel value="documents" pt="md"><DocumentsTab patientId={id} /></Tabs.Panel>
        <Tabs.Panel value="images" pt="md"><ImagingTab patientId={id} /></Tabs.Panel>
      </Tabs>
      <AppModal opened={visit !== null} onClose={() => setVisit(null)} title={visit ? `${t(`chart.timeline.visitKind.${visit.title}`, { defaultValue: visit.title })} — ${formatDateTime(`${visit.at}Z`)}` : t('chart.visit.title')}>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{visit?.detail ?? ''}</Text>
        {visit?.title === 'televisita' && <TelevisitaReferto patientId={id} visitId={visit.ref} />}
      </AppModal>
      <ReceivedDocumentModal patientId={id} documentId={received} onClose={() => setReceived(null)} />
    </Stack>
  );
}

type T = ReturnType<typeof useTranslation>['t'];

function registryRows(t: T, p: Patient): [string, string][] {
  return [
    [t('patient.fields.surname'), p.surname],
    [t('patient.fields.givenName'), p.givenName],
    [t('patient.fields.sex'), t(`patient.sex.${p.sex}`)],
    [t('patient.fields.birthDate'), formatDate(p.birthDate)],
    [t('patient.fields.birthPlace'), p.birthPlace ?? ''],
    [t(`patient.identifierLabels.${p.identifierKind}`), p.identifier],
    ...(p.identifierKind === 'TEAM' ? ([[t('patient.fields.teamCountry'), p.teamCountry ?? '']] as [string, string][]) : []),
  ];
}

function contactRows(t: T, p: Patient): [string, string][] {
  return [
    [t('patient.fields.address'), p.address ?? ''],
    [t('patient.fields.phone'), p.phone ?? ''],
    [t('patient.fields.email'), p.email ?? ''],
  ];
}

function guardianRows(t: T, g: NonNullable<Patient['guardian']>): [string, string][] {
  return [
    [t('guardian.name'), g.name],
    [t('guardian.relation'), t(`guardian.relations.${g.relation}`)],
    [t('guardian.codiceFiscale'), g.codiceFiscale ?? ''],
    [t('guardian.phone'), g.phone ?? ''],
  ];
}

function Details({ title, rows }: { title: string; rows: [string, string][] }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="lg">
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 24, rowGap: 8, margin: 0 }}>
        {rows.map(([k, v]) => (
          <div key={k} style={{ display: 'contents' }}>
            <Text component="dt" c="dimmed" size="sm" pt={2}>
              {k}
            </Text>
            <Text component="dd" m={0}>
              {v || t('patient.record.none')}
            </Text>
          </div>
        ))}
      </dl>
    </Paper>
  );
}
