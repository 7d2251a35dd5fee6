import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Anchor, Badge, Button, Checkbox, Group, List, Loader, PasswordInput, Progress, Stack, Table, Text } from '@mantine/core';
import { AppModal } from '../../app/layers/AppModal.tsx';
import { useTranslation } from 'react-i18next';
import type { CertificateInfo, SignatureKind, SignFileResult, TokenStatus } from '../../../../shared/api/signing.ts';
import { AppError } from '../../../../shared/errors/app-error.ts';
import type { ErrorData } from '../../../../shared/errors/codes.ts';
import { routeHref } from '../../app/router.ts';
import { useApi, useServiceEvent } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { formatDate, holderName, newBatchId } from './files.ts';
import { PinStateBadge, PinStateHelp } from './PinStateBadge.tsx';

export interface DocumentForSigning {
  name: string;
  dataBase64: string;
  mode: SignatureKind;
}

export interface SignBatchOutcome {
  results: SignFileResult[];
  cancelled: boolean;
  signer: CertificateInfo;
}

export interface SignDialogProps {
  opened: boolean;
  onClose(): void;
  /** The documents to sign with one PIN entry. */
  documents: DocumentForSigning[];
  /** Called once the batch ends (also when cancelled: the files already signed are kept). */
  onSigned?(outcome: SignBatchOutcome): void;
  /** The documents' author: a card of another doctor (another codice fiscale) is signed with only after an explicit confirmation. */
  author?: { codiceFiscale: string; name: string } | undefined;
}

type Phase = 'loading' | 'not-configured' | 'ready' | 'confirm-final' | 'signing' | 'done';

interface Loaded {
  tokenLabel: string;
  cert: CertificateInfo | undefined;
  status: TokenStatus;
  sandboxPin: string | undefined;
}

/**
 * Firma (UX.md screen 6): names the token and the certificate (holder, codice fiscale, expiry)
 * and the documents; PIN field; the card's PIN state read before login; one login for the
 * batch with a progress bar and cancel; the result per document. The PIN lives in this
 * component's state only while the dialog is open and is cleared after every attempt.
 */
export function SignDialog({ opened, onClose, documents, onSigned, author }: SignDialogProps) {
  const { t } = useTranslation();
  const api = useApi();
  const [phase, setPhase] = useState<Phase>('loading');
  const [loaded, setLoaded] = useState<Loaded>();
  const [loadError, setLoadError] = useState<unknown>();
  const [pin, setPin] = useState('');
  const [pinError, setPinError] = useState<string>();
  const [error, setError] = useState<string>();
  const [progress, setProgress] = useState<{ done: number; total: number; current: string }>();
  const [outcome, setOutcome] = useState<SignBatchOutcome>();
  const [otherSignerOk, setOtherSignerOk] = useState(false);
  const batchId = useRef<string>('');
  const pinInput = useRef<HTMLInputElement>(null);

  useServiceEvent('signing.progress', (p) => {
    if (p.batchId === batchId.current) setProgress({ done: p.done, total: p.total, current: p.current });
  });

  useEffect(() => {
    if (!opened) return;
    let live = true;
    setPhase('loading');
    setLoadError(undefined);
    setError(undefined);
    setPinError(undefined);
    setPin('');
    setProgress(undefined);
    setOutcome(undefined);
    setOtherSignerOk(false);
    (async () => {
      const settings = await api.call('settings.get', {});
      if (!settings.signing.configured) {
        if (live) setPhase('not-configured');
        return;
      }
      const [certs, status] = await Promise.all([api.call('signing.listCertificates', {}), api.call('signing.tokenStatus', {})]);
      const cert = certs.find((c) => c.id === settings.signing.certificateId) ?? certs.find((c) => c.role === 'signature') ?? certs[0];
      if (!live) return;
      setLoaded({ tokenLabel: status.label, cert, status, sandboxPin: settings.signing.sandboxToken ? settings.sandbox.testPin : undefined });
      setPhase('ready');
    })().catch((e: unknown) => {
      if (live) {
        setLoadError(e);
        setPhase('ready');
      }
    });
    return () => {
      live = false;
      setPin('');
    };
  }, [opened, api]);

  async function refreshStatus() {
    try {
      const status = await api.call('signing.tokenStatus', {});
      setLoaded((l) => (l ? { ...l, status } : l));
    } catch {
      // the state shown stays the last one read
    }
  }

  async function sign(confirmFinalTry: boolean) {
    if (!loaded) return;
    // The flags are read before login: the final try needs an explicit confirmation first.
    if (loaded.status.pinTriesState === 'final-try' && !confirmFinalTry) {
      setPhase('confirm-final');
      return;
    }
    const typed = pin;
    setPin('');
    setPinError(undefined);
    setError(undefined);
    setProgress(undefined);
    batchId.current = newBatchId();
    setPhase('signing');
    try {
      const res = await api.call('signing.signFiles', {
        batchId: batchId.current,
        mode: documents[0]?.mode ?? 'pades',
        files: documents.map((d) => ({ name: d.name, dataBase64: d.dataBase64, mode: d.mode })),
        pin: typed,
        confirmFinalTry,
      });
      const o = { results: res.results, cancelled: res.cancelled, signer: res.signer };
      setOutcome(o);
      setProgress((p) => p ?? { done: res.results.filter((r) => r.ok).length, total: documents.length, current: '' });
      setPhase('done');
      onSigned?.(o);
      void refreshStatus();
    } catch (e) {
      if (e instanceof AppError && e.code === 'PIN_FINAL_TRY_NEEDS_CONSENT') {
        setLoaded((l) => (l ? { ...l, status: { ...l.status, pinTriesState: 'final-try' } } : l));
        setPin(typed); // no login was made: the same PIN waits for the explicit confirmation
        setPhase('confirm-final');
        return;
      }
      if (e instanceof AppError && e.code === 'PIN_INCORRECT') {
        const data = e.data as ErrorData<'PIN_INCORRECT'> | undefined;
        if (data?.triesState) setLoaded((l) => (l ? { ...l, status: { ...l.status, pinTriesState: data.triesState } } : l));
        // Say how many tries remain, as far as the card tells (PKCS#11 flags, not a count).
        setPinError(t('signing.dialog.pinIncorrect', { tries: t(`signing.dialog.triesLeft.${data?.triesState ?? 'ok'}`) }));
      } else if (e instanceof AppError && e.code === 'PIN_LOCKED') {
        setLoaded((l) => (l ? { ...l, status: { ...l.status, pinTriesState: 'locked' } } : l));
        setError(errorText(t, e));
      } else {
        setError(errorText(t, e));
      }
      setPhase('ready');
      void refreshStatus();
      setTimeout(() => pinInput.current?.focus(), 0);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (phase === 'ready') void sign(false);
  }

  const busy = phase === 'signing';
  const state = loaded?.status.pinTriesState ?? 'ok';
  const locked = state === 'locked';
  const cardCf = loaded?.cert?.subject.codiceFiscale;
  const otherSigner = author !== undefined && cardCf !== undefined && cardCf.toUpperCase() !== author.codiceFiscale.toUpperCase();
  const canSign = phase === 'ready' && loaded !== undefined && !locked && documents.length > 0 && (pin.length > 0 || loaded.status.protectedAuthenticationPath) && (!otherSigner || otherSignerOk);
  const value = progress ? Math.round((progress.done / Math.max(progress.total, 1)) * 100) : 0;

  return (
    <AppModal opened={opened} onClose={onClose} locked={busy} title={t('signing.dialog.title')} size="lg">
      <form onSubmit={submit} aria-busy={busy}>
        <Stack gap="md">
          {phase === 'loading' && (
            <Group gap="xs" role="status">
              <Loader size="sm" />
              <Text>{t('signing.dialog.loading')}</Text>
            </Group>
          )}
          {phase === 'not-configured' && (
            <Alert color="orange" role="alert">
              <Stack gap="xs">
                <Text>{t('signing.page.notConfigured')}</Text>
                <Anchor href={routeHref({ name: 'settings', section: 'firma' })} onClick={onClose}>
                  {t('signing.page.openSettings')}
                </Anchor>
              </Stack>
            </Alert>
          )}
          {loadError !== undefined && (
            <Alert color="red" role="alert">
              {errorText(t, loadError)}
            </Alert>
          )}
          {loaded && phase !== 'loading' && (
            <Table variant="vertical" withTableBorder layout="fixed" data-testid="sign-token">
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th w={180}>{t('signing.dialog.token')}</Table.Th>
                  <Table.Td>
                    <Group gap="xs">
                      <Text>{loaded.tokenLabel}</Text>
                      <PinStateBadge state={state} />
                    </Group>
                  </Table.Td>
                </Table.Tr>
                {loaded.cert && (
                  <>
                    <Table.Tr>
                      <Table.Th>{t('signing.dialog.holder')}</Table.Th>
                      <Table.Td>{holderName(loaded.cert.subject)}</Table.Td>
                    </Table.Tr>
                    <Table.Tr>
                      <Table.Th>{t('signing.dialog.cf')}</Table.Th>
                      <Table.Td>{loaded.cert.subject.codiceFiscale ?? '—'}</Table.Td>
                    </Table.Tr>
                    <Table.Tr>
                      <Table.Th>{t('signing.dialog.expiry')}</Table.Th>
                      <Table.Td>{formatDate(loaded.cert.notAfter)}</Table.Td>
                    </Table.Tr>
                  </>
                )}
              </Table.Tbody>
            </Table>
          )}

          {otherSigner && phase !== 'done' && (
            <Alert color="orange" role="alert" title={t('signing.dialog.otherSignerTitle')} data-testid="other-signer">
              <Stack gap="xs">
                <Text size="sm">{t('signing.dialog.otherSigner', { card: cardCf, holder: loaded?.cert ? holderName(loaded.cert.subject) : '', author: author.name, authorCf: author.codiceFiscale })}</Text>
                <Checkbox label={t('signing.dialog.otherSignerConfirm')} checked={otherSignerOk} onChange={(e) => setOtherSignerOk(e.currentTarget.checked)} />
              </Stack>
            </Alert>
          )}

          <div>
            <Text fw={600} size="sm" id="sign-documents-label">
              {t('signing.dialog.documents', { count: documents.length })}
            </Text>
            <List size="sm" aria-labelledby="sign-documents-label" data-testid="sign-documents">
              {documents.map((d, i) => (
                <List.Item key={`${i}-${d.name}`}>
                  {d.name} <Text span c="dimmed" size="xs">({t(`signing.kind.${d.mode}`)})</Text>
                </List.Item>
              ))}
            </List>
          </div>

          {loaded && (phase === 'ready' || phase === 'confirm-final') && (
            <Stack gap="xs">
              <PinStateHelp state={state} />
              <PasswordInput
                ref={pinInput}
                label={t('signing.dialog.pinLabel')}
                description={t('signing.dialog.pinHint')}
                value={pin}
                onChange={(e) => setPin(e.currentTarget.value)}
                error={pinError}
                aria-invalid={pinError ? true : undefined}
                disabled={locked}
                autoComplete="off"
                spellCheck={false}
                data-autofocus
                autoFocus
                maxLength={64}
                data-testid="pin"
              />
              {loaded.sandboxPin && (
                <Text size="xs" c="dimmed">
                  {t('signing.dialog.sandboxPin', { pin: loaded.sandboxPin })}
                </Text>
              )}
            </Stack>
          )}

          {phase === 'confirm-final' && (
            <Alert color="red" role="alertdialog" title={t('signing.dialog.finalTryTitle')} aria-label={t('signing.dialog.finalTryTitle')}>
              <Stack gap="sm">
                <Text>{t('signing.dialog.finalTry')}</Text>
                <Group>
                  <Button color="red" onClick={() => void sign(true)} disabled={pin.length === 0 && !loaded?.status.protectedAuthenticationPath}>
                    {t('signing.dialog.finalTryConfirm')}
                  </Button>
                  <Button variant="default" onClick={() => { setPin(''); setPhase('ready'); }}>
                    {t('signing.dialog.cancel')}
                  </Button>
                </Group>
              </Stack>
            </Alert>
          )}

          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}

          {(phase === 'signing' || phase === 'done') && (
            <Stack gap={4}>
              <Progress value={phase === 'signing' && !progress ? 100 : value} animated={phase === 'signing'} striped={phase === 'signing' && !progress} aria-label={t('signing.dialog.progress', { done: progress?.done ?? 0, total: documents.length })} data-testid="sign-progress" />
              <Text size="sm" aria-live="polite" data-testid="sign-progress-text">
                {progress
                  ? progress.current && phase === 'signing'
                    ? t('signing.dialog.progressCurrent', progress)
                    : t('signing.dialog.progress', progress)
                  : t('signing.dialog.starting')}
              </Text>
            </Stack>
          )}

          {phase === 'done' && outcome && (
            <Stack gap="xs">
              <Text fw={600} role="status">
                {t('signing.dialog.summary', { ok: outcome.results.filter((r) => r.ok).length, total: outcome.results.length })}
                {' '}
                {t('signing.dialog.signedBy', { holder: holderName(outcome.signer.subject) })}
              </Text>
              {outcome.cancelled && <Alert color="orange">{t('signing.dialog.cancelledNote')}</Alert>}
              <Table data-testid="sign-results" aria-label={t('signing.dialog.resultsTitle')}>
                <Table.Tbody>
                  {outcome.results.map((r, i) => (
                    <Table.Tr key={`${i}-${r.name}`} data-ok={r.ok}>
                      <Table.Td>{r.name}</Table.Td>
                      <Table.Td>
                        {r.ok ? (
                          <Badge color="green">{t('signing.dialog.resultOk')}</Badge>
                        ) : (
                          <Text c="red.8" size="sm">
                            {errorText(t, r.error ? AppError.fromRpc(r.error as never) : undefined)}
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Stack>
          )}

          <Group justify="flex-end">
            {phase === 'signing' ? (
              <Button variant="default" onClick={() => void api.call('signing.cancel', { batchId: batchId.current })}>
                {t('signing.dialog.stop')}
              </Button>
            ) : (
              <Button variant="default" onClick={onClose}>
                {phase === 'done' ? t('signing.dialog.close') : t('signing.dialog.cancel')}
              </Button>
            )}
            {phase !== 'done' && phase !== 'not-configured' && (
              <Button type="submit" disabled={!canSign} loading={busy}>
                {t('signing.dialog.sign')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
