import { useEffect, useRef, type ReactNode } from 'react';
import { Alert, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTimeIn } from '../../../../shared/format/clinical-time.ts';
import { AppModal } from '../../app/layers/AppModal.tsx';
import { SaveForm } from '../../components/SaveForm.tsx';
import type { DraftState } from './useDraft.ts';

/**
 * The window of a record entry form: its own layer (Ctrl+S saves it, Esc closes it keeping the
 * draft: nothing to ask, nothing lost), the draft's state, Salva / Scarta bozza / Chiudi. The
 * form's fields are the children.
 */
export function RecordFormWindow(props: {
  title: string;
  draft: DraftState<Record<string, unknown>>;
  zone: string;
  saving: boolean;
  error: string | null;
  onSave(): void;
  onClose(): void;
  children: ReactNode;
  'data-testid': string;
}) {
  const { t } = useTranslation();
  const { draft } = props;
  const body = useRef<HTMLDivElement>(null);
  // The fields appear once the draft is read, after the window opened: the focus goes to the
  // field the form marks (data-autofocus), else the first one.
  useEffect(() => {
    if (draft.loading) return;
    const root = body.current;
    if (root?.contains(document.activeElement)) return;
    (root?.querySelector<HTMLElement>('[data-autofocus]') ?? root?.querySelector<HTMLElement>('input, textarea, select'))?.focus();
  }, [draft.loading]);
  return (
    <AppModal opened onClose={props.onClose} onSave={props.onSave} title={props.title} size="lg" instant data-testid={props['data-testid']}>
      {draft.loading ? (
        <Loader size="sm" role="status" aria-label={t('record.form.loading')} />
      ) : (
        <SaveForm onSave={props.onSave}>
          <Stack gap="sm" ref={body}>
            {draft.restoredAt && (
              <Text size="sm" c="dimmed" role="status">
                {t('record.form.restored', { when: formatDateTimeIn(draft.restoredAt, props.zone) })}
              </Text>
            )}
            {props.children}
            {props.error && (
              <Alert color="red" variant="light" role="alert" data-testid="record-form-error">
                {props.error}
              </Alert>
            )}
            <Text size="xs" c="dimmed">{t('record.form.hint')}</Text>
            <Group justify="space-between">
              <Text size="xs" c="dimmed" aria-live="polite" data-testid="draft-state">
                {draft.touched ? t(draft.saved ? 'record.form.draftKept' : 'record.form.draftSaving') : ''}
              </Text>
              <Group gap="xs">
                <Button variant="subtle" color="gray" onClick={() => void draft.discard()}>{t('record.form.discard')}</Button>
                <Button variant="default" onClick={props.onClose}>{t('record.form.close')}</Button>
                <Button type="submit" loading={props.saving}>{t('record.form.save')}</Button>
              </Group>
            </Group>
          </Stack>
        </SaveForm>
      )}
    </AppModal>
  );
}

