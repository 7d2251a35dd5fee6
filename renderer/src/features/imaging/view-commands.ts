/**
 * A viewer command (viewer-keys.ts, the toolbar) applied to the view state: one place, so a
 * key and its button always do the same. `imageSize` is the frame on screen, in pixels.
 */
import { adjustWindow, chooseTool, choosePreset, clearLengths, flip, goTo, moveCursor, panBy, resetGeometry, rotate, step, windowStep, zoomBy, type ViewState } from './view-state.ts';
import type { ViewerCommand } from './viewer-keys.ts';

/** Screen pixels a pan key moves the image; the zoom factor of one key press. */
const PAN_STEP = 40;
const ZOOM_STEP = 1.25;

export function runCommand(s: ViewState, command: Exclude<ViewerCommand, 'metadata'>, imageSize?: { width: number; height: number }): ViewState {
  switch (command) {
    case 'prev':
      return step(s, -1);
    case 'next':
      return step(s, 1);
    case 'first':
      return goTo(s, 0);
    case 'last':
      return goTo(s, s.count - 1);
    case 'levelUp':
      return adjustWindow(s, windowStep(s) * 10, 0);
    case 'levelDown':
      return adjustWindow(s, -windowStep(s) * 10, 0);
    case 'widthUp':
      return adjustWindow(s, 0, windowStep(s) * 10);
    case 'widthDown':
      return adjustWindow(s, 0, -windowStep(s) * 10);
    case 'file':
    case 'auto':
    case 'polmone':
    case 'osso':
    case 'addome':
    case 'encefalo':
      return choosePreset(s, command);
    case 'invert':
      return { ...s, invert: !s.invert };
    case 'rotateRight':
      return rotate(s, 1);
    case 'rotateLeft':
      return rotate(s, -1);
    case 'flipH':
      return flip(s, 'h');
    case 'flipV':
      return flip(s, 'v');
    case 'zoomIn':
      return zoomBy(s, ZOOM_STEP);
    case 'zoomOut':
      return zoomBy(s, 1 / ZOOM_STEP);
    case 'panLeft':
      return panBy(s, -PAN_STEP, 0);
    case 'panRight':
      return panBy(s, PAN_STEP, 0);
    case 'panUp':
      return panBy(s, 0, -PAN_STEP);
    case 'panDown':
      return panBy(s, 0, PAN_STEP);
    case 'reset':
      return resetGeometry(s);
    case 'toolWindow':
      return chooseTool(s, 'window');
    case 'toolPan':
      return chooseTool(s, 'pan');
    case 'toolZoom':
      return chooseTool(s, 'zoom');
    case 'toolMeasure':
      return chooseTool(s, s.tool === 'measure' ? 'window' : 'measure', imageSize);
    case 'clearLengths':
      return clearLengths(s);
    case 'play':
      return s.count > 1 ? { ...s, playing: !s.playing } : s;
  }
}

/**
 * While measuring, the arrows move the measuring cursor (a hundredth of the image per press,
 * Shift for single pixels) instead of scrolling the stack.
 */
export function measureArrow(s: ViewState, key: string, shift: boolean, imageSize: { width: number; height: number }): ViewState | undefined {
  if (s.tool !== 'measure') return undefined;
  const d = shift ? 1 : Math.max(1, Math.round(Math.max(imageSize.width, imageSize.height) / 100));
  const move = ({ ArrowLeft: [-d, 0], ArrowRight: [d, 0], ArrowUp: [0, -d], ArrowDown: [0, d] } as Record<string, [number, number]>)[key];
  return move ? moveCursor(s, move[0], move[1], imageSize) : undefined;
}
