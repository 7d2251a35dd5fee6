import { useCallback, useEffect, useMemo, useState } from 'react';
import { ActionIcon, Alert, Anchor, Badge, Button, Grid, Group, Loader, Paper, Select, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { DiffChange, PreviewOutput, PssDocSummary } from '../../../../shared/api/pss.ts';
import type { EntrySection, RecordView } from '../../../../shared/api/record.ts';
import type { PatientChoices } from '../../../../shared/domain/document-header.ts';
import { usePageKeys } from '../../app/layers/useLayer.ts';
import { navigate, routeHref } from '../../app/router.ts';
import { useApi, useServiceEvent } from '../../platform/api-context.tsx';
import { AppError } from '../../../../shared/errors/app-error.ts';
import { errorText } from '../../platform/error-text.ts';
import { PatientHeaderStrip } from '../patients/PatientHeaderStrip.tsx';
import { usePatient } from '../patients/usePatient.ts';
import { EntryEditor } from './EntryEditor.tsx';
import { ImportPssButton } from './ImportPssButton.tsx';
import { useSignAndSend } from './useSignAndSend.tsx';
import { EDITOR_SECTIONS, STATEMENTS, abnormalOf, entriesOf, entrySummary, sectionOffered, type AnyEntry } from './sections.ts';
import { todayIn } from '../../../../shared/format/clinical-time.ts';

type Issue = PreviewOutput['issues'][number];

function pdfUrl(base64: string): string {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
}

/** PSS editor (UX.md screen 4): sections in IG order, coded pickers, validation panel, PDF preview, diff. */
export function PssEditorPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const { patient, error } = usePatient(id);
  const [view, setView] = useState<RecordView | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [choices, setChoices] = useState<PatientChoices | null>(null);
  const [confidentiality, setConfidentiality] = useState<'N' | 'R' | 'V'>('N');
  const [preview, setPreview] = useState<PreviewOutput | null>(null);
  const [validating, setValidating] = useState(false);
  const [url, setUrl] = useState<string | null>(null);
  const [diff, setDiff] = useState<{ base: PssDocSummary | null; changes: DiffChange[] } | null>(null);
  const [draft, setDraft] = useState<PssDocSummary | null>(null);
  const [editing, setEditing] = useState<{ section: EntrySection; entry: AnyEntry | null } | null>(null);
  const [highlight, setHighlight] = useState<string | null>(null);
  const [lastVersion, setLastVersion] = useState<PssDocSummary | null>(null);
  const [saved, setSaved] = useState<{ choices: PatientChoices; confidentiality: 'N' | 'R' | 'V' } | null>(null);
  /** The state shown follows the stored one and the outbox (events), never a read made once at opening. */
  const reloadStatus = useCallback(async () => {
    const s = await api.call('pss.status', { patientId: id });
    setDraft(s.draft);
    setLastVersion(s.lastPublished);
    setSaved({ choices: s.choices, confidentiality: s.confidentiality });
  }, [api, id]);
  const sign = useSignAndSend(() => void reloadStatus());
  useServiceEvent('outbox.changed', () => void reloadStatus().catch(() => undefined));

  useEffect(() => {
    let live = true;
    Promise.all([api.call('record.get', { patientId: id }), api.call('pss.status', { patientId: id })]).then(
      ([v, s]) => {
        if (!live) return;
        setView(v);
        setChoices(s.choices);
        setConfidentiality(s.confidentiality);
        setDraft(s.draft);
        setLastVersion(s.lastPublished);
        setSaved({ choices: s.choices, confidentiality: s.confidentiality });
      },
      (e: unknown) => live && setLoadError(e),
    );
    return () => {
      live = false;
    };
  }, [api, id]);

  const refresh = useCallback(async () => {
    if (!choices) return;
    setValidating(true);
    try {
      const [p, d] = await Promise.all([
        api.call('pss.preview', { patientId: id, choices, confidentiality }),
        api.call('pss.diff', { patientId: id }),
      ]);
      setPreview(p);
      setDiff(d);
      setUrl((old) => {
        if (old) URL.revokeObjectURL(old);
        return p.pdfBase64 ? pdfUrl(p.pdfBase64) : null;
      });
    } catch (e) {
      notifications.show({ color: 'red', message: errorText(t, e) });
    } finally {
      setValidating(false);
    }
  }, [api, id, choices, confidentiality, t]);

  // Re-validate after every change (record, choices), debounced.
  useEffect(() => {
    if (!view || !choices) return;
    const timer = setTimeout(() => void refresh(), 250);
    return () => clearTimeout(timer);
  }, [view, choices, confidentiality, refresh]);
  useEffect(() => () => { if (url) URL.revokeObjectURL(url); }, [url]);

  const saveDraft = useCallback(async () => {
    if (!choices) return;
    try {
      const r = await api.call('pss.saveDraft', { patientId: id, choices, confidentiality });
      if (r.draft.state === 'draft') {
        setDraft(r.draft);
        notifications.show({ message: t('pss.actions.draftSaved', { version: r.draft.versionNumber }) });
      } else {
        // Nothing changed since that version: no new one was made.
        notifications.show({ message: t('pss.actions.unchanged', { version: r.draft.versionNumber }) });
      }
      return r.draft;
    } catch (e) {
      notifications.show({ color: 'red', message: errorText(t, e) });
      return null;
    }
  }, [api, id, choices, confidentiality, t]);

  const confirm = async () => {
    try {
      const d = await saveDraft();
      if (!d || d.state !== 'draft') return;
      const r = await api.call('pss.confirm', { patientId: id });
      setDraft(null);
      setLastVersion(r);
      notifications.show({ color: 'green', message: t('pss.actions.confirmed') });
      await refresh();
    } catch (e) {
      if (e instanceof AppError && e.code === 'CONFLICT' && (e.data as { field?: string } | undefined)?.field === 'unchanged') {
        notifications.show({ message: t('pss.actions.unchanged', { version: lastVersion?.versionNumber ?? '' }) });
        await reloadStatus();
        return;
      }
      notifications.show({ color: 'red', message: errorText(t, e) });
    }
  };

  usePageKeys({ onSave: () => void saveDraft(), onEscape: () => navigate({ name: 'patient', id }) });

  const issuesByEntry = useMemo(() => {
    const m = new Map<string, Issue[]>();
    for (const i of preview?.issues ?? []) {
      if (!i.field) continue;
      const key = i.field.split('.').slice(0, 2).join('.');
      m.set(key, [...(m.get(key) ?? []), i]);
    }
    return m;
  }, [preview]);

  const goTo = (field: string) => {
    const key = field.split('.').slice(0, 2).join('.');
    const el = document.querySelector<HTMLElement>(`[data-field="${CSS.escape(key)}"]`) ?? document.querySelector<HTMLElement>(`[data-field="${CSS.escape(field.split('.')[0] ?? '')}"]`);
    if (el) {
      el.scrollIntoView({ block: 'center' });
      el.focus();
      setHighlight(key);
    }
  };

  if (!patient || !view || !choices) {
    if (error || loadError) return <Alert color="red" role="alert">{errorText(t, error ?? loadError)}</Alert>;
    return <Loader role="status" aria-label={t('pss.loading')} />;
  }

  const errors = preview?.issues.filter((i) => i.severity === 'error').length ?? 0;
  // Nothing to confirm: the record and the choices are those of the last version (a draft, if any, is itself a change).
  const sameChoices = saved !== null && saved.confidentiality === confidentiality && JSON.stringify(saved.choices) === JSON.stringify(choices);
  const unchanged = !draft && lastVersion !== null && diff?.base?.documentId === lastVersion.documentId && diff.changes.length === 0 && sameChoices;
  const signable = lastVersion?.state === 'confirmed' && unchanged;
  const shown = draft ?? lastVersion;
  const warnings = preview?.issues.filter((i) => i.severity === 'warning').length ?? 0;
  const r = view.record;

  const upsert = async (section: EntrySection, entry: AnyEntry) => {
    setView(await api.call('record.upsertEntry', { patientId: id, section, entry } as never));
  };
  const remove = async (section: EntrySection, entryId: string) => {
    try {
      setView(await api.call('record.removeEntry', { patientId: id, section, entryId }));
    } catch (e) {
      notifications.show({ color: 'red', message: errorText(t, e) });
    }
  };
  const setStatement = async (key: string, value: unknown) => {
    setView(await api.call('record.setStatement', { patientId: id, key, value } as never));
  };

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        <Anchor href={routeHref({ name: 'patients' })} size="sm">{t('patients.title')}</Anchor> ›{' '}
        <Anchor href={routeHref({ name: 'patient', id })} size="sm">{t('pss.back')}</Anchor> › {t('pss.title')}
      </Text>
      <PatientHeaderStrip patient={patient} onEdit={() => navigate({ name: 'patient-edit', id })} />
      <Group justify="space-between">
        <Title order={1} size="h2">{t('pss.title')}</Title>
        <Group>
          {shown && (
            <Badge variant="light" data-testid="pss-state" data-state={shown.state} data-outbox-state={shown.outboxState}>
              {t('pss.version', { version: shown.versionNumber, state: t(`pss.state.${shown.state}`) })}
              {shown.outboxState && shown.state !== 'published' ? ` · ${t(`outbox.state.${shown.outboxState}`).toLowerCase()}` : ''}
            </Badge>
          )}
          <ImportPssButton patientId={id} onImported={() => void api.call('record.get', { patientId: id }).then(setView)} />
          <Button variant="default" onClick={() => void refresh()} loading={validating}>{t('pss.actions.refresh')}</Button>
          <Button variant="default" onClick={() => void saveDraft()}>{t('pss.actions.saveDraft')} (Ctrl+S)</Button>
          <Button onClick={() => void confirm()} disabled={errors > 0 || validating || !preview || unchanged} title={unchanged ? t('pss.actions.unchanged', { version: lastVersion?.versionNumber ?? '' }) : undefined}>{t('pss.actions.confirm')}</Button>
          {signable && (
            <Button color="green" onClick={() => void sign.start([id])} loading={sign.busy}>{t('pss.sign.action')}</Button>
          )}
          {lastVersion?.state === 'confirmed' && !signable && diff?.base && (
            <Text size="sm" c="orange.8" data-testid="changed-after-confirm">{t('pss.actions.changedAfterConfirm', { version: lastVersion.versionNumber })}</Text>
          )}
        </Group>
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="sm">
            {EDITOR_SECTIONS.filter((section) => sectionOffered(section, patient, todayIn(), r)).map((section) => {
              if (section === 'organDonation') {
                const d = r.organDonation;
                return (
                  <Paper key={section} withBorder p="sm" component="section" aria-labelledby={`sec-${section}`} data-field={section}>
                    <Title order={2} size="h5" id={`sec-${section}`}>{t(`pss.sections.${section}`)}</Title>
                    <Select
                      mt="xs"
                      label={t('pss.donation.label')}
                      clearable
                      data={(['consent', 'dissent', 'not-expressed'] as const).map((v) => ({ value: v, label: t(`pss.donation.${v}`) }))}
                      value={d?.choice ?? null}
                      onChange={(v) => void setStatement('organDonation', v ? { choice: v, source: d?.source ?? 'patient-declared', ...(d?.date ? { date: d.date } : {}) } : null)}
                    />
                  </Paper>
                );
              }
              const entries = entriesOf(r, section);
              const statement = section in STATEMENTS ? STATEMENTS[section as keyof typeof STATEMENTS] : null;
              return (
                <Paper key={section} withBorder p="sm" component="section" aria-labelledby={`sec-${section}`} data-field={section} tabIndex={-1}>
                  <Group justify="space-between">
                    <Title order={2} size="h5" id={`sec-${section}`}>{t(`pss.sections.${section}`)}</Title>
                    <Button size="xs" variant="light" onClick={() => setEditing({ section, entry: null })} aria-label={t('pss.addTo', { section: t(`pss.sections.${section}`) })}>
                      {t('pss.add')}
                    </Button>
                  </Group>
                  {entries.length === 0 && !statement && <Text size="sm" c="dimmed">{t('pss.empty')}</Text>}
                  {entries.length === 0 && statement && (
                    <Select
                      mt="xs"
                      size="xs"
                      label={t('pss.statement.label')}
                      clearable
                      data={statement.values.map((v) => ({ value: v, label: t(`pss.statement.${v}`) }))}
                      value={(r[statement.key] as string | undefined) ?? null}
                      onChange={(v) => void setStatement(statement.key, v)}
                    />
                  )}
                  <Stack gap={4} mt={4}>
                    {entries.map((e) => {
                      const key = `${section}.${e.id}`;
                      const issues = issuesByEntry.get(key) ?? [];
                      const summary = entrySummary(t, section, e);
                      const abnormal = abnormalOf(section, e);
                      return (
                        <div
                          key={e.id}
                          data-field={key}
                          tabIndex={-1}
                          style={{ borderLeft: `3px solid ${issues.some((i) => i.severity === 'error') ? 'var(--mantine-color-red-6)' : highlight === key ? 'var(--mantine-color-blue-5)' : 'transparent'}`, paddingLeft: 8 }}
                        >
                          <Group justify="space-between" wrap="nowrap" gap="xs">
                            <Text size="sm">
                              {summary}{' '}
                              <Badge size="xs" variant="outline" color={e.source === 'doctor' ? 'gray' : 'orange'}>{t(`pss.source.${e.source}`)}</Badge>
                              {abnormal && abnormal !== 'N' && (
                                <Badge size="xs" variant="filled" color="red" ml={4} data-testid="abnormal">
                                  {abnormal === 'H' ? '↑' : '↓'} {t(`pss.abnormal.${abnormal}`)}
                                </Badge>
                              )}
                            </Text>
                            <Group gap={4} wrap="nowrap">
                              <Button size="compact-xs" variant="subtle" onClick={() => setEditing({ section, entry: e })} aria-label={t('pss.editEntry', { what: summary })}>
                                {t('pss.edit')}
                              </Button>
                              <ActionIcon size="sm" variant="subtle" color="red" onClick={() => void remove(section, e.id)} aria-label={t('pss.removeEntry', { what: summary })}>
                                ×
                              </ActionIcon>
                            </Group>
                          </Group>
                          {issues.map((i, n) => (
                            <Text key={n} size="xs" c={i.severity === 'error' ? 'red' : 'orange'} role="alert" data-testid="field-issue">
                              {i.code}: {i.message}
                            </Text>
                          ))}
                        </div>
                      );
                    })}
                  </Stack>
                </Paper>
              );
            })}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="sm" style={{ position: 'sticky', top: 70 }}>
            <Paper withBorder p="sm" data-field="choices">
              <Title order={2} size="h5">{t('pss.choices.title')}</Title>
              <Stack gap={6} mt="xs">
                <Switch label={t('pss.choices.obscured')} checked={choices.obscured} onChange={(e) => setChoices({ ...choices, obscured: e.currentTarget.checked })} />
                <Switch label={t('pss.choices.hiddenFromGuardians')} checked={choices.hiddenFromGuardians} onChange={(e) => setChoices({ ...choices, hiddenFromGuardians: e.currentTarget.checked })} />
                <Switch label={t('pss.choices.consent')} checked={choices.consentToFse} onChange={(e) => setChoices({ ...choices, consentToFse: e.currentTarget.checked })} />
                <Select
                  size="xs"
                  label={t('pss.choices.confidentiality')}
                  data={(['N', 'R', 'V'] as const).map((v) => ({ value: v, label: t(`pss.choices.${v}`) }))}
                  value={confidentiality}
                  allowDeselect={false}
                  onChange={(v) => v && setConfidentiality(v as 'N' | 'R' | 'V')}
                />
                {preview?.metadata && (
                  <Text size="xs" c="dimmed" data-testid="pss-metadata">
                    {t('pss.choices.metadata', { rules: preview.metadata.attiCliniciRegoleAccesso.join(', ') || '—', consent: t(preview.metadata.patientConsent ? 'common.yes' : 'common.no') })}
                  </Text>
                )}
              </Stack>
            </Paper>
            <Paper withBorder p="sm" aria-labelledby="pss-validation-title">
              <Group justify="space-between">
                <Title order={2} size="h5" id="pss-validation-title">{t('pss.validation.title')}</Title>
                {validating ? (
                  <Text size="sm" c="dimmed">{t('pss.validation.running')}</Text>
                ) : preview ? (
                  <Badge color={errors > 0 ? 'red' : 'green'} data-testid="pss-validation-summary">{t('pss.validation.summary', { errors, warnings })}</Badge>
                ) : null}
              </Group>
              {preview && errors === 0 && <Text size="sm" c="green.8" mt={4}>{t('pss.validation.ok')}</Text>}
              <Stack gap={4} mt="xs" style={{ maxHeight: 260, overflow: 'auto' }} data-testid="pss-issues">
                {preview?.issues.map((i, n) => (
                  <Group key={n} gap="xs" wrap="nowrap" align="flex-start">
                    <Badge size="xs" color={i.severity === 'error' ? 'red' : i.severity === 'warning' ? 'orange' : 'gray'}>{i.source}</Badge>
                    <Text size="xs" style={{ flex: 1 }}>
                      <b>{i.code}</b> {i.message}
                    </Text>
                    {i.field ? (
                      <Button size="compact-xs" variant="subtle" onClick={() => goTo(i.field!)}>{t('pss.validation.goTo')}</Button>
                    ) : null}
                  </Group>
                ))}
              </Stack>
              {preview && (
                <Text size="xs" c="dimmed" mt={4}>
                  {t('pss.validation.timing', { build: Math.round(preview.ms.build), validate: Math.round(preview.ms.validate), pdf: Math.round(preview.ms.pdf) })}
                </Text>
              )}
            </Paper>
            <Paper withBorder p="sm">
              <Title order={2} size="h5">{t('pss.diff.title')}</Title>
              {diff && !diff.base && <Text size="sm" c="dimmed">{t('pss.diff.none')}</Text>}
              {diff?.base && diff.changes.length === 0 && <Text size="sm" c="dimmed">{t('pss.diff.noChanges', { version: diff.base.versionNumber })}</Text>}
              {diff?.base && diff.changes.length > 0 && (
                <Stack gap={2} mt={4} data-testid="pss-diff">
                  <Text size="xs" c="dimmed">{t('pss.diff.base', { version: diff.base.versionNumber, state: t(`pss.state.${diff.base.state}`) })}</Text>
                  {diff.changes.map((c) => {
                    const entry = c.section in r ? (Array.isArray(r[c.section as EntrySection]) ? entriesOf(r, c.section as EntrySection).find((e) => e.id === c.entryId) : undefined) : undefined;
                    return (
                      <Text key={`${c.section}.${c.entryId}`} size="xs">
                        <Badge size="xs" color={c.kind === 'added' ? 'green' : c.kind === 'removed' ? 'red' : 'blue'}>{t(`pss.diff.${c.kind}`)}</Badge>{' '}
                        {t(`pss.sections.${c.section}`, { defaultValue: c.section })}: {entry ? entrySummary(t, c.section as EntrySection, entry) : c.entryId}
                        {c.fields.length > 0 ? ` (${c.fields.join(', ')})` : ''}
                      </Text>
                    );
                  })}
                </Stack>
              )}
            </Paper>
            <Paper withBorder p="sm">
              <Group justify="space-between">
                <Title order={2} size="h5">{t('pss.preview.title')}</Title>
                {url && <Anchor href={url} target="_blank" rel="noopener" size="sm" download={`PSS-${patient.identifier}.pdf`}>{t('pss.preview.open')}</Anchor>}
              </Group>
              {url && <iframe src={url} title={t('pss.preview.frame')} style={{ width: '100%', height: 480, border: 0, marginTop: 8 }} data-testid="pss-pdf" />}
              <Text size="xs" c="dimmed" mt={4}>{t('pss.signNote')}</Text>
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
      {sign.dialog}
      {editing && (
        <EntryEditor section={editing.section} entry={editing.entry} onClose={() => setEditing(null)} onSave={upsert} />
      )}
    </Stack>
  );
}
