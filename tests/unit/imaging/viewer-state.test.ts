/**
 * The viewer's pure parts: the image-to-screen matrix and its inverse (a length is measured in
 * image pixels whatever the zoom, rotation and flips), the view state's actions, the keyboard
 * map and every key listed in the help sheet doing something.
 */
import { describe, expect, it } from 'vitest';
import { WINDOW_PRESETS } from '../../../shared/dicom/render/voi.ts';
import { measureArrow, runCommand } from '../../../renderer/src/features/imaging/view-commands.ts';
import { adjustWindow, fixPoint, initialView, step, type ViewState } from '../../../renderer/src/features/imaging/view-state.ts';
import { apply, imageToViewport, invert, type Geometry } from '../../../renderer/src/features/imaging/view-transform.ts';
import { commandFor, IMAGING_SHORTCUT_DOCS, type ViewerCommand } from '../../../renderer/src/features/imaging/viewer-keys.ts';
import { seriesStack } from '../../../renderer/src/features/imaging/series-stack.ts';

const VIEWPORT = { width: 800, height: 600 };
const IMAGE = { width: 512, height: 256 };
const key = (k: string, mods: Partial<Record<'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey', boolean>> = {}) => ({ key: k, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe('view-transform', () => {
  const geometries: Geometry[] = [];
  for (const rotation of [0, 90, 180, 270] as const)
    for (const flipH of [false, true]) geometries.push({ zoom: 1.7, pan: { x: 13, y: -29 }, rotation, flipH, flipV: !flipH });

  it.each(geometries)('the image centre lands at the viewport centre plus the pan, and the inverse maps back (%o)', (g) => {
    const m = imageToViewport(VIEWPORT, IMAGE, g);
    expect(apply(m, { x: 256, y: 128 })).toEqual({ x: 400 + 13, y: 300 - 29 });
    const p = { x: 37.25, y: 201.5 };
    const back = apply(invert(m), apply(m, p));
    expect(back.x).toBeCloseTo(p.x, 9);
    expect(back.y).toBeCloseTo(p.y, 9);
  });

  it('fits the image (wide image: width-bound unrotated, height-bound on its side) and zoom scales it', () => {
    const flat = { zoom: 1, pan: { x: 0, y: 0 }, rotation: 0, flipH: false, flipV: false } as const;
    expect(imageToViewport(VIEWPORT, IMAGE, flat)[0]).toBeCloseTo(800 / 512);
    expect(Math.abs(imageToViewport(VIEWPORT, IMAGE, { ...flat, rotation: 90 })[1])).toBeCloseTo(600 / 512);
    expect(imageToViewport(VIEWPORT, IMAGE, { ...flat, zoom: 2 })[0]).toBeCloseTo((2 * 800) / 512);
    // Mirrored: the left edge of the image goes to the right.
    expect(apply(imageToViewport(VIEWPORT, IMAGE, { ...flat, flipH: true }), { x: 0, y: 128 }).x).toBeCloseTo(800);
  });
});

describe('view state and commands', () => {
  it('scrolls within the stack, wraps only for the cine', () => {
    let s = initialView(3);
    s = runCommand(runCommand(runCommand(s, 'next'), 'next'), 'next');
    expect(s.index).toBe(2);
    expect(runCommand(s, 'first').index).toBe(0);
    expect(step(s, 1, true).index).toBe(0);
    expect(runCommand(initialView(3), 'prev').index).toBe(0);
    expect(runCommand(initialView(3), 'last').index).toBe(2);
    expect(runCommand(initialView(1), 'play').playing).toBe(false);
    expect(runCommand(initialView(2), 'play').playing).toBe(true);
  });

  it('presets are the named windows; keys change a window from the one drawn; width never below 1', () => {
    const s = runCommand(initialView(1), 'polmone');
    expect(s.voi).toEqual({ kind: 'window', ...WINDOW_PRESETS.polmone, fn: 'LINEAR' });
    const up = runCommand(s, 'levelUp');
    expect(up.window).toBe('custom');
    expect(typeof up.voi === 'object' && up.voi.kind === 'window' && up.voi.center).toBeGreaterThan(WINDOW_PRESETS.polmone.center);
    // From the file's own window as the worker applied it.
    const applied: ViewState = { ...initialView(1), applied: { kind: 'window', center: 40, width: 400, fn: 'LINEAR' } };
    expect(runCommand(applied, 'widthDown').voi).toEqual({ kind: 'window', center: 40, width: 360, fn: 'LINEAR' });
    expect(adjustWindow(applied, 0, -10_000).voi).toMatchObject({ width: 1 });
    expect(runCommand(up, 'file').voi).toBe('file');
  });

  it('measures with the keyboard: M, arrows move the cursor, Enter fixes each end', () => {
    const size = { width: 200, height: 100 };
    let s = runCommand(initialView(1), 'toolMeasure', size);
    expect(s.cursor).toEqual({ x: 100, y: 50 });
    s = fixPoint(s);
    for (let i = 0; i < 5; i++) s = measureArrow(s, 'ArrowRight', false, size)!;
    s = measureArrow(s, 'ArrowDown', true, size)!;
    s = fixPoint(s);
    expect(s.measurements).toEqual([{ index: 0, a: { x: 100, y: 50 }, b: { x: 110, y: 51 } }]);
    expect(measureArrow(runCommand(s, 'toolMeasure'), 'ArrowRight', false, size)).toBeUndefined();
    expect(runCommand(s, 'clearLengths').measurements).toEqual([]);
  });

  it('rotations and flips compose and come back', () => {
    let s = initialView(1);
    for (let i = 0; i < 3; i++) s = runCommand(s, 'rotateRight');
    expect(s.rotation).toBe(270);
    expect(runCommand(s, 'rotateRight').rotation).toBe(0);
    expect(runCommand(initialView(1), 'rotateLeft').rotation).toBe(270);
    expect(runCommand(runCommand(s, 'flipH'), 'reset')).toMatchObject({ rotation: 0, flipH: false, zoom: 1 });
  });
});

describe('viewer keys', () => {
  it('maps the keys the help sheet lists', () => {
    const cases: [ReturnType<typeof key>, ViewerCommand][] = [
      [key('ArrowDown'), 'next'], [key('PageUp'), 'prev'], [key('Home'), 'first'], [key('End'), 'last'],
      [key('ArrowUp', { shiftKey: true }), 'levelUp'], [key('ArrowRight', { shiftKey: true }), 'widthUp'],
      [key('2'), 'polmone'], [key('3'), 'osso'], [key('4'), 'addome'], [key('5'), 'encefalo'], [key('1'), 'file'], [key('A'), 'auto'],
      [key('i'), 'invert'], [key('R', { shiftKey: true }), 'rotateLeft'], [key('r'), 'rotateRight'], [key('h'), 'flipH'], [key('v'), 'flipV'],
      [key('+'), 'zoomIn'], [key('-'), 'zoomOut'], [key('ArrowLeft', { ctrlKey: true }), 'panLeft'], [key('0'), 'reset'],
      [key('w'), 'toolWindow'], [key('p'), 'toolPan'], [key('z'), 'toolZoom'], [key('m'), 'toolMeasure'], [key('Delete'), 'clearLengths'],
      [key(' '), 'play'], [key('d'), 'metadata'],
    ];
    for (const [e, command] of cases) expect(commandFor(e), e.key).toBe(command);
    expect(commandFor(key('F1'))).toBeUndefined();
    expect(commandFor(key('m', { altKey: true }))).toBeUndefined();
    expect(new Set(IMAGING_SHORTCUT_DOCS.map((d) => d.label)).size).toBe(IMAGING_SHORTCUT_DOCS.length);
  });
});

describe('series stack', () => {
  it('every frame of every image instance, in the series order; objects without images left out', () => {
    const entry = (sop: string, kind: 'image' | 'sr', frames: number) => ({ sopInstanceUid: sop, sopClassUid: '1.2', kind, frames, transferSyntax: '1.2.840.10008.1.2.1', size: 1 });
    const stack = seriesStack({ instances: [entry('a', 'image', 1), entry('sr', 'sr', 0), entry('b', 'image', 3)] });
    expect(stack.map((s) => `${s.key}#${s.frame}`)).toEqual(['a#0', 'b#0', 'b#1', 'b#2']);
  });
});
