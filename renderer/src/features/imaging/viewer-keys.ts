/**
 * The viewer's keyboard: which key does what (commandFor) and the rows of the help sheet that
 * list them (IMAGING_SHORTCUT_DOCS, shown by app/ShortcutsHelp.tsx). Both are here, next to
 * each other, so that a key added to one is added to the other.
 */
import type { ShortcutDoc } from '../../app/shortcuts.ts';

export type ViewerCommand =
  | 'prev' | 'next' | 'first' | 'last'
  | 'levelUp' | 'levelDown' | 'widthUp' | 'widthDown'
  | 'file' | 'polmone' | 'osso' | 'addome' | 'encefalo' | 'auto'
  | 'invert' | 'rotateRight' | 'rotateLeft' | 'flipH' | 'flipV'
  | 'zoomIn' | 'zoomOut' | 'panLeft' | 'panRight' | 'panUp' | 'panDown' | 'reset'
  | 'toolWindow' | 'toolPan' | 'toolZoom' | 'toolMeasure' | 'clearLengths'
  | 'play' | 'metadata';

export const IMAGING_SHORTCUT_DOCS: ShortcutDoc[] = [
  { keys: [['↑'], ['↓'], ['key:pageUp'], ['key:pageDown']], label: 'imaging.shortcuts.scroll' },
  { keys: [['Home'], ['End']], label: 'imaging.shortcuts.firstLast' },
  { keys: [['Shift', '↑'], ['Shift', '↓']], label: 'imaging.shortcuts.level' },
  { keys: [['Shift', '←'], ['Shift', '→']], label: 'imaging.shortcuts.width' },
  { keys: [['1'], ['2'], ['3'], ['4'], ['5'], ['A']], label: 'imaging.shortcuts.presets' },
  { keys: [['I']], label: 'imaging.shortcuts.invert' },
  { keys: [['R'], ['Shift', 'R']], label: 'imaging.shortcuts.rotate' },
  { keys: [['H'], ['V']], label: 'imaging.shortcuts.flip' },
  { keys: [['+'], ['−']], label: 'imaging.shortcuts.zoom' },
  { keys: [['Ctrl', '←'], ['Ctrl', '→'], ['Ctrl', '↑'], ['Ctrl', '↓']], label: 'imaging.shortcuts.pan' },
  { keys: [['0']], label: 'imaging.shortcuts.reset' },
  { keys: [['W'], ['P'], ['Z']], label: 'imaging.shortcuts.tools' },
  { keys: [['M'], ['key:enter']], label: 'imaging.shortcuts.measure' },
  { keys: [['key:delete']], label: 'imaging.shortcuts.clearLengths' },
  { keys: [['key:space']], label: 'imaging.shortcuts.cine' },
  { keys: [['D']], label: 'imaging.shortcuts.metadata' },
  { keys: [['Esc']], label: 'imaging.shortcuts.close' },
];

/** The command of a key press in the viewer, or undefined (the key is left to the page). */
export function commandFor(e: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey'>): ViewerCommand | undefined {
  if (e.altKey) return undefined;
  const ctrl = e.ctrlKey || e.metaKey;
  if (ctrl) {
    return ({ ArrowLeft: 'panLeft', ArrowRight: 'panRight', ArrowUp: 'panUp', ArrowDown: 'panDown' } as const)[e.key as 'ArrowLeft'];
  }
  if (e.shiftKey) {
    const shifted = ({ ArrowUp: 'levelUp', ArrowDown: 'levelDown', ArrowRight: 'widthUp', ArrowLeft: 'widthDown', R: 'rotateLeft', r: 'rotateLeft', '+': 'zoomIn' } as const)[e.key as 'R'];
    if (shifted) return shifted;
  }
  switch (e.key) {
    case 'ArrowUp':
    case 'ArrowLeft':
    case 'PageUp':
      return 'prev';
    case 'ArrowDown':
    case 'ArrowRight':
    case 'PageDown':
      return 'next';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    case '1':
      return 'file';
    case '2':
      return 'polmone';
    case '3':
      return 'osso';
    case '4':
      return 'addome';
    case '5':
      return 'encefalo';
    case '0':
      return 'reset';
    case '+':
    case '=':
      return 'zoomIn';
    case '-':
      return 'zoomOut';
    case ' ':
      return 'play';
    case 'Delete':
      return 'clearLengths';
  }
  switch (e.key.toLowerCase()) {
    case 'a':
      return 'auto';
    case 'i':
      return 'invert';
    case 'r':
      return 'rotateRight';
    case 'h':
      return 'flipH';
    case 'v':
      return 'flipV';
    case 'w':
      return 'toolWindow';
    case 'p':
      return 'toolPan';
    case 'z':
      return 'toolZoom';
    case 'm':
      return 'toolMeasure';
    case 'd':
      return 'metadata';
  }
  return undefined;
}
