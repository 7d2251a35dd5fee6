import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Chip, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { TIMELINE_KINDS, type TimelineItem, type TimelineKind } from '../../../../shared/api/chart.ts';
import { VITAL_KINDS } from '../../../../shared/domain/record/index.ts';
import { useApi, useServiceEvent } from '../../platform/api-context.tsx';
import { formatDate, formatDateTime } from '../patients/format.ts';
import { useEarlyRead } from './useEarlyRead.ts';
import classes from './timeline.module.css';

/** Opens an item where it lives (a tab, a document, the visit's text). */
export type OpenItem = (item: TimelineItem) => void;

const PAGE = 100;
/**
 * The next page is asked for this many rows before the end, so a steady scroll never waits on it:
 * a page's round trip at a busy machine's load is about 10 frames of a fast scroll (7 rows each).
 * Less than a page minus the rows in view, so the first page alone stays until the list is scrolled.
 */
const AHEAD = 80;
/** Rows rendered beyond each edge of the view: enough for keyboard focus to move a row, no more DOM than that per frame. */
const OVERSCAN = 4;
/** Every row the same height (title and detail on one line each, truncated): nothing to measure while scrolling. */
const ROW = 56;
const VITAL_NAME = new Map<string, string>(Object.entries(VITAL_KINDS).map(([k, v]) => [v.loinc, k]));

type T = ReturnType<typeof useTranslation>['t'];
/** The words of a row: `t` for a key and its options (interpolations, defaultValue). */
type RowT = (key: string, options?: Record<string, unknown>) => string;

/**
 * `t` remembered per key and options. A row's words are the same each time it scrolls into view,
 * and i18next's lookup was the larger part of a row's render: the rows of a fast scroll mount on
 * every frame. The keys are few (kinds, states, counts), so the map stays small.
 */
function rememberedT(t: T): RowT {
  const seen = new Map<string, string>();
  return (key, options) => {
    const k = options ? `${key}\u0000${JSON.stringify(options)}` : key;
    let v = seen.get(k);
    if (v === undefined) {
      v = String(t(key as never, options as never));
      seen.set(k, v);
    }
    return v;
  };
}

/** When: a date for facts kept by day, a date and time for the others, in local time. */
function when(i: TimelineItem): string {
  return i.at.endsWith('T00:00:00') && i.kind !== 'visit' ? formatDate(i.at) : formatDateTime(`${i.at}Z`);
}

function titleOf(t: RowT, i: TimelineItem): string {
  switch (i.kind) {
    case 'visit': return t(`chart.timeline.visitKind.${i.title}`, { defaultValue: i.title });
    case 'results': return t('chart.timeline.values', { count: Number(i.tag ?? 0) });
    case 'received': return `${t(`importDoc.kinds.${i.tag ?? 'OTHER'}`, { defaultValue: i.tag ?? '' })} — ${i.title}`;
    case 'authored': return `${i.title} ${i.detail ?? ''}`.trim();
    default: return i.title;
  }
}

/** A row's words, worked out once per item: a row mounts again each time it scrolls back into view. */
type RowView = { when: string; kind: string; title: string; detail: string };

/** The words of every row seen so far, per `t` (a language change gives new words): O(1) per mounted row, nothing per page. */
function rowViews(t: RowT): (i: TimelineItem) => RowView {
  const seen = new WeakMap<TimelineItem, RowView>();
  return (i) => {
    let v = seen.get(i);
    if (!v) {
      v = { when: when(i), kind: t(`chart.timeline.one.${i.kind}`), title: titleOf(t, i), detail: detailOf(t, i) };
      seen.set(i, v);
    }
    return v;
  };
}

function detailOf(t: RowT, i: TimelineItem): string {
  switch (i.kind) {
    case 'results': return (i.detail ?? '').split(',').map((c) => { const k = VITAL_NAME.get(c); return k ? t(`pss.vital.${k}`, { defaultValue: c }) : c; }).join(', ');
    case 'prescription': return `${t(`chart.timeline.rxKind.${i.tag ?? 'medicine'}`)}${i.detail ? ` · ${i.detail}` : ''}`;
    case 'authored': return i.tag ? t(`chart.documents.states.${i.tag}`) : '';
    case 'visit': return (i.detail ?? '').split('\n')[0] ?? '';
    // The outbox operation done (a publication, a replacement, an Annulla).
    case 'publication': return i.detail ? t(`chart.timeline.operation.${i.detail}`, { defaultValue: i.detail }) : '';
    default: return i.detail ?? '';
  }
}

/**
 * The whole history, virtualised (only the rows in view are in the page, so twenty years scroll
 * as lightly as one), read page by page from timeline.list as the list nears its end, with
 * filters by kind and a text search (both read again from the services, over the whole history).
 */
export function Timeline({ patientId, onOpen }: { patientId: string; onOpen: OpenItem }) {
  const { t } = useTranslation();
  const api = useApi();
  const [kinds, setKinds] = useState<TimelineKind[]>([...TIMELINE_KINDS]);
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<TimelineItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [changes, setChanges] = useState(0);
  const loading = useRef(false);
  const scroller = useRef<HTMLDivElement>(null);
  const generation = useRef(0);
  useServiceEvent('record.changed', (e) => e.patientId === patientId && setChanges((n) => n + 1));
  useServiceEvent('outbox.changed', () => setChanges((n) => n + 1));

  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);

  // The first page (every kind, no search) is asked for with the first render (useEarlyRead).
  const takeFirst = useEarlyRead(patientId, () => api.call('timeline.list', { patientId, kinds: [...TIMELINE_KINDS], limit: PAGE }));

  const load = useCallback(async (from: string | null, gen: number) => {
    if (loading.current && from !== null) return;
    loading.current = true;
    try {
      const first = from === null && !query && kinds.length === TIMELINE_KINDS.length ? takeFirst(patientId) : null;
      const page = await (first ?? api.call('timeline.list', { patientId, kinds, limit: PAGE, ...(query ? { text: query } : {}), ...(from ? { cursor: from } : {}) }));
      if (gen !== generation.current) return;
      setItems((old) => (from ? [...old, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setDone(page.nextCursor === null);
    } finally {
      loading.current = false;
    }
  }, [api, patientId, kinds, query]);

  useEffect(() => {
    const gen = ++generation.current;
    setDone(false);
    // A new filter or search starts from the newest event.
    if (scroller.current) scroller.current.scrollTop = 0;
    void load(null, gen).catch(() => undefined);
  }, [load, changes]);

  // Asked for by the list when its last rows come near (not from the scroll handler: after the render).
  const nearEnd = useCallback(() => {
    if (!done && cursor) void load(cursor, generation.current).catch(() => undefined);
  }, [done, cursor, load]);

  const toggle = useCallback((k: TimelineKind, on: boolean) => setKinds((old) => (on ? TIMELINE_KINDS.filter((x) => x === k || old.includes(x)) : old.length > 1 ? old.filter((x) => x !== k) : old)), []);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="timeline-title" data-testid="timeline">
      <Stack gap="xs">
        <TimelineFilters t={t} kinds={kinds} text={text} onText={setText} onToggle={toggle} />
        <Text size="xs" c="gray.7" aria-live="polite">{items.length === 0 && done ? t('chart.timeline.empty') : t('chart.timeline.shown', { count: items.length })}</Text>
        <TimelineList t={t} items={items} scroller={scroller} onOpen={onOpen} onNearEnd={nearEnd} more={!done && items.length > 0} />
      </Stack>
    </Paper>
  );
}

/**
 * The title, the search and the kinds, memoised: a page of the history read while scrolling
 * changes only the list and its count, so these Mantine inputs are not rendered again in that frame.
 */
const TimelineFilters = memo(function TimelineFilters({ t, kinds, text, onText, onToggle }: { t: T; kinds: TimelineKind[]; text: string; onText: (v: string) => void; onToggle: (k: TimelineKind, on: boolean) => void }) {
  return (
    <>
      <Group justify="space-between" wrap="wrap">
        <Title order={2} size="h4" id="timeline-title">{t('chart.timeline.title')}</Title>
        <TextInput size="sm" w={260} label={t('chart.timeline.search')} value={text} onChange={(e) => onText(e.currentTarget.value)} type="search" />
      </Group>
      <Group gap={6} role="group" aria-label={t('chart.timeline.kinds')}>
        {TIMELINE_KINDS.map((k) => (
          <Chip key={k} size="xs" checked={kinds.includes(k)} onChange={(on) => onToggle(k, on)} wrapperProps={{ 'data-testid': `timeline-kind-${k}` }}>{t(`chart.timeline.kind.${k}`)}</Chip>
        ))}
      </Group>
    </>
  );
});

/**
 * The virtualised rows, apart from the filters so that scrolling renders only this: rows are
 * memoised (a row already in the page is not rendered again), plain elements with classes
 * (no style props computed per frame), and the render is not forced synchronously inside the
 * scroll event (useFlushSync off), so a frame stays well under 50 ms. The rows take `t` from
 * here rather than each its own useTranslation, whose mount copies the i18n instance's
 * properties (react-i18next's wrapper): a row mounts on every frame of a scroll.
 */
function TimelineList({ t, items, scroller, onOpen, onNearEnd, more }: { t: T; items: TimelineItem[]; scroller: React.RefObject<HTMLDivElement | null>; onOpen: OpenItem; onNearEnd: () => void; more: boolean }) {
  const view = useMemo(() => rowViews(rememberedT(t)), [t]);
  const virtual = useVirtualizer({ count: items.length, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: OVERSCAN, useFlushSync: false });
  const rows = virtual.getVirtualItems();
  const last = rows.at(-1)?.index ?? -1;
  const near = last >= items.length - AHEAD;
  useEffect(() => {
    if (near) onNearEnd();
  }, [near, items.length, onNearEnd]);
  return (
    <div ref={scroller} className={classes.scroller} data-testid="timeline-scroller" tabIndex={-1}>
      <ul className={classes.list} style={{ height: virtual.getTotalSize() }} aria-label={t('chart.timeline.title')}>
        {rows.map((r) => {
          const i = items[r.index]!;
          return <TimelineRow key={`${i.kind}.${i.id}`} view={view(i)} item={i} top={r.start} onOpen={onOpen} />;
        })}
      </ul>
      {more && <Text size="xs" c="gray.7" ta="center">{t('chart.timeline.loadingMore')}</Text>}
    </div>
  );
}

/** One row: its words already worked out (RowView), four spans on one grid, no wrapper for title and detail. */
const TimelineRow = memo(function TimelineRow({ view: v, item: i, top, onOpen }: { view: RowView; item: TimelineItem; top: number; onOpen: OpenItem }) {
  return (
    <li className={classes.item} style={{ transform: `translateY(${top}px)` }}>
      <button type="button" className={classes.row} onClick={() => onOpen(i)} data-testid="timeline-item">
        <span className={classes.when}>{v.when}</span>
        <span className={classes.kind}>{v.kind}</span>
        <span className={classes.title}>{v.title}</span>
        <span className={classes.detail}>{v.detail}</span>
      </button>
    </li>
  );
});
