import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '../../platform/api-context.tsx';
import { base64ToBytes } from './format.ts';
import type { DicomWorkerClient } from './worker-client.ts';
import type { Opened } from './worker-protocol.ts';

/** Files fetched at once: enough to keep the worker busy, few enough to keep the first image first. */
const CONCURRENCY = 4;

export interface StudyFiles {
  /** Files open in the worker, by SOP Instance UID: their metadata (and SR text, documents). */
  opened: ReadonlyMap<string, Opened>;
  /** Files that could not be read or opened, with the error (shown in Italian). */
  failed: ReadonlyMap<string, unknown>;
  /**
   * Fetches and opens these files, in this order, before those already waiting ('first': the
   * series chosen) or after them ('last': thumbnails); already open or loading ones are skipped.
   */
  load(sopInstanceUids: readonly string[], where?: 'first' | 'last'): void;
}

/**
 * The study's files for the viewer: each instance fetched once (imaging.instanceFile), opened
 * in the decoding worker, and kept open while the viewer is.
 */
export function useStudyFiles(patientId: string, worker: DicomWorkerClient | undefined): StudyFiles {
  const api = useApi();
  const [opened, setOpened] = useState<ReadonlyMap<string, Opened>>(new Map());
  const [failed, setFailed] = useState<ReadonlyMap<string, unknown>>(new Map());
  const started = useRef(new Set<string>());
  const queue = useRef<string[]>([]);
  const running = useRef(0);

  useEffect(() => {
    started.current = new Set();
    queue.current = [];
    setOpened(new Map());
    setFailed(new Map());
  }, [worker]);

  const pump = useCallback(() => {
    if (!worker) return;
    while (running.current < CONCURRENCY && queue.current.length > 0) {
      const sop = queue.current.shift()!;
      running.current++;
      api
        .call('imaging.instanceFile', { patientId, sopInstanceUid: sop })
        .then((r) => worker.open(sop, base64ToBytes(r.dataBase64)))
        .then(
          (o) => setOpened((m) => new Map(m).set(sop, o)),
          (e: unknown) => setFailed((m) => new Map(m).set(sop, e)),
        )
        .finally(() => {
          running.current--;
          pump();
        });
    }
  }, [api, patientId, worker]);

  const load = useCallback(
    (sops: readonly string[], where: 'first' | 'last' = 'first') => {
      const fresh = sops.filter((s) => !started.current.has(s));
      for (const s of fresh) started.current.add(s);
      queue.current = where === 'first' ? [...fresh, ...queue.current] : [...queue.current, ...fresh];
      pump();
    },
    [pump],
  );

  return { opened, failed, load };
}
