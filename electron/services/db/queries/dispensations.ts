/** What the pharmacy dispensed, by patient, newest first (the input of adherence). */
import type { Db } from '../open.ts';
import type { Dispensation } from '../../../../shared/domain/record/index.ts';
import { patientExists } from './clinical-record.ts';
import { nextOffset } from './record-common.ts';
import { readDispensation } from './record-rows.ts';

/** The first string after every string that starts with `prefix` (an index range for "starts with"). */
function afterPrefix(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

export function listDispensations(
  db: Db,
  args: { patientId: string; atc?: string | undefined; from?: string | undefined; to?: string | undefined; limit: number; offset: number },
): { items: Dispensation[]; total: number; nextOffset: number | null } {
  patientExists(db, args.patientId);
  const where = [
    'patient_id = @patientId',
    ...(args.atc ? ['atc >= @atc AND atc < @atcEnd'] : []),
    ...(args.from ? ['date >= @from'] : []),
    ...(args.to ? ['date <= @to'] : []),
  ].join(' AND ');
  const params = { patientId: args.patientId, atc: args.atc?.toUpperCase() ?? null, atcEnd: args.atc ? afterPrefix(args.atc.toUpperCase()) : null, from: args.from ?? null, to: args.to ?? null };
  const { n } = db.prepare(`SELECT count(*) AS n FROM dispensations WHERE ${where}`).get(params) as { n: number };
  const rows = db.prepare(`SELECT body FROM dispensations WHERE ${where} ORDER BY date DESC, id DESC LIMIT @limit OFFSET @offset`).all({ ...params, limit: args.limit, offset: args.offset }) as Array<{ body: string }>;
  return { items: rows.map(readDispensation), total: n, nextOffset: nextOffset(args.offset, rows.length, n) };
}
