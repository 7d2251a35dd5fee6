import { useEffect, useRef } from 'react';
import { pushLayer, type Layer } from './layer-stack.ts';

/**
 * Puts a layer on the stack while `active` (a page while mounted, a window while open). The
 * handlers are read at key time, so they always see the component's current state.
 */
export function useLayer(kind: Layer['kind'], handlers: { onSave?: (() => void) | undefined; onEscape?: (() => void) | undefined }, active = true): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    if (!active) return;
    const layer = pushLayer({
      kind,
      ...(handlers.onSave ? { onSave: () => ref.current.onSave?.() } : {}),
      ...(handlers.onEscape ? { onEscape: () => ref.current.onEscape?.() } : {}),
    });
    return () => layer.remove();
    // Whether a handler exists is fixed per use; what it does is read through the ref.
  }, [kind, active, Boolean(handlers.onSave), Boolean(handlers.onEscape)]);
}

/** A page's Ctrl+S and Esc (the bottom layer). */
export function usePageKeys(handlers: { onSave?: () => void; onEscape?: () => void }): void {
  useLayer('page', handlers);
}
