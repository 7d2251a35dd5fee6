import { createContext, useContext, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { Button, Group, Modal, Stack, Text, type ModalRootProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLayer } from './useLayer.ts';

const CloseContext = createContext<() => void>(() => undefined);

/** Inside an AppModal: close it as Esc would (asking first when it holds unsaved input), e.g. for an Annulla button. */
export function useCloseWindow(): () => void {
  return useContext(CloseContext);
}

const FIELD = 'input:not([type="hidden"]):not([disabled]), textarea:not([disabled]), select:not([disabled])';

/**
 * Every window of the app: a layer of its own (Ctrl+S saves this window's form, Esc closes
 * this window only: layer-stack.ts), focus on the first field when it opens (the close button
 * is named and never the first stop), and a window holding unsaved input asks before it is
 * discarded (Esc, ×, Annulla or a click outside). The header is not a <header>: inside a
 * dialog it would be a second banner landmark.
 */
export function AppModal(props: {
  opened: boolean;
  onClose(): void;
  title: ReactNode;
  children: ReactNode;
  /** Ctrl+S in this window. */
  onSave?: () => void;
  /** Unsaved input: closing asks first. */
  dirty?: boolean;
  /** While busy (signing), the window cannot be closed. */
  locked?: boolean;
  size?: ModalRootProps['size'];
  withCloseButton?: boolean;
  /** No opening animation: the first field holds the focus before the next key arrives (Ctrl+K then typing). */
  instant?: boolean;
  'data-testid'?: string;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const body = useRef<HTMLDivElement>(null);
  const requestClose = () => {
    if (props.locked) return;
    if (props.dirty) setAsking(true);
    else props.onClose();
  };
  useLayer('window', { onSave: props.onSave, onEscape: requestClose }, props.opened);

  // The focus trap focuses [data-autofocus] first: mark the window's first field (unless the
  // window chose one itself) before the trap looks, so typing goes where the doctor expects.
  useLayoutEffect(() => {
    if (!props.opened) return;
    const mark = () => {
      const root = body.current;
      if (!root || root.querySelector('[data-autofocus]')) return;
      root.querySelector<HTMLElement>(FIELD)?.setAttribute('data-autofocus', 'true');
    };
    mark();
    const timer = setTimeout(mark, 0);
    return () => clearTimeout(timer);
  });

  return (
    <>
      <Modal.Root opened={props.opened} onClose={requestClose} closeOnEscape={false} closeOnClickOutside={!props.locked} size={props.size ?? 'md'} transitionProps={{ duration: props.instant ? 0 : 120 }} data-testid={props['data-testid']}>
        <Modal.Overlay />
        <Modal.Content>
          <Modal.Header component="div">
            <Modal.Title>{props.title}</Modal.Title>
            {props.withCloseButton !== false && !props.locked && <Modal.CloseButton aria-label={t('layers.close')} />}
          </Modal.Header>
          <Modal.Body ref={body}>
            <CloseContext.Provider value={requestClose}>{props.children}</CloseContext.Provider>
          </Modal.Body>
        </Modal.Content>
      </Modal.Root>
      {asking && <DiscardQuestion onKeep={() => setAsking(false)} onDiscard={() => { setAsking(false); props.onClose(); }} />}
    </>
  );
}

/** "Discard the unsaved entry?": a layer above the window; Esc keeps editing. */
function DiscardQuestion({ onKeep, onDiscard }: { onKeep(): void; onDiscard(): void }) {
  const { t } = useTranslation();
  useLayer('window', { onEscape: onKeep, onSave: onKeep });
  return (
    <Modal.Root opened onClose={onKeep} closeOnEscape={false} size="sm" transitionProps={{ duration: 0 }} zIndex={400}>
      <Modal.Overlay />
      <Modal.Content aria-label={t('layers.discardTitle')}>
        <Modal.Header component="div">
          <Modal.Title>{t('layers.discardTitle')}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Stack gap="md">
            <Text size="sm">{t('layers.discardText')}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={onKeep} data-autofocus>{t('layers.keep')}</Button>
              <Button color="red" onClick={onDiscard}>{t('layers.discard')}</Button>
            </Group>
          </Stack>
        </Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}
