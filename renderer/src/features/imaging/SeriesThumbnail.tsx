import { useEffect, useRef, useState } from 'react';
import type { DicomWorkerClient } from './worker-client.ts';
import type { Opened } from './worker-protocol.ts';

const SIZE = 64;

/**
 * A series' middle image, small, drawn by the decoding worker (box-filtered to 64 px) once its
 * file is open; nothing while it is not, or when it cannot be drawn (the list says why).
 */
export function SeriesThumbnail({ worker, sopInstanceUid, opened }: { worker: DicomWorkerClient; sopInstanceUid: string | undefined; opened: Opened | undefined }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [drawn, setDrawn] = useState(false);
  const image = opened?.metadata.image;
  useEffect(() => {
    if (!sopInstanceUid || !image) return;
    let live = true;
    worker.render(sopInstanceUid, 0, { maxSize: SIZE }).then(
      (r) => {
        const c = canvas.current;
        if (!live || !c) return;
        c.width = r.width;
        c.height = r.height;
        c.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(r.rgba.buffer as ArrayBuffer, r.rgba.byteOffset, r.rgba.length), r.width, r.height), 0, 0);
        setDrawn(true);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [worker, sopInstanceUid, image]);
  return (
    <div aria-hidden="true" style={{ width: SIZE, height: SIZE, flexShrink: 0, background: '#000', display: 'flex', alignItems: 'center', justifyContent: 'center', borderRadius: 3 }}>
      <canvas ref={canvas} data-testid="imaging-thumbnail" data-drawn={drawn} style={{ maxWidth: SIZE, maxHeight: SIZE, visibility: drawn ? 'visible' : 'hidden' }} />
    </div>
  );
}
