import { useRef, useState } from 'react';
import { Alert, Button, FileButton, List, Stack, Text, Title } from '@mantine/core';
import { AppModal } from '../../app/layers/AppModal.tsx';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ImportPlan } from '../../../../shared/api/pss.ts';
import { AppError } from '../../../../shared/errors/app-error.ts';
import { useApi } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { formatDate } from '../patients/format.ts';
import { fileToBase64 } from '../signing/files.ts';
import { entrySummary, type AnyEntry } from './sections.ts';

/** The import's own refusals in words; anything else through the common error texts. */
function importErrorText(t: TFunction, e: unknown): string {
  if (e instanceof AppError && e.code === 'CONFLICT') return t('pssImport.errors.otherPatient');
  if (e instanceof AppError && e.code === 'VALIDATION_FAILED') {
    const issue = (e.data as { issues?: Array<{ code: string; message: string }> } | undefined)?.issues?.[0];
    if (issue && ['XML', 'NO_CDA', 'NOT_PSS'].includes(issue.code)) return t(`pssImport.errors.${issue.code}`, { detail: issue.message });
  }
  return errorText(t, e);
}

/**
 * "Importa PSS ricevuto": a PSS written elsewhere (CDA XML, or the FSE's PDF carrying it) → what it
 * adds to the record, section by section, what is already there → one confirmation adds it.
 */
export function ImportPssButton({ patientId, onImported }: { patientId: string; onImported(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [file, setFile] = useState<string | null>(null);
  const [plan, setPlan] = useState<ImportPlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The same file chosen twice must fire again (the input keeps its value otherwise).
  const resetRef = useRef<() => void>(null);

  const close = () => {
    setFile(null);
    setPlan(null);
    setError(null);
  };

  const choose = async (f: File | null) => {
    resetRef.current?.();
    if (!f) return;
    setBusy(true);
    setPlan(null);
    setError(null);
    try {
      const fileBase64 = await fileToBase64(f);
      setFile(fileBase64);
      setPlan(await api.call('pss.importPreview', { patientId, fileBase64 }));
    } catch (e) {
      setFile((x) => x ?? '');
      setError(importErrorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  const apply = async () => {
    if (!file) return;
    setBusy(true);
    try {
      const done = await api.call('pss.importApply', { patientId, fileBase64: file });
      notifications.show({ color: 'green', message: t('pssImport.applied', { count: done.add }) });
      close();
      onImported();
    } catch (e) {
      setError(importErrorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  const doc = plan?.document;
  return (
    <>
      <FileButton resetRef={resetRef} onChange={(f) => void choose(f)} accept=".xml,.pdf,application/xml,text/xml,application/pdf">
        {(props) => (
          <Button variant="default" title={t('pssImport.hint')} loading={busy && !file} {...props}>
            {t('pssImport.action')}
          </Button>
        )}
      </FileButton>
      <AppModal opened={file !== null} onClose={close} title={t('pssImport.title')} size="lg">
        <Stack gap="sm" data-testid="pss-import">
          {busy && !plan && !error && <Text size="sm">{t('pssImport.reading')}</Text>}
          {error && <Alert color="red" role="alert">{error}</Alert>}
          {plan && (
            <>
              {doc?.effectiveDate && (
                <Text size="sm" c="dimmed">
                  {doc.authorName ? t('pssImport.documentBy', { date: formatDate(doc.effectiveDate), author: doc.authorName }) : t('pssImport.document', { date: formatDate(doc.effectiveDate) })}
                </Text>
              )}
              <Text fw={600}>{t('pssImport.add', { count: plan.add })}</Text>
              {plan.duplicates > 0 && <Text size="sm">{t('pssImport.duplicates', { count: plan.duplicates })}</Text>}
              {plan.sections.filter((s) => s.entries.length > 0).map((s) => (
                <div key={s.section}>
                  <Title order={3} size="h6">{t(`pss.sections.${s.section}`)}</Title>
                  <List size="sm">
                    {s.entries.map((e) => <List.Item key={String(e.id)}>{entrySummary(t, s.section, e as AnyEntry)}</List.Item>)}
                  </List>
                </div>
              ))}
              {plan.cleared.length > 0 && <Text size="sm">{t('pssImport.cleared', { list: plan.cleared.map((k) => t(`pssImport.statementKeys.${k}`)).join(', ') })}</Text>}
              {plan.statements.length > 0 && <Text size="sm">{t('pssImport.statements', { list: plan.statements.map((k) => t(`pssImport.statementKeys.${k}`)).join(', ') })}</Text>}
              {plan.warnings.length > 0 && (
                <Alert color="yellow" title={t('pssImport.warnings')}>
                  <List size="sm">{plan.warnings.map((w, i) => <List.Item key={i}>{w}</List.Item>)}</List>
                </Alert>
              )}
              {plan.add === 0 && plan.statements.length === 0 ? (
                <Text>{t('pssImport.nothing')}</Text>
              ) : (
                <Button onClick={() => void apply()} loading={busy} data-autofocus>
                  {t('pssImport.apply', { count: plan.add })}
                </Button>
              )}
            </>
          )}
        </Stack>
      </AppModal>
    </>
  );
}
