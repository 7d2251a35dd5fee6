/**
 * What confirming a received document would change in the record (pure; run in the database
 * worker inside the transaction that writes it, and for the preview): record ids for every fact
 * derived from the document (prefixed by the document's id, so they never collide and each
 * carries its documentId), what is already there, the proposals with the doctor's decisions
 * (or the defaults, which the CLI applies), and the counts per kind.
 */
import type { AllergyEntry, ClinicalRecord, EncounterEntry, ProblemEntry } from '../domain/clinical-record.ts';
import { type Dispensation, type Observation, type ReceivedFormat, type StoredVerdict, type TherapyPlan, instantSortKey } from '../domain/record/index.ts';
import type { EntrySection } from '../api/record.ts';
import type { ImportDecisions, ReceivedPlan, ReconciliationRow, TherapyAction } from '../api/import.ts';
import type { ProposedMedicine, ReceivedContent } from './content.ts';
import { type ImportWork, planImport } from './pss-plan.ts';

export interface ReceivedIdentity {
  documentId: string;
  format: ReceivedFormat;
  sha256: string;
  size: number;
  receivedAt: string;
}

/** What the record already holds, as far as this document is concerned (read by the worker). */
export interface RecordFacts {
  duplicate: ReceivedPlan['duplicate'];
  /** Another received document of another type carries the same ClinicalDocument id. */
  cdaIdTaken: boolean;
  observationKeys: ReadonlySet<string>;
  dispensationKeys: ReadonlySet<string>;
  problems: ProblemEntry[];
  allergies: AllergyEntry[];
  encounters: EncounterEntry[];
  /** Active therapy plans. */
  plans: TherapyPlan[];
  /** The PSS record (for a received PSS). */
  pssRecord?: ClinicalRecord;
}

export interface PlanWrites {
  observations: Observation[];
  entries: Array<{ section: EntrySection; entry: { id: string } & Record<string, unknown> }>;
  plans: TherapyPlan[];
  dispensations: Dispensation[];
  pss?: ImportWork;
}

/** The document's record id: from its content, so preview and confirmation agree. */
export function receivedDocumentId(sha256: string): string {
  return `RD.${sha256.slice(0, 24)}`;
}

function valueKey(o: Observation): string {
  const v = o.value;
  return v.type === 'quantity' ? `${v.comparator ?? ''}${v.value}|${v.unit}` : v.type === 'coded' ? `${v.codeSystem}|${v.code}` : v.text;
}

/** The same measurement: same series, same instant, same value. */
export function observationKey(o: Observation): string {
  return `${o.code}|${instantSortKey(o.effective)}|${valueKey(o)}`;
}

export function dispensationKey(d: Dispensation): string {
  return `${d.date}|${d.aic?.code ?? d.atc.code}|${d.packs}`;
}

const agentKey = (a: AllergyEntry['agent']) => (a.kind === 'unknown' ? 'unknown' : `${a.kind}|${a.code}`);

function sameDosage(m: ProposedMedicine, p: TherapyPlan): boolean {
  return (m.aic?.code ?? '') === (p.aic?.code ?? '') && m.dosageText === p.dosageText && m.periodHours === p.periodHours && m.dose?.value === p.dose?.value;
}

function reconciliation(content: ReceivedContent, facts: RecordFacts, decisions: ImportDecisions | undefined): ReconciliationRow[] {
  if (content.header.kind !== 'LDO' && content.therapy.length === 0) return [];
  const rows: ReconciliationRow[] = [];
  const matched = new Set<string>();
  for (const m of content.therapy) {
    const current = facts.plans.find((p) => p.atc.code === m.atc.code && !matched.has(p.id));
    if (current) matched.add(current.id);
    const needsRoute = !m.route;
    const actions: TherapyAction[] = current ? ['keep', 'change', 'stop'] : ['start', 'skip'];
    const fallback: TherapyAction = current ? (sameDosage(m, current) ? 'keep' : needsRoute ? 'keep' : 'change') : needsRoute ? 'skip' : 'start';
    const key = current ? `plan:${current.id}` : `new:${m.id}`;
    rows.push({ key, medicine: m, ...(current ? { current } : {}), actions, action: pick(decisions, key, actions, fallback), needsRoute });
  }
  // Current therapies the letter does not list: kept unless the doctor stops them.
  if (content.header.kind === 'LDO') {
    for (const p of facts.plans.filter((x) => !matched.has(x.id))) {
      const key = `plan:${p.id}`;
      rows.push({ key, current: p, actions: ['keep', 'stop'], action: pick(decisions, key, ['keep', 'stop'], 'keep'), needsRoute: false });
    }
  }
  return rows;
}

function pick(decisions: ImportDecisions | undefined, key: string, allowed: TherapyAction[], fallback: TherapyAction): TherapyAction {
  const a = decisions?.therapy[key]?.action;
  return a && allowed.includes(a) ? a : fallback;
}

/** The therapy plans the reconciliation writes: new ones, changed ones, stopped ones. */
function planWrites(rows: ReconciliationRow[], documentId: string, endDate: string, decisions: ImportDecisions | undefined): TherapyPlan[] {
  const out: TherapyPlan[] = [];
  for (const r of rows) {
    const m = r.medicine;
    const route = m?.route ?? decisions?.therapy[r.key]?.route ?? r.current?.route;
    if (r.action === 'start' && m && route) {
      out.push({
        id: `${documentId}.${m.id}`, source: 'specialist', atc: m.atc, ...(m.aic ? { aic: m.aic } : {}), dosageText: m.dosageText,
        ...(m.dose ? { dose: m.dose } : {}), route, ...(m.periodHours ? { periodHours: m.periodHours } : {}), status: 'active',
        ...(m.start ? { start: m.start } : {}), ...(m.end ? { end: m.end } : {}), chronic: !m.end, documentId, note: 'Terapia alla dimissione ospedaliera',
      });
    } else if (r.action === 'change' && m && r.current && route) {
      const { dose: _d, periodHours: _p, aic: _a, ...rest } = r.current;
      out.push({
        ...rest, ...(m.aic ? { aic: m.aic } : r.current.aic ? { aic: r.current.aic } : {}), dosageText: m.dosageText, route,
        ...(m.dose ? { dose: m.dose } : {}), ...(m.periodHours ? { periodHours: m.periodHours } : {}), documentId,
      });
    } else if (r.action === 'stop' && r.current) {
      out.push({ ...r.current, status: 'completed', end: r.current.start && r.current.start > endDate ? r.current.start : endDate });
    }
  }
  return out;
}

export interface PlanArgs {
  content: ReceivedContent;
  identity: ReceivedIdentity;
  facts: RecordFacts;
  patient: ReceivedPlan['patient'];
  validation: StoredVerdict;
  signature: StoredVerdict;
  decisions?: ImportDecisions | undefined;
  /** Today (yyyy-mm-dd): the end date of a therapy stopped when the letter has no date. */
  today: string;
}

export function planReceived(a: PlanArgs): { plan: ReceivedPlan; writes: PlanWrites } {
  const { content, identity, facts, decisions } = a;
  const id = identity.documentId;
  const h = content.header;
  const dup = facts.duplicate;
  const writes: PlanWrites = { observations: [], entries: [], plans: [], dispensations: [] };
  const include = (localId: string, already: boolean) => !already && (decisions?.include[localId] ?? true);

  const observations = content.observations.map((o) => ({ ...o, id: `${id}.${o.id}`, ...(o.panelId ? { panelId: `${id}.${o.panelId}` } : {}), documentId: id }));
  const newObs = dup ? [] : observations.filter((o) => !facts.observationKeys.has(observationKey(o)));
  const dispensations = content.dispensations.map((d) => ({ ...d, id: `${id}.${d.id}`, documentId: id }));
  const newDisp = dup ? [] : dispensations.filter((d) => !facts.dispensationKeys.has(dispensationKey(d)));

  const problems = content.problems.map((p) => {
    const already = facts.problems.some((x) => x.diagnosis.code === p.diagnosis.code && x.status === 'active');
    return { entry: { ...p, id: `${id}.${p.id}` }, already, include: !dup && include(p.id, already) };
  });
  const allergies = content.allergies.map((x) => {
    const already = facts.allergies.some((y) => agentKey(y.agent) === agentKey(x.agent) && x.agent.kind !== 'unknown');
    return { entry: { ...x, id: `${id}.${x.id}` }, already, include: !dup && include(x.id, already) };
  });
  const encounters = content.encounters.map((e) => {
    const already = facts.encounters.some((y) => y.encounterType.code === e.encounterType.code && y.start === e.start);
    return { entry: { ...e, id: `${id}.${e.id}` }, already, include: !dup && include(e.id, already) };
  });
  const therapy = dup ? [] : reconciliation(content, facts, decisions);

  let pss: ImportWork | undefined;
  if (content.pss && facts.pssRecord) pss = planImport(facts.pssRecord, content.pss, content.warnings, { ...(h.documentDate ? { effectiveDate: h.documentDate.slice(0, 10) } : {}), ...(h.authorName ? { authorName: h.authorName } : {}) });

  if (!dup) {
    writes.observations = newObs;
    writes.dispensations = newDisp;
    for (const p of problems) if (p.include) writes.entries.push({ section: 'problems', entry: p.entry });
    for (const x of allergies) if (x.include) writes.entries.push({ section: 'allergies', entry: x.entry });
    for (const e of encounters) if (e.include) writes.entries.push({ section: 'encounters', entry: e.entry });
    writes.plans = planWrites(therapy, id, h.documentDate?.slice(0, 10) ?? a.today, decisions);
    if (pss) writes.pss = pss;
  }

  const added: Record<string, number> = {};
  const count = (k: string, n: number) => { if (n > 0) added[k] = n; };
  count('documents', dup ? 0 : 1);
  count('observations', writes.observations.length);
  count('problems', writes.entries.filter((e) => e.section === 'problems').length);
  count('allergies', writes.entries.filter((e) => e.section === 'allergies').length);
  count('encounters', writes.entries.filter((e) => e.section === 'encounters').length);
  count('therapies', writes.plans.length);
  count('dispensations', writes.dispensations.length);
  if (pss && !dup) count('entries', pss.plan.add);

  const warnings = dup ? [`Documento già ricevuto (${dup.by === 'id' ? 'stesso identificativo' : 'stesso contenuto'}) il ${dup.receivedAt.slice(0, 10).split('-').reverse().join('/')}: non aggiunge nulla.`] : [...new Set(content.warnings)];
  if (!dup && facts.cdaIdTaken) warnings.push(`Un altro documento ricevuto, di un altro tipo, ha lo stesso identificativo (${h.cdaId}): questo è conservato come documento a sé.`);
  for (const r of therapy) if (r.needsRoute && r.action === 'skip') warnings.push(`«${r.medicine?.aic?.display ?? r.medicine?.atc.display}»: la lettera non indica la via di somministrazione; sceglierla per aggiungere la terapia.`);
  if (!dup && (a.validation.verdict === 'invalid' || a.validation.verdict === 'warnings')) {
    warnings.push(`Il documento non supera del tutto la validazione del gateway (${a.validation.errors} errori, ${a.validation.warnings} avvisi): importato comunque.`);
  }
  if (!dup && (a.signature.verdict === 'invalid' || a.signature.verdict === 'indeterminate')) warnings.push(`Firma: ${(a.signature.messages[0] ?? a.signature.verdict).replace(/\.$/, '')}.`);

  const plan: ReceivedPlan = {
    documentId: dup?.documentId ?? id,
    document: {
      kind: h.kind, format: identity.format, title: h.title, size: identity.size, sha256: identity.sha256,
      ...(h.typeCode ? { typeCode: h.typeCode } : {}), ...(h.cdaId ? { cdaId: h.cdaId } : {}), ...(h.documentDate ? { documentDate: h.documentDate } : {}),
      ...(h.authorName ? { authorName: h.authorName } : {}), ...(h.organizationName ? { organizationName: h.organizationName } : {}),
    },
    patient: a.patient,
    duplicate: dup,
    observations: { add: writes.observations, already: dup ? observations.length : observations.length - newObs.length },
    problems, allergies, encounters,
    dispensations: { add: writes.dispensations, already: dup ? dispensations.length : dispensations.length - newDisp.length },
    therapy,
    ...(pss ? { pss: pss.plan } : {}),
    flags: content.flags.map((f) => ({ ...f, observationId: `${id}.${f.observationId}` })),
    warnings,
    validation: a.validation,
    signature: a.signature,
    added,
    ...(content.text ? { excerpt: content.text.slice(0, 1500) } : {}),
    ...(content.csv ? { csv: content.csv } : {}),
    applied: false,
  };
  return { plan, writes };
}
