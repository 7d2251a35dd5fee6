import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { TypedDocSummary } from '../../../../shared/api/documents-pipeline.ts';
import { useApi, useServiceEvent } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { useSignAndSendDocType } from '../documents/useSignAndSendDocType.tsx';
import { download } from '../signing/files.ts';

/**
 * The vaccination documents of the Scheda (PAEDIATRICS.md §1): per administration its scheda
 * singola, and the certificato vaccinale of the whole history, both signed and sent through the
 * one document pipeline (useSignAndSendDocType) and shown with their state (doctypes.status,
 * followed through the outbox events); the certificato also printable for school.
 */
export interface VaccDocs {
  /** The newest version of each administration's scheda singola, by entry id. */
  singola: ReadonlyMap<string, TypedDocSummary>;
  certificato: TypedDocSummary | null;
  reload(): void;
}

export function useVaccinationDocuments(patientId: string): VaccDocs {
  const api = useApi();
  const [state, setState] = useState<{ singola: Map<string, TypedDocSummary>; certificato: TypedDocSummary | null }>({ singola: new Map(), certificato: null });
  const reload = useCallback(() => {
    void Promise.all([api.call('doctypes.status', { type: 'sing-vacc', patientId }), api.call('doctypes.status', { type: 'cert-vacc', patientId })])
      .then(([s, c]) => {
        const singola = new Map<string, TypedDocSummary>();
        // Newest first: the first version seen per subject is the one to show.
        for (const v of s.versions) if (v.subject && !singola.has(v.subject)) singola.set(v.subject, v);
        setState({ singola, certificato: c.versions[0] ?? null });
      })
      .catch(() => undefined);
  }, [api, patientId]);
  useEffect(reload, [reload]);
  useServiceEvent('outbox.changed', reload);
  return { ...state, reload };
}

/** "v1 · Pubblicato": the version and how far it got (prepared, then the outbox state). */
export function DocStateBadge({ doc, testId }: { doc: TypedDocSummary | null | undefined; testId: string }) {
  const { t } = useTranslation();
  if (!doc) return <Badge size="sm" variant="outline" color="gray.8" data-testid={testId} data-state="none">{t('vaccinations.docs.none')}</Badge>;
  const label = doc.state === 'prepared' || !doc.outboxState ? t('vaccinations.docs.prepared') : t(`outbox.state.${doc.outboxState}`);
  const color = doc.outboxState === 'published' ? 'green.9' : doc.outboxState === 'rejected' || doc.outboxState === 'parked' ? 'red.9' : 'blue.9';
  return (
    <Badge size="sm" variant="light" color={color} data-testid={testId} data-state={doc.state} data-outbox-state={doc.outboxState ?? ''}>
      {t('vaccinations.docs.version', { version: doc.versionNumber, state: label })}
    </Badge>
  );
}

/** The row action of a recorded vaccination: its scheda singola's state and "Firma e invia scheda singola". */
export function SingVaccAction({ entryId, summary, hasAic, doc, onSign, busy }: { entryId: string; summary: string; hasAic: boolean; doc: TypedDocSummary | undefined; onSign(entryId: string): void; busy: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap" data-testid={`sing-vacc-${entryId}`}>
      <DocStateBadge doc={doc} testId={`sing-vacc-state-${entryId}`} />
      {hasAic
        ? <Button size="compact-xs" variant="light" loading={busy} onClick={() => onSign(entryId)} aria-label={`${t('vaccinations.sign.button')}: ${summary}`}>{t('vaccinations.sign.button')}</Button>
        : <Text size="xs" c="gray.7">{t('vaccinations.docs.needsAic')}</Text>}
    </Group>
  );
}

/** The certificato vaccinale: state, "Firma e invia certificato", "Stampa per la scuola" (the PDF with the CDA attached). */
export function CertVaccPanel({ patientId, fileName, doc, hasEntries, onSigned }: { patientId: string; fileName: string; doc: TypedDocSummary | null; hasEntries: boolean; onSigned(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const sign = useSignAndSendDocType('cert-vacc', onSigned);
  const [printing, setPrinting] = useState(false);
  const print = async () => {
    setPrinting(true);
    try {
      const out = await api.call('doctypes.preview', { type: 'cert-vacc', patientId, pdf: true });
      const errors = out.issues.filter((i) => i.severity === 'error');
      if (!out.pdfBase64 || errors.length > 0) {
        notifications.show({ color: 'red', autoClose: false, message: t('vaccinations.docs.printInvalid', { errors: errors.slice(0, 3).map((i) => i.message).join(' ') }) });
        return;
      }
      download(fileName, out.pdfBase64);
      notifications.show({ message: t('vaccinations.docs.printed') });
    } catch (e) {
      notifications.show({ color: 'red', message: errorText(t, e) });
    } finally {
      setPrinting(false);
    }
  };
  return (
    <Paper withBorder p="md" component="section" aria-label={t('vaccinations.docs.certificate')} data-testid="cert-vacc">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h5">{t('vaccinations.docs.certificate')}</Title>
          <DocStateBadge doc={doc} testId="cert-vacc-state" />
        </Group>
        <Text size="sm">{hasEntries ? t('vaccinations.docs.certificateHint') : t('vaccinations.docs.certificateEmpty')}</Text>
        <Group gap="xs">
          <Button variant="light" disabled={!hasEntries} loading={sign.busy} onClick={() => void sign.start([{ patientId }])}>{t('vaccinations.docs.signCertificate')}</Button>
          <Button variant="default" disabled={!hasEntries} loading={printing} onClick={() => void print()}>{t('vaccinations.docs.print')}</Button>
        </Group>
      </Stack>
      {sign.dialog}
    </Paper>
  );
}
