import { Group, List, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportDecisions, ReceivedPlan } from '../../../../shared/api/import.ts';
import { DATE_FORMATS } from '../../../../shared/documents/csv/dates.ts';
import { formatDate } from '../patients/format.ts';
import { entrySummary, type AnyEntry } from '../pss/sections.ts';
import { ObservationTable } from './ObservationTable.tsx';
import { Proposals } from './Proposals.tsx';
import { Reconciliation } from './Reconciliation.tsx';
import { formatInstant, formatNumber } from './format.ts';
import { Notice } from './Notice.tsx';
import { VerdictText } from './VerdictText.tsx';

export interface CsvChoice { dateFormat?: string | undefined; timeZone?: string | undefined }

/** What a file would add, per kind, with the doctor's choices (proposals, reconciliation, CSV reading). */
export function PlanView({ plan, decisions, onDecisions, onCsv }: {
  plan: ReceivedPlan;
  decisions: ImportDecisions;
  onDecisions(d: ImportDecisions): void;
  onCsv(c: CsvChoice): void;
}) {
  const { t, i18n } = useTranslation();
  const d = plan.document;
  return (
    <Stack gap="sm" data-testid="import-plan">
      <div>
        <Text fw={700}>{t(`importDoc.kinds.${d.kind}`)} — {d.title}</Text>
        <Text size="sm" c="gray.7">
          {[d.documentDate ? t('importDoc.dated', { date: formatInstant(d.documentDate) }) : '', d.authorName, d.organizationName].filter(Boolean).join(' · ')}
        </Text>
        <Text size="sm">{t('importDoc.forPatient', { name: plan.patient.name ?? plan.patient.identifier ?? '' })}</Text>
        <Group gap="xs" mt={4}>
          <VerdictText kind="validation" v={plan.validation} />
          <VerdictText kind="signature" v={plan.signature} />
        </Group>
      </div>

      {plan.duplicate && <Notice kind="info" role="status">{t('importDoc.duplicate', { date: formatDate(plan.duplicate.receivedAt) })}</Notice>}

      {plan.csv && (
        <Group align="flex-end" gap="sm" data-testid="csv-reading">
          <Text size="sm">{t('importDoc.csv.shape', { name: plan.csv.name })}</Text>
          <Select size="xs" label={t('importDoc.csv.dateFormat')} data={[...new Set([plan.csv.dateFormat, ...DATE_FORMATS])]} value={plan.csv.dateFormat} allowDeselect={false}
            onChange={(v) => v && onCsv({ dateFormat: v, timeZone: plan.csv!.timeZone })} />
          <TextInput size="xs" label={t('importDoc.csv.timeZone')} defaultValue={plan.csv.timeZone}
            onBlur={(e) => e.currentTarget.value !== plan.csv!.timeZone && onCsv({ dateFormat: plan.csv!.dateFormat, timeZone: e.currentTarget.value })} />
        </Group>
      )}

      {(plan.observations.add.length > 0 || plan.observations.already > 0) && (
        <Stack gap={4}>
          <Title order={3} size="h6">{t('importDoc.observations', { count: plan.observations.add.length })}</Title>
          <Text size="xs" c="gray.7">{t('importDoc.chartDateRule')}</Text>
          {plan.observations.add.length > 0 && <ObservationTable observations={plan.observations.add.slice(0, 200)} caption={t('importDoc.observationsCaption')} />}
          {plan.observations.add.length > 200 && <Text size="sm">{t('importDoc.more', { count: plan.observations.add.length - 200 })}</Text>}
          {plan.observations.already > 0 && <Text size="sm">{t('importDoc.alreadyCount', { count: plan.observations.already })}</Text>}
        </Stack>
      )}

      {plan.flags.length > 0 && (
        <Notice kind="warning" title={t('importDoc.flagsTitle')} data-testid="import-flags">
          <List size="sm">{plan.flags.map((f) => <List.Item key={f.observationId}>{f.message}</List.Item>)}</List>
        </Notice>
      )}

      <Proposals plan={plan} include={decisions.include} onToggle={(id, on) => onDecisions({ ...decisions, include: { ...decisions.include, [id]: on } })} />

      {plan.therapy.length > 0 && (
        <Stack gap={4}>
          <Title order={3} size="h6">{t('importDoc.reconciliation.title')}</Title>
          <Reconciliation rows={plan.therapy} choices={decisions.therapy} onChange={(key, c) => onDecisions({ ...decisions, therapy: { ...decisions.therapy, [key]: c } })} />
        </Stack>
      )}

      {(plan.dispensations.add.length > 0 || plan.dispensations.already > 0) && (
        <Stack gap={4}>
          <Title order={3} size="h6">{t('importDoc.dispensations', { count: plan.dispensations.add.length })}</Title>
          <List size="sm">
            {plan.dispensations.add.slice(0, 100).map((x) => (
              <List.Item key={x.id}>{formatDate(x.date)} — {x.aic?.display ?? x.atc.display} ({x.atc.code}) × {formatNumber(x.packs, i18n.language)}</List.Item>
            ))}
          </List>
          {plan.dispensations.already > 0 && <Text size="sm">{t('importDoc.alreadyCount', { count: plan.dispensations.already })}</Text>}
        </Stack>
      )}

      {plan.pss && (
        <Stack gap={4}>
          <Title order={3} size="h6">{t('importDoc.pssEntries', { count: plan.pss.add })}</Title>
          {plan.pss.sections.filter((s) => s.entries.length > 0).map((s) => (
            <div key={s.section}>
              <Text size="sm" fw={600}>{t(`pss.sections.${s.section}`)}</Text>
              <List size="sm">{s.entries.map((e) => <List.Item key={String(e.id)}>{entrySummary(t, s.section, e as AnyEntry)}</List.Item>)}</List>
            </div>
          ))}
          {plan.pss.duplicates > 0 && <Text size="sm">{t('importDoc.alreadyCount', { count: plan.pss.duplicates })}</Text>}
        </Stack>
      )}

      {plan.excerpt && !plan.csv && (
        <details>
          <summary>{t('importDoc.text')}</summary>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{plan.excerpt}</Text>
        </details>
      )}

      {plan.warnings.length > 0 && (
        <Notice kind="warning" title={t('importDoc.warnings')} data-testid="import-warnings">
          <List size="sm">{plan.warnings.map((w, i) => <List.Item key={i}>{w}</List.Item>)}</List>
        </Notice>
      )}
    </Stack>
  );
}
