/**
 * The app's layers, innermost last: the page (PSS editor, Scheda paziente…) at the bottom, each
 * open window (entry editor, Firma, search, a "discard?" question) above it. Ctrl+S / Cmd+S and
 * Esc act on the innermost layer only (UX.md: every form saves with Ctrl+S, Esc backs out), so
 * saving an entry never also saves the page behind it and one Esc never closes two things.
 *
 * One keydown listener on window, in the capture phase (before any field, form or window
 * sees the key). Esc pressed in an open picker belongs to the picker: Mantine marks such a
 * field with data-mantine-stop-propagation while its list is open (a hidden listbox elsewhere
 * in the page does not count).
 */

export interface Layer {
  kind: 'page' | 'window';
  /** Ctrl+S / Cmd+S. A window without it swallows the key (nothing behind it saves). */
  onSave?: () => void;
  /** Esc. Without it, Esc does nothing on this layer (a window still swallows it). */
  onEscape?: () => void;
}

const stack: Array<{ id: number; layer: Layer }> = [];
let nextId = 1;
let installed = false;

function ownedByPicker(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  return target.getAttribute('data-mantine-stop-propagation') === 'true';
}

function onKeyDown(event: KeyboardEvent): void {
  const top = stack[stack.length - 1]?.layer;
  if (!top || event.isComposing) return;
  const save = (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's';
  if (save) {
    if (!top.onSave && top.kind === 'page') return;
    event.preventDefault();
    event.stopPropagation();
    top.onSave?.();
    return;
  }
  if (event.key === 'Escape' && !event.ctrlKey && !event.metaKey && !event.altKey) {
    if (ownedByPicker(event.target)) return;
    if (!top.onEscape && top.kind === 'page') return;
    event.preventDefault();
    event.stopPropagation();
    top.onEscape?.();
  }
}

/** Adds a layer on top; returns the function that removes it. */
export function pushLayer(layer: Layer): { update(layer: Layer): void; remove(): void } {
  if (!installed && typeof window !== 'undefined') {
    window.addEventListener('keydown', onKeyDown, { capture: true });
    installed = true;
  }
  const id = nextId++;
  stack.push({ id, layer });
  return {
    update(next) {
      const item = stack.find((s) => s.id === id);
      if (item) item.layer = next;
    },
    remove() {
      const i = stack.findIndex((s) => s.id === id);
      if (i >= 0) stack.splice(i, 1);
    },
  };
}

/** How many windows are open above the pages (tests, and pages that must not act while one is open). */
export function openWindows(): number {
  return stack.filter((s) => s.layer.kind === 'window').length;
}
