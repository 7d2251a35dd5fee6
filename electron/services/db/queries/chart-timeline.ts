/**
 * The patient's whole history as one list, newest first, paged by cursor: each kind is read from
 * its own table through its patient/time index, at most one page per kind, and the pages merged.
 * Order: time descending, then kind, then id (both descending), so a cursor (the last item's
 * time, kind and id) names one place in the list and the next page starts right after it.
 */
import type { Db } from '../open.ts';
import { AppError } from '../../../../shared/errors/index.ts';
import { TIMELINE_KINDS, type TimelineItem, type TimelineKind } from '../../../../shared/api/chart.ts';
import type { OutboxOperation } from '../../../../shared/outbox/job.ts';
import type { OutboxState } from '../../../../shared/outbox/state-machine.ts';
import { authoredState } from './chart-documents.ts';
import { patientExists } from './clinical-record.ts';

interface Cursor { at: string; kind: TimelineKind; id: string }

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.at, c.kind, c.id])).toString('base64url');
}

function decodeCursor(s: string): Cursor {
  try {
    const [at, kind, id] = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as [unknown, unknown, unknown];
    if (typeof at === 'string' && typeof id === 'string' && (TIMELINE_KINDS as readonly unknown[]).includes(kind)) return { at, kind: kind as TimelineKind, id };
  } catch { /* fall through */ }
  throw new AppError('INVALID_INPUT', 'Not a timeline cursor', { issues: [{ path: 'cursor', message: 'not a cursor of timeline.list' }] });
}

/**
 * After the cursor, for a source of kind `kind` whose time expression is `at` and id `id`; the
 * first bound is written on `at` alone so that SQLite walks the source's time index from there.
 */
function after(c: Cursor | undefined, kind: TimelineKind, at: string, id: string): string {
  if (!c) return '';
  if (kind < c.kind) return ` AND ${at} <= @cAt`;
  if (kind > c.kind) return ` AND ${at} < @cAt`;
  return ` AND ${at} <= @cAt AND (${at} < @cAt OR ${id} < @cId)`;
}

/** Case-insensitive "contains" over the given text expressions (SQLite lower() folds ASCII; Italian text is mostly that). */
function matches(text: string | undefined, exprs: string[]): string {
  if (!text) return '';
  return ` AND instr(lower(${exprs.map((e) => `coalesce(${e}, '')`).join(" || ' ' || ")}), @q) > 0`;
}

type Row = { at: string; id: string; ref: string; title: string; detail: string | null; tag: string | null };

const SOURCES: Record<Exclude<TimelineKind, 'results'>, (c: Cursor | undefined, text: string | undefined) => string> = {
  visit: (c, q) => `SELECT at_key AS at, id, id AS ref, kind AS title,
      trim(coalesce(json_extract(body, '$.reason'), '') || char(10) || coalesce(substr(json_extract(body, '$.note'), 1, 400), ''), char(10)) AS detail, NULL AS tag
    FROM visits WHERE patient_id = @p${after(c, 'visit', 'at_key', 'id')}${matches(q, ["json_extract(body, '$.reason')", "json_extract(body, '$.note')"])}
    ORDER BY at_key DESC, id DESC LIMIT @n`,
  prescription: (c, q) => `SELECT date || 'T00:00:00' AS at, id, id AS ref,
      coalesce(json_extract(body, '$.aic.display'), json_extract(body, '$.atc.display'), json_extract(body, '$.service.display'), code) AS title,
      coalesce(json_extract(body, '$.dosageText'), json_extract(body, '$.packs') || ' conf.', json_extract(body, '$.quantity') || '') AS detail, kind AS tag
    FROM prescriptions WHERE patient_id = @p${c ? ' AND date <= substr(@cAt, 1, 10)' : ''}${after(c, 'prescription', "date || 'T00:00:00'", 'id')}${matches(q, ["json_extract(body, '$.aic.display')", "json_extract(body, '$.atc.display')", "json_extract(body, '$.service.display')", "json_extract(body, '$.dosageText')"])}
    ORDER BY date DESC, id DESC LIMIT @n`,
  // Dated documents through the (patient, date) index; the few without a date by their arrival.
  received: (c, q) => {
    const where = matches(q, ['title', "json_extract(body, '$.organizationName')", "json_extract(body, '$.authorName')"]);
    const cols = `id, id AS ref, title, coalesce(json_extract(body, '$.organizationName'), json_extract(body, '$.authorName')) AS detail, kind AS tag`;
    return `SELECT * FROM (SELECT date_key AS at, ${cols} FROM received_documents
        WHERE patient_id = @p AND date_key IS NOT NULL${after(c, 'received', 'date_key', 'id')}${where} ORDER BY date_key DESC, id DESC LIMIT @n)
      UNION ALL
      SELECT * FROM (SELECT substr(received_at, 1, 19) AS at, ${cols} FROM received_documents
        WHERE patient_id = @p AND date_key IS NULL${after(c, 'received', 'substr(received_at, 1, 19)', 'id')}${where} ORDER BY at DESC, id DESC LIMIT @n)`;
  },
  authored: (c, q) => `SELECT substr(p.created_at, 1, 19) AS at, p.id, p.id AS ref, 'PSS' AS title, 'v' || p.version_number AS detail,
      coalesce((SELECT o.state || '|' || p.state || '|' || o.operation FROM outbox_entries o WHERE o.document_id = p.document_id ORDER BY o.created_at DESC LIMIT 1), '|' || p.state) AS tag
    FROM pss_documents p WHERE p.patient_id = @p${after(c, 'authored', 'substr(p.created_at, 1, 19)', 'p.id')}${matches(q, ["'Profilo Sanitario Sintetico PSS'"])}
    UNION ALL
    SELECT substr(d.created_at, 1, 19) AS at, d.id, d.id AS ref, coalesce(nullif(d.title, ''), d.kind) AS title, NULL AS detail,
      coalesce((SELECT o.state || '||' || o.operation FROM outbox_entries o WHERE o.document_id = d.id ORDER BY o.created_at DESC LIMIT 1), '|') AS tag
    FROM documents d WHERE d.patient_id = @p AND NOT EXISTS (SELECT 1 FROM pss_documents p WHERE p.document_id = d.id)${after(c, 'authored', 'substr(d.created_at, 1, 19)', 'd.id')}${matches(q, ['d.title', 'd.kind'])}
    ORDER BY at DESC, id DESC LIMIT @n`,
  // A study on its study date (a study without one at its import), through the (patient, date) index.
  imaging: (c, q) => {
    const at = "coalesce(s.study_date || 'T00:00:00', substr(s.imported_at, 1, 19))";
    return `SELECT ${at} AS at, s.study_uid AS id, s.study_uid AS ref, coalesce(s.description, '') AS title, s.institution AS detail,
        (SELECT group_concat(DISTINCT r.modality) FROM imaging_series r WHERE r.patient_id = s.patient_id AND r.study_uid = s.study_uid) AS tag
      FROM imaging_studies s WHERE s.patient_id = @p${after(c, 'imaging', at, 's.study_uid')}${matches(q, ['s.description', 's.institution'])}
      ORDER BY at DESC, id DESC LIMIT @n`;
  },
  publication: (c, q) => `SELECT substr(o.updated_at, 1, 19) AS at, o.id, o.document_id AS ref, coalesce(nullif(d.title, ''), d.kind) AS title, o.operation AS detail, d.kind AS tag
    FROM outbox_entries o JOIN documents d ON d.id = o.document_id
    WHERE d.patient_id = @p AND o.state = 'published'${after(c, 'publication', 'substr(o.updated_at, 1, 19)', 'o.id')}${matches(q, ['d.title', 'd.kind'])}
    ORDER BY at DESC, o.id DESC LIMIT @n`,
};

/**
 * Values entered or measured outside a document (a document is its own item), one item per day.
 * Read from the (patient, day, code) index of those values (migration 013; the planner picks it,
 * no INDEXED BY, so a database that lacks it still answers): the days come in
 * the index's order, so a page reads its own days and stops, never the 50,000-value history.
 */
function resultDays(db: Db, patientId: string, c: Cursor | undefined, n: number): TimelineItem[] {
  const rows = db
    .prepare(
      `SELECT substr(effective_key, 1, 10) AS day, count(*) AS n, group_concat(DISTINCT code) AS codes FROM observations
       WHERE patient_id = @p AND document_id IS NULL AND substr(effective_key, 1, 10) <= @bound
       GROUP BY substr(effective_key, 1, 10) ORDER BY substr(effective_key, 1, 10) DESC LIMIT @n`,
    )
    .all({ p: patientId, bound: c ? c.at.slice(0, 10) : '\uffff', n: n + 1 }) as Array<{ day: string; n: number; codes: string }>;
  return rows
    .map((r): TimelineItem => ({ kind: 'results', at: `${r.day}T00:00:00`, id: `R.${r.day}`, ref: r.day, title: '', detail: r.codes, tag: String(r.n) }))
    .filter((item) => !c || compare(item, { ...item, at: c.at, kind: c.kind, id: c.id }) > 0)
    .slice(0, n);
}

/** "outboxState|pssState|operation" as the documents tab names it (bozza … pubblicato, annullato). */
function authoredTag(tag: string): string {
  const [outbox, pss, operation] = tag.split('|');
  return authoredState(pss || null, (outbox || null) as OutboxState | null, (operation || null) as OutboxOperation | null);
}

function compare(a: TimelineItem, b: TimelineItem): number {
  // Descending on (at, kind, id).
  if (a.at !== b.at) return a.at < b.at ? 1 : -1;
  if (a.kind !== b.kind) return a.kind < b.kind ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

export function timeline(db: Db, args: { patientId: string; kinds?: TimelineKind[] | undefined; text?: string | undefined; cursor?: string | undefined; limit: number }): { items: TimelineItem[]; nextCursor: string | null } {
  patientExists(db, args.patientId);
  const cursor = args.cursor ? decodeCursor(args.cursor) : undefined;
  const text = args.text?.trim().toLowerCase() || undefined;
  const params = { p: args.patientId, n: args.limit + 1, ...(cursor ? { cAt: cursor.at, cId: cursor.id } : {}), ...(text ? { q: text } : {}) };
  const all: TimelineItem[] = [];
  for (const kind of args.kinds ?? TIMELINE_KINDS) {
    if (kind === 'results') {
      // A day of values has no words to search.
      if (!text) all.push(...resultDays(db, args.patientId, cursor, args.limit + 1));
      continue;
    }
    for (const r of db.prepare(SOURCES[kind](cursor, text)).all(params) as Row[]) {
      all.push({ kind, at: r.at, id: r.id, ref: r.ref, title: r.title, detail: r.detail, tag: kind === 'authored' ? authoredTag(String(r.tag)) : r.tag === null ? null : String(r.tag) });
    }
  }
  all.sort(compare);
  const items = all.slice(0, args.limit);
  const last = items.at(-1);
  return { items, nextCursor: all.length > args.limit && last ? encodeCursor(last) : null };
}
