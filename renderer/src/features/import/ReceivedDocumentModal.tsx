import { useEffect, useState } from 'react';
import { Button, Group, List, Loader, Stack, Text } from '@mantine/core';
import { AppModal } from '../../app/layers/AppModal.tsx';
import { useTranslation } from 'react-i18next';
import type { AppContract } from '../../../../shared/api/index.ts';
import type { MethodOutput } from '../../../../shared/api/define.ts';
import { useApi } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { formatDate, formatDateTime } from '../patients/format.ts';
import { entrySummary, type AnyEntry } from '../pss/sections.ts';
import { download } from '../signing/files.ts';
import { ObservationTable } from './ObservationTable.tsx';
import { VerdictText } from './VerdictText.tsx';
import { Notice } from './Notice.tsx';
import { formatInstant } from './format.ts';
import { useLayer } from '../../app/layers/useLayer.ts';

type Got = MethodOutput<AppContract, 'received.get'>;

/** A received document: metadata, verdicts, what was read from it, its text; "Apri" fetches the bytes (audited). */
export function ReceivedDocumentModal({ patientId, documentId, onClose }: { patientId: string; documentId: string | null; onClose(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  // A window layer of its own: Esc closes this window only, not the Scheda paziente behind it (layer-stack.ts).
  useLayer('window', { onEscape: onClose }, documentId !== null);
  const [got, setGot] = useState<Got | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setGot(null);
    setError(null);
    if (!documentId) return;
    api.call('received.get', { patientId, documentId }).then(setGot, (e: unknown) => setError(errorText(t, e)));
  }, [api, patientId, documentId, t]);
  const open = async () => {
    if (!documentId) return;
    try {
      const r = await api.call('received.open', { patientId, documentId });
      download(r.fileName, r.fileBase64);
    } catch (e) {
      setError(errorText(t, e));
    }
  };
  const d = got?.document;
  return (
    // A window of the layer stack: Esc closes it, not the Scheda paziente behind it.
    <AppModal opened={documentId !== null} onClose={onClose} size="xl" title={d ? `${t(`importDoc.kinds.${d.kind}`)} — ${d.title}` : t('importDoc.received.title')}>
      <Stack gap="sm" data-testid="received-document">
        {!got && !error && <Loader role="status" aria-label={t('importDoc.received.loading')} />}
        {error && <Notice kind="error" role="alert">{error}</Notice>}
        {d && got && (
          <>
            <Text size="sm">
              {[d.documentDate ? t('importDoc.dated', { date: formatInstant(d.documentDate) }) : '', d.authorName, d.organizationName].filter(Boolean).join(' · ')}
            </Text>
            <Text size="xs" c="gray.7">{t('importDoc.received.receivedAt', { date: formatDateTime(d.receivedAt) })}</Text>
            <Group gap="xs"><VerdictText kind="validation" v={d.validation} /><VerdictText kind="signature" v={d.signature} /></Group>
            {got.derived.observations.length > 0 && <ObservationTable observations={got.derived.observations} caption={t('importDoc.received.values')} />}
            {got.derived.entries.length > 0 && (
              <List size="sm">{got.derived.entries.map((e) => <List.Item key={String(e.entry.id)}>{t(`importDoc.sections.${e.section}`, { defaultValue: e.section })}: {entrySummary(t, e.section as never, e.entry as AnyEntry)}</List.Item>)}</List>
            )}
            {got.derived.therapyPlans.length > 0 && (
              <List size="sm">{got.derived.therapyPlans.map((p) => <List.Item key={p.id}>{t('importDoc.received.therapy')}: {p.aic?.display ?? p.atc.display} — {p.dosageText}</List.Item>)}</List>
            )}
            {got.derived.dispensations.length > 0 && (
              <List size="sm">{got.derived.dispensations.map((x) => <List.Item key={x.id}>{formatDate(x.date)} — {x.aic?.display ?? x.atc.display} × {x.packs}</List.Item>)}</List>
            )}
            {d.warnings.length > 0 && <Notice kind="warning" title={t('importDoc.warnings')}><List size="sm">{d.warnings.map((w, i) => <List.Item key={i}>{w}</List.Item>)}</List></Notice>}
            {got.text && <details><summary>{t('importDoc.text')}</summary><Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{got.text}</Text></details>}
            <Group justify="flex-end"><Button variant="light" onClick={() => void open()}>{t('importDoc.received.open')}</Button></Group>
          </>
        )}
      </Stack>
    </AppModal>
  );
}
