/**
 * Discharge diagnoses of a Lettera di dimissione (section 11535-2, observations 8651-2 with an
 * ICD-9-CM value), proposed as problems of the record: the doctor confirms each one.
 */
import type { ProblemEntry } from '../../../domain/clinical-record.ts';
import { OID } from '../datatypes.ts';
import { type El, attr, isoDate, kid, kids } from '../pss/parse/dom.ts';

const CHRONIC = 'LA28752-6';

export function readDischargeDiagnoses(section: El, dischargeDate: string | undefined, warnings: string[]): ProblemEntry[] {
  const out: ProblemEntry[] = [];
  for (const o of kids(section, 'entry').flatMap((e) => kids(e, 'observation'))) {
    const v = kid(o, 'value');
    const code = attr(v, 'code');
    const display = attr(v, 'displayName') ?? code;
    if (!code) continue;
    if (attr(v, 'codeSystem') !== OID.ICD9CM) {
      warnings.push(`Diagnosi di dimissione «${display}»: non codificata in ICD-9-CM, resta nel documento.`);
      continue;
    }
    const course = kids(o, 'entryRelationship').map((r) => kid(r, 'observation')).find((x) => attr(kid(x, 'code'), 'code') === '89261-2');
    const onset = isoDate(attr(kid(o, 'effectiveTime', 'low'), 'value')) ?? isoDate(attr(kid(o, 'effectiveTime'), 'value')) ?? dischargeDate;
    out.push({
      id: `p${out.length + 1}`,
      source: 'specialist',
      diagnosis: { code: code.slice(0, 40), display: (display ?? code).slice(0, 300) },
      status: 'active',
      chronic: attr(kid(course, 'value'), 'code') === CHRONIC,
      ...(onset ? { onset } : {}),
      note: 'Diagnosi alla dimissione ospedaliera',
    });
  }
  return out;
}
