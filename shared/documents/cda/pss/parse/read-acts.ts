/** Exemptions and care networks (acts), and the organ donation declaration (narrative only), back into the record. */
import { ENTRY_SOURCE_LABEL } from '../../../../domain/record/entry-base.ts';
import type { ClinicalRecord } from '../../../../domain/clinical-record.ts';
import { DONATION_LABEL } from '../sections/organ-donation.ts';
import { type El, all, attr, coded, high, kid, kids, low } from './dom.ts';
import { type Reader, drop, entries, parseSourceText, withNote } from './reader.ts';

export function organDonation(r: Reader, sec: El | undefined, rec: ClinicalRecord): void {
  if (!sec) return;
  // Narrative only in the IG: read our row (Richiesta | Scelta | Data | Fonte e note).
  const row = all(sec, 'tr').find((tr) => attr(tr, 'ID') === 'don1') ?? all(sec, 'tr')[1];
  const cells = kids(row, 'td').map((td) => (td.textContent ?? '').trim());
  const choice = (Object.entries(DONATION_LABEL) as Array<[keyof typeof DONATION_LABEL, string]>).find(([, l]) => cells[1]?.toLowerCase() === l.toLowerCase())?.[0];
  if (!choice) { r.warnings.push('dichiarazione sulla donazione di organi non interpretabile'); return; }
  const [d, m, y] = (cells[2] ?? '').split('/');
  const date = y && m && d ? `${y}-${m}-${d}` : undefined;
  rec.organDonation = drop({ choice, date, ...parseSourceText(cells[3] ?? ENTRY_SOURCE_LABEL.doctor) });
}

export function acts(r: Reader, sec: El | undefined, rec: ClinicalRecord, kind: 'exemptions' | 'careNetworks'): void {
  for (const a of entries(sec)) {
    const code = coded(kid(a, 'code'));
    const codeSystem = attr(kid(a, 'code'), 'codeSystem');
    if (!code || !codeSystem || !/^\d+(\.\d+)+$/.test(codeSystem)) { r.warnings.push(`${kind === 'exemptions' ? 'esenzione' : 'rete'} senza codice: non importata`); continue; }
    const status = attr(kid(a, 'statusCode'), 'code') === 'active' ? 'active' as const : 'completed' as const;
    const base = { id: r.id(a, kind === 'exemptions' ? 'ese' : 'net'), codeSystem, status, start: low(a), end: status === 'completed' ? high(a) : undefined };
    if (kind === 'exemptions') rec.exemptions.push(drop(withNote({ ...base, exemption: code }, r.sourceNote(a))));
    else rec.careNetworks.push(drop(withNote({ ...base, network: code }, r.sourceNote(a))));
  }
}
