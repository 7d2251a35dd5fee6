/**
 * A FHIR Observation as points of the record's series: LOINC code (a local coding kept beside
 * it), value[x], reference range, interpretation, specimen, effective time; a panel with
 * components (blood pressure 85354-9: 8480-6 and 8462-4) becomes one point per component sharing
 * a panel id. Category is not read: the telemonitoring IG's blood-pressure example is
 * categorised "activity", not "vital-signs" (DASHBOARD.md §5).
 */
import { Interpretation, LOINC_OID, type Observation, type ObservationValue, type ReferenceRange } from '../../../domain/record/observation.ts';
import type { RecordInstant, RecordSource } from '../../../domain/record/provenance.ts';
import { type BundleIndex, type CodeableConcept, type Json, type Reference, asArray, codingIn, fhirInstant, oidOf, str } from './resources.ts';

const UCUM = 'http://unitsofmeasure.org';

function quantityValue(q: Json | undefined): ObservationValue | undefined {
  const value = q?.['value'];
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  const unit = (q?.['system'] === UCUM ? str(q?.['code']) : undefined) ?? str(q?.['unit']) ?? str(q?.['code']) ?? '1';
  const comparator = str(q?.['comparator']);
  return { type: 'quantity', value, unit: unit.slice(0, 40), ...(comparator && ['<', '<=', '>', '>='].includes(comparator) ? { comparator: comparator as '<' } : {}) };
}

export function fhirValue(r: Json): ObservationValue | undefined {
  if (r['valueQuantity']) return quantityValue(r['valueQuantity'] as Json);
  if (typeof r['valueInteger'] === 'number') return { type: 'quantity', value: r['valueInteger'], unit: '1' };
  const cc = r['valueCodeableConcept'] as CodeableConcept | undefined;
  if (cc) {
    const c = cc.coding?.find((x) => oidOf(x.system) && str(x.code));
    if (c) return { type: 'coded', code: c.code!.slice(0, 40), codeSystem: oidOf(c.system)!, display: (str(c.display) ?? str(cc.text) ?? c.code!).slice(0, 300) };
    const t = str(cc.text) ?? str(cc.coding?.[0]?.display);
    return t ? { type: 'text', text: t.slice(0, 2000) } : undefined;
  }
  const s = str(r['valueString']);
  if (s && !s.startsWith('#')) return { type: 'text', text: s.slice(0, 2000) };
  if (typeof r['valueBoolean'] === 'boolean') return { type: 'text', text: r['valueBoolean'] ? 'sì' : 'no' };
  return undefined;
}

function range(r: Json): ReferenceRange | undefined {
  const rr = asArray(r['referenceRange'] as Json[] | undefined)[0];
  if (!rr) return undefined;
  const low = (rr['low'] as Json | undefined)?.['value'];
  const high = (rr['high'] as Json | undefined)?.['value'];
  const age = rr['age'] as Json | undefined;
  const texts = [str(rr['text'])].filter((x): x is string => !!x && !x.startsWith('#'));
  const ageHigh = (age?.['high'] as Json | undefined)?.['value'];
  const ageLow = (age?.['low'] as Json | undefined)?.['value'];
  if (typeof ageHigh === 'number' || typeof ageLow === 'number') {
    texts.push(`Età ${[typeof ageLow === 'number' ? `≥ ${ageLow}` : '', typeof ageHigh === 'number' ? `≤ ${ageHigh}` : ''].filter(Boolean).join(' e ')} a`);
  }
  const out: ReferenceRange = {
    ...(typeof low === 'number' ? { low } : {}),
    ...(typeof high === 'number' ? { high } : {}),
    ...(texts.length ? { text: texts.join('; ').slice(0, 200) } : {}),
  };
  return Object.keys(out).length ? out : undefined;
}

export function effectiveOf(r: Json): RecordInstant | undefined {
  return fhirInstant(r['effectiveDateTime']) ?? fhirInstant(r['effectiveInstant']) ?? fhirInstant((r['effectivePeriod'] as Json | undefined)?.['start']) ?? fhirInstant(r['issued']);
}

export interface FhirObservationContext {
  nextId(): string;
  source: RecordSource;
  fallbackTime: RecordInstant | undefined;
  /** The specimen of the report the observation is a result of, when it names none itself. */
  fallbackSpecimen?: string | undefined;
  index?: BundleIndex | undefined;
  warnings: string[];
}

/** The display of a Specimen reference's type. */
export function specimenOf(index: BundleIndex | undefined, ref: Reference | undefined): string | undefined {
  const specimen = index?.resolve(ref);
  return str(((specimen?.['type'] as CodeableConcept | undefined)?.coding ?? [])[0]?.display);
}

function deviceName(r: Json, index: BundleIndex | undefined): string | undefined {
  const ref = r['device'] as Reference | undefined;
  const dev = index?.resolve(ref);
  const udi = asArray(dev?.['udiCarrier'] as Json[] | undefined)[0];
  const name = asArray(dev?.['deviceName'] as Json[] | undefined)[0];
  return (str(name?.['name']) ?? str(udi?.['deviceIdentifier']) ?? str(ref?.display))?.slice(0, 200);
}

function point(code: CodeableConcept | undefined, value: ObservationValue | undefined, base: Omit<Observation, 'id' | 'code' | 'display' | 'value'>, ctx: FhirObservationContext): Observation | undefined {
  const loinc = codingIn(code, LOINC_OID);
  const local = code?.coding?.find((c) => c !== loinc && str(c.code) && oidOf(c.system)?.match(/^[0-2](\.\d+)+$/) && oidOf(c.system) !== LOINC_OID);
  const key = loinc ?? local;
  const name = str(loinc?.display) ?? str(code?.text) ?? str(code?.coding?.[0]?.display) ?? str(code?.coding?.[0]?.code) ?? 'osservazione';
  if (!key || !value) {
    if (!key) ctx.warnings.push(`«${name}»: senza codice LOINC o locale, resta solo nel documento.`);
    return undefined;
  }
  if (!loinc) ctx.warnings.push(`«${name}»: codificato solo con il codice locale ${key.code}, in una serie a parte da quella LOINC.`);
  return {
    ...base,
    id: ctx.nextId(),
    code: key.code!.slice(0, 40),
    display: (str(key.display) ?? name).slice(0, 300),
    value,
    ...(local && loinc ? { localCode: { code: local.code!.slice(0, 40), codeSystem: oidOf(local.system)!, ...(str(local.display) ? { display: str(local.display)!.slice(0, 300) } : {}) } } : {}),
  };
}

/** The points of one FHIR Observation (one, or one per component of a panel). */
export function readFhirObservation(r: Json, ctx: FhirObservationContext): Observation[] {
  const status = str(r['status']);
  if (status === 'cancelled' || status === 'entered-in-error') return [];
  const effective = effectiveOf(r) ?? ctx.fallbackTime;
  const code = r['code'] as CodeableConcept | undefined;
  if (!effective) {
    ctx.warnings.push(`«${str(code?.text) ?? str(code?.coding?.[0]?.display) ?? 'osservazione'}»: senza data, non importata.`);
    return [];
  }
  const interp = str(asArray(r['interpretation'] as CodeableConcept[] | undefined)[0]?.coding?.[0]?.code);
  const parsedInterp = Interpretation.safeParse(interp);
  const specimenName = specimenOf(ctx.index, r['specimen'] as Reference | undefined) ?? ctx.fallbackSpecimen;
  const device = deviceName(r, ctx.index);
  const rr = range(r);
  const base = {
    source: ctx.source,
    effective,
    status: status === 'preliminary' || status === 'registered' ? ('preliminary' as const) : status === 'corrected' || status === 'amended' ? ('corrected' as const) : ('final' as const),
    ...(rr ? { referenceRange: rr } : {}),
    ...(parsedInterp.success ? { interpretation: parsedInterp.data } : {}),
    ...(interp && !parsedInterp.success ? { note: `Interpretazione nel documento: ${interp}` } : {}),
    ...(specimenName ? { specimen: specimenName.slice(0, 200) } : {}),
    ...(device ? { device } : {}),
  };
  // A grouping observation (vital-signs panel 85353-1) names its readings in hasMember: they take
  // the panel's time when they have none of their own.
  const members = asArray(r['hasMember'] as Reference[] | undefined).map((m) => ctx.index?.resolve(m)).filter((m): m is Json => !!m);
  if (members.length > 0 && !fhirValue(r)) return members.flatMap((m) => readFhirObservation(m, { ...ctx, fallbackTime: effective }));
  const components = asArray(r['component'] as Json[] | undefined);
  if (components.length > 0 && !fhirValue(r)) {
    const panelId = ctx.nextId().replace(/^o/, 'g');
    return components.flatMap((c) => {
      const p = point(c['code'] as CodeableConcept, fhirValue(c), { ...base, panelId }, ctx);
      return p ? [p] : [];
    });
  }
  const p = point(code, fhirValue(r), base, ctx);
  return p ? [p] : [];
}
