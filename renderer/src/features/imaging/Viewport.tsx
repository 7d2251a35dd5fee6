import { useCallback, useEffect, useLayoutEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import { Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { measureLength, type ImagePoint } from '../../../../shared/dicom/render/measure.ts';
import type { DicomMetadata } from '../../../../shared/dicom/metadata.ts';
import { errorText } from '../../platform/error-text.ts';
import { formatDate } from '../patients/format.ts';
import { formatNumber, personText } from './format.ts';
import { adjustWindow, dragLength, finishLength, panBy, startLength, step, windowStep, zoomBy, type ViewState } from './view-state.ts';
import { apply, imageToViewport, invert, type Matrix } from './view-transform.ts';
import type { DicomWorkerClient } from './worker-client.ts';
import type { Opened, RenderedFrame } from './worker-protocol.ts';
import type { StackItem } from './series-stack.ts';

interface Props {
  worker: DicomWorkerClient;
  stack: readonly StackItem[];
  opened: ReadonlyMap<string, Opened>;
  failed: ReadonlyMap<string, unknown>;
  view: ViewState;
  setView: Dispatch<SetStateAction<ViewState>>;
  /** What the overlay names: the series as the study lists it. */
  seriesLabel: string;
}

type Drag = { kind: 'window' | 'pan' | 'zoom'; x: number; y: number } | { kind: 'measure' };

/**
 * The image on screen: asks the worker for the current frame (the latest wish wins while one
 * is being rendered), draws it with the view's geometry, and takes the mouse: drag to change
 * the window (or pan, zoom, measure, by tool; Shift pans, Ctrl zooms), wheel to scroll the stack.
 * Text in the corners says whose image it is, where in the stack and with which window.
 */
export function Viewport({ worker, stack, opened, failed, view, setView, seriesLabel }: Props) {
  const { t, i18n } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const bitmap = useRef<HTMLCanvasElement | null>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const [frame, setFrame] = useState<{ item: StackItem; width: number; height: number } | undefined>();
  const [renderError, setRenderError] = useState<unknown>();
  const drag = useRef<Drag | undefined>(undefined);
  const inflight = useRef(false);
  const wanted = useRef<string>('');

  const item = stack[view.index];
  const file = item ? opened.get(item.key) : undefined;
  const metadata: DicomMetadata | undefined = file?.metadata;
  const image = metadata?.image;

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => {
      const r = entry!.contentRect;
      setSize({ width: Math.floor(r.width), height: Math.floor(r.height) });
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const matrix: Matrix | undefined = frame && size.width > 0 ? imageToViewport(size, frame, view) : undefined;

  // Draw the last frame with the current geometry (no worker round trip for zoom, pan, rotation).
  useEffect(() => {
    const c = canvas.current;
    const src = bitmap.current;
    if (!c || !src || !matrix) return;
    const dpr = window.devicePixelRatio || 1;
    c.width = Math.round(size.width * dpr);
    c.height = Math.round(size.height * dpr);
    const ctx = c.getContext('2d')!;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, c.width, c.height);
    ctx.setTransform(dpr * matrix[0], dpr * matrix[1], dpr * matrix[2], dpr * matrix[3], dpr * matrix[4], dpr * matrix[5]);
    // Small images enlarged a lot keep their pixels visible rather than blurred into a gradient.
    ctx.imageSmoothingEnabled = Math.abs(matrix[0]) + Math.abs(matrix[1]) < 4;
    ctx.drawImage(src, 0, 0);
  });

  const draw = useCallback((r: RenderedFrame, it: StackItem) => {
    let src = bitmap.current;
    if (!src) src = bitmap.current = document.createElement('canvas');
    src.width = r.width;
    src.height = r.height;
    src.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(r.rgba.buffer as ArrayBuffer, r.rgba.byteOffset, r.rgba.length), r.width, r.height), 0, 0);
    setFrame({ item: it, width: r.width, height: r.height });
    setView((s) => (r.voi && s.applied !== r.voi ? { ...s, applied: r.voi } : s));
  }, [setView]);

  // Ask the worker for the wanted frame; while one renders, only the latest wish is kept.
  const request = useCallback(() => {
    if (inflight.current || !item || !image) return;
    const it = item;
    const key = `${it.key}#${it.frame}#${JSON.stringify(view.voi)}#${view.invert}`;
    if (key === wanted.current) return;
    wanted.current = key;
    inflight.current = true;
    worker
      .render(it.key, it.frame, { voi: view.voi, invert: view.invert })
      .then(
        (r) => {
          setRenderError(undefined);
          draw(r, it);
        },
        (e: unknown) => setRenderError(e),
      )
      .finally(() => {
        inflight.current = false;
        setTick((n) => n + 1);
      });
  }, [item, image, view.voi, view.invert, worker, draw]);
  const [tick, setTick] = useState(0);
  useEffect(request, [request, tick]);

  // Decode the neighbours ahead, so that scrolling on does not wait for a codec.
  useEffect(() => {
    for (const d of [1, 2, -1]) {
      const n = stack[view.index + d];
      if (n && opened.get(n.key)?.metadata.image) void worker.prefetch(n.key, n.frame).catch(() => undefined);
    }
  }, [view.index, stack, opened, worker]);

  const toImage = (e: { clientX: number; clientY: number }): ImagePoint | undefined => {
    if (!matrix || !box.current) return undefined;
    const r = box.current.getBoundingClientRect();
    return apply(invert(matrix), { x: e.clientX - r.left, y: e.clientY - r.top });
  };

  const onPointerDown = (e: React.PointerEvent) => {
    if (e.button !== 0 || !frame) return;
    box.current?.focus();
    (e.target as Element).setPointerCapture?.(e.pointerId);
    const kind = e.shiftKey ? 'pan' : e.ctrlKey || e.metaKey ? 'zoom' : view.tool;
    if (kind === 'measure') {
      const at = toImage(e);
      if (!at) return;
      drag.current = { kind: 'measure' };
      setView((s) => startLength(s, at));
    } else drag.current = { kind, x: e.clientX, y: e.clientY };
  };

  const onPointerMove = (e: React.PointerEvent) => {
    const d = drag.current;
    if (!d) return;
    if (d.kind === 'measure') {
      const at = toImage(e);
      if (at) setView((s) => dragLength(s, at));
      return;
    }
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    d.x = e.clientX;
    d.y = e.clientY;
    if (d.kind === 'window') setView((s) => adjustWindow(s, -dy * windowStep(s), dx * windowStep(s)));
    else if (d.kind === 'pan') setView((s) => panBy(s, dx, dy));
    else setView((s) => zoomBy(s, Math.exp(-dy / 150)));
  };

  const onPointerUp = () => {
    if (drag.current?.kind === 'measure') setView(finishLength);
    drag.current = undefined;
  };

  const onWheel = (e: React.WheelEvent) => {
    if (e.ctrlKey || e.metaKey) setView((s) => zoomBy(s, Math.exp(-e.deltaY / 300)));
    else if (e.deltaY !== 0) setView((s) => step(s, Math.sign(e.deltaY)));
  };

  const lang = i18n.language;
  const num = (v: number, digits = 1) => formatNumber(v, lang, digits);
  const spacing = image?.spacing;
  const lengths = [...view.measurements.filter((m) => m.index === view.index), ...(view.draft ? [{ ...view.draft, index: view.index }] : [])];
  const lengthText = (a: ImagePoint, b: ImagePoint) => {
    const l = measureLength(a, b, spacing);
    if (l.mm === undefined) return t('imaging.viewer.lengthPixels', { value: num(l.pixels, 0) });
    return t(l.plane === 'detector' ? 'imaging.viewer.lengthDetector' : 'imaging.viewer.lengthMm', { value: num(l.mm) });
  };
  const applied = view.applied;
  const wl = !image || image.samplesPerPixel > 1 ? '' : applied?.kind === 'window' ? t('imaging.viewer.window', { center: num(applied.center, 0), width: num(applied.width, 0) }) : applied?.kind === 'lut' ? t('imaging.viewer.windowLut') : '';
  const position = image?.sliceLocation ?? image?.imagePosition?.[2];
  const error = item ? failed.get(item.key) ?? renderError : undefined;
  const cursor = view.tool === 'measure' && view.cursor && matrix ? apply(matrix, view.cursor) : undefined;

  return (
    <div
      ref={box}
      className="imaging-viewport"
      data-testid="imaging-viewport"
      data-drawn-index={frame && frame.item === item ? view.index : -1}
      tabIndex={0}
      role="application"
      aria-roledescription={t('imaging.viewer.roleDescription')}
      aria-label={t('imaging.viewer.label', { series: seriesLabel, index: view.index + 1, count: stack.length })}
      aria-describedby="imaging-viewport-help"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onWheel={onWheel}
      onContextMenu={(e) => e.preventDefault()}
      style={{ position: 'relative', flex: 1, minHeight: 0, background: '#000', overflow: 'hidden', touchAction: 'none', cursor: view.tool === 'measure' ? 'crosshair' : view.tool === 'pan' ? 'grab' : 'default' }}
    >
      <canvas ref={canvas} aria-hidden="true" style={{ position: 'absolute', inset: 0, width: size.width, height: size.height }} />
      <p id="imaging-viewport-help" hidden>
        {t('imaging.viewer.help')}
      </p>
      {matrix && (
        <svg aria-hidden="true" width={size.width} height={size.height} style={{ position: 'absolute', inset: 0, pointerEvents: 'none' }}>
          {lengths.map((m, k) => {
            const a = apply(matrix, m.a);
            const b = apply(matrix, m.b);
            return (
              <g key={k}>
                <line x1={a.x} y1={a.y} x2={b.x} y2={b.y} stroke="#000" strokeWidth={4} />
                <line x1={a.x} y1={a.y} x2={b.x} y2={b.y} stroke="#ffd43b" strokeWidth={2} />
                <circle cx={a.x} cy={a.y} r={3} fill="#ffd43b" />
                <circle cx={b.x} cy={b.y} r={3} fill="#ffd43b" />
              </g>
            );
          })}
          {cursor && (
            <g stroke="#4dabf7" strokeWidth={1.5}>
              <line x1={cursor.x - 10} y1={cursor.y} x2={cursor.x + 10} y2={cursor.y} />
              <line x1={cursor.x} y1={cursor.y - 10} x2={cursor.x} y2={cursor.y + 10} />
            </g>
          )}
        </svg>
      )}
      {matrix &&
        lengths.map((m, k) => {
          const b = apply(matrix, m.b);
          return (
            <span key={k} className="imaging-length" data-testid="imaging-length" style={{ position: 'absolute', left: b.x + 8, top: b.y - 10 }}>
              {lengthText(m.a, m.b)}
            </span>
          );
        })}
      {metadata && (
        <>
          <div className="imaging-overlay" style={{ top: 8, left: 8 }} data-testid="imaging-overlay-patient">
            <div>{personText(metadata.patient.name)}</div>
            {metadata.patient.id && <div>{t('imaging.viewer.patientId', { id: metadata.patient.id })}</div>}
            {metadata.patient.birthDate && <div>{t('imaging.viewer.born', { date: formatDate(metadata.patient.birthDate) })}</div>}
          </div>
          <div className="imaging-overlay" style={{ top: 8, right: 8, textAlign: 'right' }} data-testid="imaging-overlay-study">
            {metadata.study.date && <div>{formatDate(metadata.study.date)}</div>}
            {metadata.study.description && <div>{metadata.study.description}</div>}
            <div>{seriesLabel}</div>
          </div>
          <div className="imaging-overlay" style={{ bottom: 8, left: 8 }}>
            <div data-testid="imaging-position">
              {t('imaging.viewer.position', { index: view.index + 1, count: stack.length })}
              {item && item.frames > 1 && ` · ${t('imaging.viewer.frame', { frame: item.frame + 1, frames: item.frames })}`}
            </div>
            {position !== undefined && <div>{t('imaging.viewer.slicePosition', { value: num(position) })}</div>}
            {image?.sliceThickness !== undefined && <div>{t('imaging.viewer.thickness', { value: num(image.sliceThickness) })}</div>}
          </div>
          <div className="imaging-overlay" style={{ bottom: 8, right: 8, textAlign: 'right' }}>
            {wl && <div data-testid="imaging-wl">{wl}</div>}
            <div>{t('imaging.viewer.zoom', { value: num(view.zoom * 100, 0) })}</div>
            {(view.invert || view.rotation !== 0 || view.flipH || view.flipV) && (
              <div>{[view.invert && t('imaging.viewer.inverted'), view.rotation !== 0 && `${view.rotation}°`, view.flipH && t('imaging.viewer.flippedH'), view.flipV && t('imaging.viewer.flippedV')].filter(Boolean).join(' · ')}</div>
            )}
            {image?.lossyCompression && <div>{t('imaging.viewer.lossy')}</div>}
            {spacing?.source === 'ImagerPixelSpacing' && <div>{t('imaging.viewer.detectorSpacing')}</div>}
          </div>
        </>
      )}
      {(!frame || frame.item !== item) && !error && item && (
        <Loader color="gray" role="status" aria-label={t('imaging.viewer.loading')} style={{ position: 'absolute', top: '50%', left: '50%' }} />
      )}
      {error !== undefined && (
        <Text role="alert" className="imaging-error" c="white" bg="red.9" p="sm" style={{ position: 'absolute', top: '40%', left: '10%', right: '10%', textAlign: 'center', borderRadius: 4 }}>
          {errorText(t, error)}
        </Text>
      )}
    </div>
  );
}
