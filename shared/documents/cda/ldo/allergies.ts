/**
 * Allergies and adverse reactions of a received CDA (section 48765-2, the IHE allergy concern
 * act → observation 52473-6; LDO, PSS-like structure): type (ObservationIntoleranceType), agent
 * (ATC, AIC or a non-drug allergen of 2.16.840.1.113883.2.9.77.22.11.2), reaction (ICD-9-CM),
 * criticality, status.
 */
import { AllergyEntry } from '../../../domain/clinical-record.ts';
import { OID } from '../datatypes.ts';
import { type El, attr, isoDate, kid, kids } from '../pss/parse/dom.ts';

const STATUS_RESOLVED = new Set(['LA18632-2', 'LA9041-0']);

function related(o: El | undefined, code: string): El | undefined {
  return kids(o, 'entryRelationship').map((r) => kid(r, 'observation')).find((x) => attr(kid(x, 'code'), 'code') === code);
}

export function readAllergies(section: El, warnings: string[]): AllergyEntry[] {
  const out: AllergyEntry[] = [];
  const observations = kids(section, 'entry').flatMap((e) => kids(e, 'act')).flatMap((a) => kids(a, 'entryRelationship').flatMap((r) => kids(r, 'observation')));
  for (const o of observations) {
    const type = attr(kid(o, 'value'), 'code');
    const agentCode = kid(o, 'participant', 'participantRole', 'playingEntity', 'code');
    const system = attr(agentCode, 'codeSystem');
    const code = attr(agentCode, 'code');
    const display = (attr(agentCode, 'displayName') ?? code ?? '').slice(0, 300);
    const agent = !code
      ? { kind: 'unknown' as const }
      : system === OID.ATC ? { kind: 'atc' as const, code, display }
        : system === OID.AIC ? { kind: 'aic' as const, code, display }
          : system === OID.PSS_ALLERGENS ? { kind: 'substance' as const, code, display }
            : undefined;
    if (!agent) {
      warnings.push(`Allergia a «${display}»: agente non codificato con ATC, AIC o allergeni, resta nel documento.`);
      continue;
    }
    const reaction = kid(related(o, '75321-0'), 'value');
    const criticality = attr(kid(related(o, 'SEV'), 'value'), 'code');
    const status = attr(kid(related(o, '33999-4'), 'value'), 'code');
    const onset = isoDate(attr(kid(o, 'effectiveTime', 'low'), 'value'));
    const candidate = {
      id: `a${out.length + 1}`,
      source: 'specialist',
      type,
      agent,
      ...(reaction && attr(reaction, 'code') && attr(reaction, 'codeSystem') === OID.ICD9CM
        ? { reaction: { code: attr(reaction, 'code')!, display: (attr(reaction, 'displayName') ?? attr(reaction, 'code')!).slice(0, 300) } }
        : {}),
      ...(criticality && ['L', 'M', 'H'].includes(criticality) ? { criticality } : {}),
      status: status && STATUS_RESOLVED.has(status) ? 'resolved' : 'active',
      ...(onset ? { onset } : {}),
      ...(status && STATUS_RESOLVED.has(status) && isoDate(attr(kid(o, 'effectiveTime', 'high'), 'value')) ? { resolution: isoDate(attr(kid(o, 'effectiveTime', 'high'), 'value')) } : {}),
    };
    const parsed = AllergyEntry.safeParse(candidate);
    if (parsed.success) out.push(parsed.data);
    else warnings.push(`Allergia a «${display || 'agente non indicato'}»: tipo «${type ?? '—'}» non riconosciuto, resta nel documento.`);
  }
  return out;
}
