/** Planned activities (care plan section) back into the record. */
import { type ClinicalRecord } from '../../../../domain/clinical-record.ts';
import { OID } from '../../datatypes.ts';
import { type El, attr, coded, high, isoDate, kid, low } from './dom.ts';
import { type Reader, drop, entries, product, rowSource, withNote } from './reader.ts';

/**
 * The code systems a planned activity may carry and the builder can write back
 * (sections/care-plans.ts); for visits the schematron (b235) allows EncounterCode_PSSIT or ActCode.
 */
const PLAN_SYSTEMS: Record<string, string[] | undefined> = { observation: [OID.LOINC], procedure: [OID.ICD9CM], encounter: [OID.PSS_ENCOUNTER, OID.ACT_CODE] };

export function carePlans(r: Reader, sec: El | undefined, rec: ClinicalRecord): void {
  for (const e of entries(sec)) {
    const sn = rowSource(r, e);
    const id = r.id(e, 'plan');
    const date = isoDate(attr(kid(e, 'effectiveTime'), 'value')) ?? low(e);
    const c = coded(kid(e, 'code'));
    if (e.localName === 'substanceAdministration') {
      const { atc } = product(e);
      const start = low(e);
      if (atc && start) rec.carePlans.push(drop(withNote({ id, kind: 'therapy' as const, atc, start, end: high(e) }, sn)));
      else r.warnings.push('terapia pianificata senza ATC o data: non importata');
      continue;
    }
    if (!date) { r.warnings.push(`attività pianificata ${c?.code ?? ''} senza data`); continue; }
    // A code is kept only in the system the builder writes for that kind (a LOINC code on a
    // planned procedure would otherwise be printed as ICD-9-CM): else it is kept as text.
    const system = attr(kid(e, 'code'), 'codeSystem');
    const expected = PLAN_SYSTEMS[e.localName ?? ''];
    const fits = c && expected && expected.includes(system ?? '');
    if (c && expected && !fits) r.warnings.push(`attività pianificata ${c.code} (sistema ${system ?? '?'}): importata come testo`);
    if (e.localName === 'observation' && fits) rec.carePlans.push(withNote({ id, kind: 'exam' as const, loinc: c, date }, sn));
    else if (e.localName === 'procedure' && fits) rec.carePlans.push(withNote({ id, kind: 'procedure' as const, procedure: c, date }, sn));
    else if (e.localName === 'encounter' && fits) rec.carePlans.push(withNote({ id, kind: 'visit' as const, encounterType: c, date }, sn));
    else {
      const ref = attr(kid(e, 'text', 'reference'), 'value');
      const description = r.text(ref ? `${ref}-what` : undefined) ?? c?.display ?? r.text(ref) ?? 'Attività pianificata';
      rec.carePlans.push(withNote({ id, kind: 'other' as const, description, date }, sn));
    }
  }
}
