import { useState, type ReactNode } from 'react';
import { Alert, Badge, Button, Group, Loader, Paper, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { EntrySection } from '../../../../shared/api/record.ts';
import type { CalendarDoseRow, VaccinationStatus } from '../../../../shared/api/vaccinations.ts';
import { AGE_WORDING, ageOf, formatAge } from '../../../../shared/domain/age.ts';
import { formatClinicalDate } from '../../../../shared/format/clinical-date.ts';
import { useApi } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { EntryEditor } from '../pss/EntryEditor.tsx';
import { entrySummary, type AnyEntry } from '../pss/sections.ts';
import { useSignAndSendDocType } from '../documents/useSignAndSendDocType.tsx';
import { CertVaccPanel, SingVaccAction, useVaccinationDocuments } from './VaccinationDocuments.tsx';
import { useChartData } from './useChartData.ts';

/** Badge colours by status; the status is always written too (UX.md: no information by colour alone). */
const COLOR: Record<CalendarDoseRow['status'], string> = {
  done: 'green.9', due: 'blue.9', overdue: 'red.9', next: 'gray.8', missed: 'gray.8', refused: 'orange.9', exempt: 'violet.9', postponed: 'yellow.9',
};

type Section = Extract<EntrySection, 'vaccinations' | 'vaccinationDecisions'>;

/**
 * Vaccinazioni (UX.md screen 2): the child's calendar (PNPV 2023-2025 with the regional
 * additions) dose by dose, done / due / overdue / next, with the record's vaccinations and
 * decisions under it, each edited with its entry form (EntryEditor: one form per entry kind).
 * Ages as the doctor says them ("2 anni e 5 mesi", months under 2 years, weeks under 2 months).
 */
export function VaccinationsTab({ patientId }: { patientId: string }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const lang = i18n.resolvedLanguage === 'en' ? 'en' : 'it';
  const { data, error, reload } = useChartData(patientId, async () => {
    const [status, record] = await Promise.all([api.call('vaccinations.status', { patientId }), api.call('record.get', { patientId })]);
    return { status, record };
  });
  const [editing, setEditing] = useState<{ section: Section; entry: AnyEntry | null } | null>(null);
  const docs = useVaccinationDocuments(patientId);
  // One dialog for every row's scheda singola (PAEDIATRICS.md §1: one document per administration).
  const singola = useSignAndSendDocType('sing-vacc', docs.reload);
  if (error !== null && !data) return <Alert color="red" role="alert" title={t('vaccinations.loadError')}>{errorText(t, error)}</Alert>;
  if (!data) return <Loader role="status" aria-label={t('vaccinations.loading')} />;
  const { status, record } = data;
  const ageText = (on: string) => {
    const a = ageOf(status.birthDate, on);
    return a ? formatAge(a, AGE_WORDING[lang]) : '';
  };
  const save = async (s: EntrySection, entry: AnyEntry) => {
    const version = record.meta.find((m) => m.section === s && m.id === entry.id)?.version;
    await api.call('record.upsertEntry', { patientId, section: s, entry, ...(version ? { version } : {}) } as never);
    notifications.show({ message: t('vaccinations.saved') });
    reload();
  };
  const vaccinations = record.record.vaccinations as unknown as AnyEntry[];
  const decisions = (record.record.vaccinationDecisions ?? []) as unknown as AnyEntry[];
  const nextWhat = status.next?.doses.map((d) => `${status.doses.find((x) => x.seriesId === d.seriesId)?.label[lang] ?? d.seriesId} ${t('vaccinations.doseN', { n: d.dose })}`).join(', ');

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2} size="h4">{t('vaccinations.title')}</Title>
          <Text size="sm">{status.calendar.title[lang]} · {status.calendar.regions.length > 0 ? t('vaccinations.regions', { regions: status.calendar.regions.join(', ') }) : t('vaccinations.noRegions')}</Text>
          <Text size="sm" data-testid="vaccination-age">{t('vaccinations.age', { age: ageText(status.today) })}</Text>
        </div>
        <Group gap="xs">
          <Button variant="light" onClick={() => setEditing({ section: 'vaccinations', entry: null })}>{t('vaccinations.add')}</Button>
          <Button variant="default" onClick={() => setEditing({ section: 'vaccinationDecisions', entry: null })}>{t('vaccinations.addDecision')}</Button>
        </Group>
      </Group>
      {status.beyondCalendar ? <Text size="sm">{t('vaccinations.beyond')}</Text> : (
        <>
          <Text size="sm" data-testid="vaccination-counts">
            {t('vaccinations.counts', { done: status.counts.done, due: status.counts.due, overdue: status.counts.overdue })} · {status.next ? t('vaccinations.next', { date: formatClinicalDate(status.next.date), what: nextWhat }) : t('vaccinations.noNext')}
          </Text>
          <CalendarTable rows={status.doses} lang={lang} />
        </>
      )}
      <EntryPanel
        title={t('vaccinations.record')} section="vaccinations" entries={vaccinations} onEdit={(entry) => setEditing({ section: 'vaccinations', entry })} detail={(e) => vaccinationDetail(t, status, e, ageText, lang)}
        action={(e, summary) => <SingVaccAction entryId={e.id} summary={summary} hasAic={Boolean((e as { aic?: unknown }).aic)} doc={docs.singola.get(e.id)} busy={singola.busy} onSign={(entryId) => void singola.start([{ patientId, subject: entryId }])} />}
      />
      <EntryPanel title={t('vaccinations.decisions')} section="vaccinationDecisions" entries={decisions} onEdit={(entry) => setEditing({ section: 'vaccinationDecisions', entry })} />
      <CertVaccPanel patientId={patientId} fileName={`Certificato-vaccinale-${status.today}.pdf`} doc={docs.certificato} hasEntries={vaccinations.length + decisions.length > 0} onSigned={docs.reload} />
      {singola.dialog}
      <EntryEditor section={editing?.section ?? null} entry={editing?.entry ?? null} onClose={() => setEditing(null)} onSave={save} />
    </Stack>
  );
}

function vaccinationDetail(t: ReturnType<typeof useTranslation>['t'], status: VaccinationStatus, e: AnyEntry, ageText: (on: string) => string, lang: 'it' | 'en'): string {
  const g = status.given.find((x) => x.entryId === e.id);
  const parts = [t('vaccinations.ageAt', { age: ageText(String(e.date)) })];
  if (g && g.targetDiseases.length > 0) parts.push(`${t('vaccinations.targets')}: ${g.targetDiseases.map((d) => d.display).join(', ')}`);
  if (g && !g.recognised) parts.push(t('vaccinations.unrecognised'));
  if (g && g.notCounted.length > 0) {
    const names = g.notCounted.map((n) => g.antigens.find((a) => a.id === n.antigen)?.label[lang] ?? n.antigen);
    parts.push(t('vaccinations.notCounted', { antigens: [...new Set(names)].join(', ') }));
  }
  return parts.join(' · ');
}

function CalendarTable({ rows, lang }: { rows: CalendarDoseRow[]; lang: 'it' | 'en' }) {
  const { t } = useTranslation();
  const when = (d: CalendarDoseRow): string => {
    if (d.status === 'done') return d.date ? t('vaccinations.when.done', { date: formatClinicalDate(d.date) }) : '';
    if (d.decision) return `${formatClinicalDate(d.decision.date)}${d.decision.until ? ` — ${t('vaccinations.when.until', { date: formatClinicalDate(d.decision.until) })}` : ''}`;
    if (d.waitingFor && d.waitingFor.length > 0) return t('vaccinations.when.waiting');
    if (!d.window) return '';
    if (d.status === 'overdue') return t('vaccinations.when.overdue', { overdue: formatClinicalDate(d.window.overdueFrom), until: formatClinicalDate(d.window.until) });
    return t('vaccinations.when.window', { from: formatClinicalDate(d.window.from), overdue: formatClinicalDate(d.window.overdueFrom) });
  };
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table stickyHeader striped highlightOnHover data-testid="vaccination-calendar">
        <Table.Caption>{t('vaccinations.table.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('vaccinations.table.vaccine')}</Table.Th>
            <Table.Th scope="col">{t('vaccinations.table.dose')}</Table.Th>
            <Table.Th scope="col">{t('vaccinations.table.status')}</Table.Th>
            <Table.Th scope="col">{t('vaccinations.table.when')}</Table.Th>
            <Table.Th scope="col">{t('vaccinations.table.note')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((d) => (
            <Table.Tr key={`${d.seriesId}-${d.season ?? ''}-${d.dose}`} data-series={d.seriesId} data-dose={d.dose} data-status={d.status}>
              <Table.Td>{d.label[lang]}{d.season ? ` (${t('vaccinations.season', { season: d.season })})` : ''}</Table.Td>
              <Table.Td>{d.dose}</Table.Td>
              <Table.Td><Badge size="sm" variant="outline" color={COLOR[d.status]}>{t(`vaccinations.status.${d.status}`)}</Badge></Table.Td>
              <Table.Td>{when(d)}</Table.Td>
              <Table.Td>
                <Text size="xs">
                  {[d.missingAntigens?.length ? t('vaccinations.missing', { antigens: d.missingAntigens.join(', ') }) : '', d.confirmedBy !== 'iss-epicentro' ? t(`vaccinations.confirmed.${d.confirmedBy}`) : ''].filter(Boolean).join(' · ')}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function EntryPanel({ title, section, entries, onEdit, detail, action }: { title: string; section: Section; entries: AnyEntry[]; onEdit(e: AnyEntry): void; detail?(e: AnyEntry): string; action?(e: AnyEntry, summary: string): ReactNode }) {
  const { t } = useTranslation();
  const sorted = [...entries].sort((a, b) => String(b.date).localeCompare(String(a.date)));
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Title order={3} size="h5" mb="xs">{title}</Title>
      {sorted.length === 0 ? <Text size="sm" c="gray.7">{t('vaccinations.none')}</Text> : (
        <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }} data-testid={`list-${section}`}>
          {sorted.map((e) => {
            const summary = entrySummary(t, section, e);
            return (
              <Group key={e.id} component="li" justify="space-between" wrap="nowrap" gap="xs">
                <div>
                  <Text size="sm">{summary}</Text>
                  {detail && <Text size="xs" c="gray.7">{detail(e)}</Text>}
                </div>
                <Group gap="xs" wrap="nowrap">
                  {action?.(e, summary)}
                  <Tooltip label={t('vaccinations.edit')}>
                    <Button size="compact-xs" variant="subtle" onClick={() => onEdit(e)} aria-label={`${t('vaccinations.edit')}: ${summary}`}>{t('vaccinations.edit')}</Button>
                  </Tooltip>
                </Group>
              </Group>
            );
          })}
        </Stack>
      )}
    </Paper>
  );
}
