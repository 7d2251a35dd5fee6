/**
 * What the doctor has done to the image on screen: which image of the stack, the window
 * (the file's own first, a preset, the frame's range, or dragged), invert, geometry (zoom,
 * pan, rotation, flips), the tool, the lengths measured, the cine. Pure: one function per
 * action, so the keyboard, the mouse and the toolbar change it the same way.
 */
import { WINDOW_PRESETS, type Voi, type WindowPreset } from '../../../../shared/dicom/render/voi.ts';
import type { ImagePoint } from '../../../../shared/dicom/render/measure.ts';
import type { Geometry } from './view-transform.ts';
import type { VoiRequest } from './worker-protocol.ts';

export type Tool = 'window' | 'pan' | 'zoom' | 'measure';
export type WindowChoice = 'file' | 'auto' | WindowPreset | 'custom';

export interface Measurement {
  /** The image of the stack it was drawn on. */
  index: number;
  a: ImagePoint;
  b: ImagePoint;
}

export interface ViewState extends Geometry {
  index: number;
  count: number;
  window: WindowChoice;
  /** The window asked of the worker. */
  voi: VoiRequest;
  /** The window the last frame was drawn with (the worker's answer), the base of a drag. */
  applied?: Voi;
  invert: boolean;
  tool: Tool;
  measurements: Measurement[];
  /** A length being drawn (mouse: from the press; keyboard: first point fixed with Enter). */
  draft?: { a: ImagePoint; b: ImagePoint };
  /** The keyboard's measuring cursor, in image pixels. */
  cursor?: ImagePoint;
  playing: boolean;
}

export const ZOOM_MIN = 0.1;
export const ZOOM_MAX = 32;

export function initialView(count: number): ViewState {
  return {
    index: 0,
    count,
    window: 'file',
    voi: 'file',
    invert: false,
    zoom: 1,
    pan: { x: 0, y: 0 },
    rotation: 0,
    flipH: false,
    flipV: false,
    tool: 'window',
    measurements: [],
    playing: false,
  };
}

export function goTo(s: ViewState, index: number): ViewState {
  const i = Math.max(0, Math.min(s.count - 1, index));
  return i === s.index ? s : { ...s, index: i, draft: undefined };
}

/** The next image, wrapping round when the cine plays. */
export function step(s: ViewState, delta: number, wrap = false): ViewState {
  if (wrap && s.count > 0) return goTo(s, (((s.index + delta) % s.count) + s.count) % s.count);
  return goTo(s, s.index + delta);
}

export function choosePreset(s: ViewState, choice: Exclude<WindowChoice, 'custom'>): ViewState {
  if (choice === 'file' || choice === 'auto') return { ...s, window: choice, voi: choice };
  const p = WINDOW_PRESETS[choice];
  return { ...s, window: choice, voi: { kind: 'window', center: p.center, width: p.width, fn: 'LINEAR' } };
}

/** The window to change: the one on screen, or for a file's VOI LUT a window over its output. */
function baseWindow(s: ViewState): { center: number; width: number } {
  if (typeof s.voi === 'object' && s.voi.kind === 'window') return s.voi;
  if (s.applied?.kind === 'window') return s.applied;
  return { center: 128, width: 256 };
}

/** Window centre and width changed by the given amounts (width at least 1, PS3.3 C.11.2.1.2). */
export function adjustWindow(s: ViewState, dCenter: number, dWidth: number): ViewState {
  const w = baseWindow(s);
  return { ...s, window: 'custom', voi: { kind: 'window', center: w.center + dCenter, width: Math.max(1, w.width + dWidth), fn: 'LINEAR' } };
}

/** How much one screen pixel of drag (or one key press) moves the window: finer for narrow windows. */
export function windowStep(s: ViewState): number {
  return Math.max(1, baseWindow(s).width / 100);
}

export function zoomBy(s: ViewState, factor: number): ViewState {
  return { ...s, zoom: Math.max(ZOOM_MIN, Math.min(ZOOM_MAX, s.zoom * factor)) };
}

export function panBy(s: ViewState, dx: number, dy: number): ViewState {
  return { ...s, pan: { x: s.pan.x + dx, y: s.pan.y + dy } };
}

export function rotate(s: ViewState, quarterTurns: number): ViewState {
  return { ...s, rotation: ((((s.rotation / 90 + quarterTurns) % 4) + 4) % 4 * 90) as Geometry['rotation'] };
}

export function flip(s: ViewState, axis: 'h' | 'v'): ViewState {
  return axis === 'h' ? { ...s, flipH: !s.flipH } : { ...s, flipV: !s.flipV };
}

export function resetGeometry(s: ViewState): ViewState {
  return { ...s, zoom: 1, pan: { x: 0, y: 0 }, rotation: 0, flipH: false, flipV: false };
}

export function chooseTool(s: ViewState, tool: Tool, imageSize?: { width: number; height: number }): ViewState {
  if (tool !== 'measure') return { ...s, tool, draft: undefined, cursor: undefined };
  return { ...s, tool, cursor: s.cursor ?? (imageSize ? { x: imageSize.width / 2, y: imageSize.height / 2 } : undefined) };
}

/** Keyboard measuring: moves the cursor (and the open end of a length being drawn). */
export function moveCursor(s: ViewState, dx: number, dy: number, imageSize: { width: number; height: number }): ViewState {
  const c = s.cursor ?? { x: imageSize.width / 2, y: imageSize.height / 2 };
  const cursor = { x: Math.max(0, Math.min(imageSize.width, c.x + dx)), y: Math.max(0, Math.min(imageSize.height, c.y + dy)) };
  return { ...s, cursor, ...(s.draft ? { draft: { a: s.draft.a, b: cursor } } : {}) };
}

/** Enter in measuring: the first press fixes one end at the cursor, the second the other. */
export function fixPoint(s: ViewState): ViewState {
  if (!s.cursor) return s;
  if (!s.draft) return { ...s, draft: { a: s.cursor, b: s.cursor } };
  return finishLength({ ...s, draft: { a: s.draft.a, b: s.cursor } });
}

export function startLength(s: ViewState, at: ImagePoint): ViewState {
  return { ...s, draft: { a: at, b: at } };
}

export function dragLength(s: ViewState, to: ImagePoint): ViewState {
  return s.draft ? { ...s, draft: { a: s.draft.a, b: to } } : s;
}

/** Keeps the length being drawn, unless it has no length at all (a click). */
export function finishLength(s: ViewState): ViewState {
  const d = s.draft;
  if (!d) return s;
  const keep = Math.hypot(d.b.x - d.a.x, d.b.y - d.a.y) > 0.5;
  return { ...s, draft: undefined, measurements: keep ? [...s.measurements, { index: s.index, a: d.a, b: d.b }] : s.measurements };
}

export function clearLengths(s: ViewState): ViewState {
  return { ...s, draft: undefined, measurements: s.measurements.filter((m) => m.index !== s.index) };
}
