/**
 * Identifiers for people without a codice fiscale (Accordo Stato-Regioni 20/12/2012):
 * STP (Straniero Temporaneamente Presente) and ENI (Europeo Non Iscritto) codes are 16
 * characters: the prefix, the 3-digit regional code, the 3-digit ASL code and a 7-digit
 * progressive number. TEAM is the European Health Insurance Card number (up to 20 characters).
 */
const STP_ENI = /^(STP|ENI)\d{13}$/;
const TEAM = /^[A-Z0-9]{1,20}$/;

export function checkForeignIdentifier(kind: 'STP' | 'ENI' | 'TEAM', value: string): boolean {
  const v = value.replace(/\s+/g, '').toUpperCase();
  if (kind === 'TEAM') return TEAM.test(v);
  return STP_ENI.test(v) && v.startsWith(kind);
}
