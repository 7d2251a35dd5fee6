/**
 * "What the locum did": one doctor's work on the panel, per substitution period, read from what
 * names them: the audit log by actor (`doctor:<id>`: every record opened or changed, every PSS
 * step), and the rows they authored (PSS versions, prescriptions, visits). Days are calendar days
 * in the clinical time zone, as the periods are.
 */
import type { Db } from '../open.ts';
import type { ActivityGroup } from '../../../../shared/api/doctors.ts';
import { doctorActor, type SubstitutionPeriod } from '../../../../shared/domain/doctors.ts';
import { todayIn } from '../../../../shared/format/clinical-time.ts';

interface Names { surname: string; given_name: string }

type Group = ActivityGroup & { patientSet: Map<string, ActivityGroup['patients'][number]> };

export function doctorActivity(db: Db, args: { id: string; periods: SubstitutionPeriod[]; zone: string }): ActivityGroup[] {
  const periods = [...args.periods].sort((a, b) => b.from.localeCompare(a.from));
  const groups: Group[] = periods.map((period) => ({ period, patients: [], documents: [], prescriptions: [], visits: 0, patientSet: new Map() }));
  const outside: Group = { period: null, patients: [], documents: [], prescriptions: [], visits: 0, patientSet: new Map() };
  const groupOf = (day: string): Group => groups.find((g) => g.period!.from <= day && day <= g.period!.to) ?? outside;
  const dayOf = (iso: string) => todayIn(args.zone, new Date(iso));

  const names = new Map<string, Names | null>();
  const patient = (id: string): Names | null => {
    if (!names.has(id)) names.set(id, (db.prepare('SELECT surname, given_name FROM patients WHERE id = ?').get(id) as Names | undefined) ?? null);
    return names.get(id)!;
  };
  const seen = (patientId: string, at: string) => {
    const n = patient(patientId);
    if (!n) return;
    const g = groupOf(dayOf(at));
    const p = g.patientSet.get(patientId);
    if (!p) g.patientSet.set(patientId, { patientId, surname: n.surname, givenName: n.given_name, lastAt: at });
    else if (at > p.lastAt) p.lastAt = at;
  };

  // Every audit line they wrote: the patient is the entity (record lines) or named in the detail (PSS, outbox).
  const audit = db.prepare('SELECT at, entity_id, detail FROM audit_log WHERE actor = ? ORDER BY seq').iterate(doctorActor(args.id)) as IterableIterator<{ at: string; entity_id: string; detail: string }>;
  for (const r of audit) {
    const d = JSON.parse(r.detail) as { patientId?: unknown };
    seen(typeof d.patientId === 'string' ? d.patientId : r.entity_id, r.at);
  }

  const docs = db
    .prepare(
      `SELECT p.id, p.patient_id, p.version_number, p.state, p.updated_at,
              (SELECT o.state FROM outbox_entries o WHERE o.document_id = p.document_id ORDER BY o.created_at DESC LIMIT 1) AS outbox_state
         FROM pss_documents p WHERE p.author_id = ? ORDER BY p.updated_at DESC`,
    )
    .all(args.id) as { id: string; patient_id: string; version_number: number; state: ActivityGroup['documents'][number]['state']; updated_at: string; outbox_state: string | null }[];
  for (const d of docs) {
    const n = patient(d.patient_id);
    if (!n) continue;
    groupOf(dayOf(d.updated_at)).documents.push({
      documentId: d.id, patientId: d.patient_id, surname: n.surname, givenName: n.given_name, kind: 'PSS', versionNumber: d.version_number,
      state: d.state, updatedAt: d.updated_at, ...(d.outbox_state ? { outboxState: d.outbox_state as never } : {}),
    });
    seen(d.patient_id, d.updated_at);
  }

  const rx = db.prepare('SELECT id, patient_id, date, kind, body FROM prescriptions WHERE author_id = ? ORDER BY date DESC, id').all(args.id) as {
    id: string; patient_id: string; date: string; kind: 'medicine' | 'test' | 'visit'; body: string;
  }[];
  for (const p of rx) {
    const n = patient(p.patient_id);
    if (!n) continue;
    const b = JSON.parse(p.body) as { atc?: { display?: string }; aic?: { display?: string }; service?: { display?: string } };
    const display = b.aic?.display ?? b.atc?.display ?? b.service?.display ?? '';
    groupOf(p.date.slice(0, 10)).prescriptions.push({ id: p.id, patientId: p.patient_id, surname: n.surname, givenName: n.given_name, date: p.date, kind: p.kind, display });
  }

  const visits = db.prepare('SELECT patient_id, at_key FROM visits WHERE author_id = ?').all(args.id) as { patient_id: string; at_key: string }[];
  for (const v of visits) {
    const at = `${v.at_key}Z`;
    groupOf(dayOf(at)).visits++;
    seen(v.patient_id, at);
  }

  const all = [...groups, ...(outside.patientSet.size || outside.documents.length || outside.prescriptions.length || outside.visits ? [outside] : [])];
  return all.map(({ patientSet, ...g }) => ({ ...g, patients: [...patientSet.values()].sort((a, b) => b.lastAt.localeCompare(a.lastAt)) }));
}
