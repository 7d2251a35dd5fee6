import { useCallback, useEffect, useRef, useState } from 'react';
import type { DraftForm } from '../../../../shared/api/drafts.ts';
import { useApi } from '../../platform/api-context.tsx';

export interface DraftState<T> {
  value: T;
  /** Replace fields of the form; the draft is saved shortly after the last keystroke. */
  patch(change: Partial<T>): void;
  /** When the form opened on a draft kept from before: its time. */
  restoredAt: string | null;
  /** Whether the draft has reached the database (shown next to the buttons). */
  saved: boolean;
  /** Something was typed (or restored): there is a draft to keep. */
  touched: boolean;
  loading: boolean;
  /**
   * Runs the save that completes the form (its call passes completesDraft, so the server
   * removes the draft in the same transaction): no draft write is left pending or in flight
   * behind it, and on failure the draft is kept.
   */
  complete<R>(save: () => Promise<R>): Promise<R>;
  /** Drops the draft and starts the form again. */
  discard(): Promise<void>;
}

const DELAY_MS = 400;

/**
 * A record form's fields kept as a draft in the encrypted database (drafts.*) while typing,
 * restored the next time the form opens for the patient, so closing, Esc or a crash loses
 * nothing (UX.md: drafts are never lost).
 */
export function useDraft<T extends Record<string, unknown>>(patientId: string, form: DraftForm, initial: () => T): DraftState<T> {
  const api = useApi();
  const [value, setValue] = useState<T>(initial);
  const [restoredAt, setRestoredAt] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [saved, setSaved] = useState(true);
  const [touched, setTouched] = useState(false);
  const pending = useRef<T | null>(null);
  const inFlight = useRef<Promise<void>>(Promise.resolve());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const current = useRef<T>(value);
  const initialRef = useRef(initial);

  useEffect(() => {
    let live = true;
    api.call('drafts.get', { patientId, form }).then(
      (d) => {
        if (!live) return;
        if (d) {
          const restored = { ...initialRef.current(), ...(d.value as Partial<T>) };
          current.current = restored;
          setValue(restored);
          setRestoredAt(d.updatedAt);
          setTouched(true);
        }
        setLoading(false);
      },
      () => live && setLoading(false),
    );
    return () => {
      live = false;
    };
  }, [api, patientId, form]);

  const stopTimer = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };

  const write = useCallback(() => {
    stopTimer();
    const v = pending.current;
    if (!v) return inFlight.current;
    pending.current = null;
    inFlight.current = inFlight.current.then(() =>
      api.call('drafts.save', { patientId, form, value: v }).then(
        () => {
          if (!pending.current) setSaved(true);
        },
        () => {
          // Kept in memory: the next keystroke or the close tries again.
          pending.current ??= v;
        },
      ),
    );
    return inFlight.current;
  }, [api, patientId, form]);

  // Closing the form (Esc, ×, another page) writes what is pending.
  useEffect(() => () => void write(), [write]);

  const patch = useCallback(
    (change: Partial<T>) => {
      const next = { ...current.current, ...change };
      current.current = next;
      pending.current = next;
      setValue(next);
      setSaved(false);
      setTouched(true);
      stopTimer();
      timer.current = setTimeout(() => void write(), DELAY_MS);
    },
    [write],
  );

  const complete = useCallback(async <R,>(save: () => Promise<R>): Promise<R> => {
    stopTimer();
    pending.current = null;
    await inFlight.current;
    try {
      const r = await save();
      setSaved(true);
      return r;
    } catch (e) {
      pending.current = current.current;
      void write();
      throw e;
    }
  }, [write]);

  const discard = useCallback(async () => {
    stopTimer();
    pending.current = null;
    await inFlight.current;
    await api.call('drafts.discard', { patientId, form }).catch(() => undefined);
    current.current = initialRef.current();
    setValue(current.current);
    setRestoredAt(null);
    setSaved(true);
    setTouched(false);
  }, [api, patientId, form]);

  return { value, patch, restoredAt, saved, touched, loading, complete, discard };
}
