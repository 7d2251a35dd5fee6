/**
 * The ministry's FHIR document Bundles of the received types (same content as their CDA:
 * LAB results, VPS vital signs, LDO discharge diagnoses, discharge therapy, allergies and stay;
 * the narrative of every section for the timeline). Sections are found by their LOINC code in
 * Composition.section, as in the CDA.
 */
import type { AllergyEntry, ProblemEntry } from '../../../domain/clinical-record.ts';
import { RouteCode } from '../../../domain/record/entry-base.ts';
import { type ProposedMedicine, type ReceivedContent, emptyContent } from '../../../import/content.ts';
import { readFhirObservation, specimenOf } from './observation.ts';
import { compositionHeader } from './header.ts';
import { type BundleIndex, type CodeableConcept, type Json, type Reference, asArray, codingIn, divText, fhirInstant, str } from './resources.ts';

const ICD9 = '2.16.840.1.113883.6.103';
const ATC = '2.16.840.1.113883.6.73';
const AIC = '2.16.840.1.113883.2.9.6.1.5';

interface Section { code?: string; title?: string; text?: string; entries: Json[] }

function sections(composition: Json, index: BundleIndex): Section[] {
  const out: Section[] = [];
  const walk = (list: Json[]) => {
    for (const s of list) {
      const code = codingIn(s['code'] as CodeableConcept, '2.16.840.1.113883.6.1')?.code;
      const entries = asArray(s['entry'] as Reference[] | undefined).map((r) => index.resolve(r)).filter((r): r is Json => !!r);
      out.push({ ...(code ? { code } : {}), ...(str(s['title']) ? { title: str(s['title'])! } : {}), text: divText((s['text'] as Json | undefined)?.['div']), entries });
      walk(asArray(s['section'] as Json[] | undefined));
    }
  };
  walk(asArray(composition['section'] as Json[] | undefined));
  return out;
}

const day = (v: unknown) => fhirInstant(v)?.slice(0, 10);

function diagnosis(r: Json): { code: string; display: string } | undefined {
  const cc = (r['resourceType'] === 'Condition' ? r['code'] : r['valueCodeableConcept']) as CodeableConcept | undefined;
  const c = codingIn(cc, ICD9);
  return c ? { code: c.code!.slice(0, 40), display: (str(c.display) ?? c.code!).slice(0, 300) } : undefined;
}

function allergy(r: Json, n: number, warnings: string[]): AllergyEntry | undefined {
  const reaction = asArray(r['reaction'] as Json[] | undefined)[0];
  const substance = (r['code'] ?? reaction?.['substance']) as CodeableConcept | undefined;
  const atc = codingIn(substance, ATC);
  const aic = codingIn(substance, AIC);
  const other = codingIn(substance, '2.16.840.1.113883.2.9.77.22.11.2');
  const agent = atc ? { kind: 'atc' as const, code: atc.code!, display: str(atc.display) ?? atc.code! }
    : aic ? { kind: 'aic' as const, code: aic.code!, display: str(aic.display) ?? aic.code! }
      : other ? { kind: 'substance' as const, code: other.code!, display: str(other.display) ?? other.code! } : undefined;
  if (!agent) {
    warnings.push('Allergia con agente non codificato con ATC, AIC o allergeni: resta nel documento.');
    return undefined;
  }
  const intolerance = r['type'] === 'intolerance';
  const drug = agent.kind !== 'substance';
  const manifest = codingIn(asArray(reaction?.['manifestation'] as CodeableConcept[] | undefined)[0], ICD9);
  const crit = str(r['criticality']);
  const status = str((r['clinicalStatus'] as CodeableConcept | undefined)?.coding?.[0]?.code);
  const onset = day(r['onsetDateTime']) ?? day((r['onsetPeriod'] as Json | undefined)?.['start']);
  return {
    id: `a${n}`,
    source: 'specialist',
    type: drug ? (intolerance ? 'DINT' : 'DALG') : intolerance ? 'OINT' : 'ALG',
    agent,
    ...(manifest ? { reaction: { code: manifest.code!, display: str(manifest.display) ?? manifest.code! } } : {}),
    ...(crit === 'high' ? { criticality: 'H' as const } : crit === 'low' ? { criticality: 'L' as const } : {}),
    status: status === 'resolved' || status === 'inactive' ? 'resolved' : 'active',
    ...(onset ? { onset } : {}),
  };
}

function medicine(r: Json, index: BundleIndex, n: number, warnings: string[]): ProposedMedicine | undefined {
  const med = (r['medicationCodeableConcept'] as CodeableConcept | undefined) ?? (index.resolve(r['medicationReference'] as Reference)?.['code'] as CodeableConcept | undefined);
  const atc = codingIn(med, ATC);
  const aic = codingIn(med, AIC);
  if (!atc) {
    warnings.push(`Terapia alla dimissione «${str(aic?.display) ?? 'farmaco'}»: senza codice ATC, resta nel documento.`);
    return undefined;
  }
  const dosages = asArray(r['dosageInstruction'] as Json[] | undefined);
  const repeat = dosages.map((d) => (d['timing'] as Json | undefined)?.['repeat'] as Json | undefined).find((x) => x?.['period']);
  const period = typeof repeat?.['period'] === 'number' ? (repeat['period'] as number) * ({ h: 1, d: 24, wk: 168 }[str(repeat['periodUnit']) ?? 'h'] ?? 1) : undefined;
  const bounds = dosages.map((d) => ((d['timing'] as Json | undefined)?.['repeat'] as Json | undefined)?.['boundsPeriod'] as Json | undefined).find(Boolean);
  const routeCode = dosages.map((d) => (d['route'] as CodeableConcept | undefined)?.coding?.[0]?.code).find(Boolean);
  const route = RouteCode.safeParse(routeCode);
  const dr = dosages.flatMap((d) => asArray(d['doseAndRate'] as Json[] | undefined)).find((x) => x['doseQuantity'] || x['doseRange']);
  const q = (dr?.['doseQuantity'] ?? (dr?.['doseRange'] as Json | undefined)?.['low']) as Json | undefined;
  const text = dosages.map((d) => str(d['text'])).find((t) => t && !t.startsWith('#'));
  const dose = typeof q?.['value'] === 'number' && q['value'] > 0 ? { value: q['value'] as number, unit: (str(q['unit']) ?? 'dose').slice(0, 20) } : undefined;
  const dosageText = (text ?? ([dose ? `${dose.value} ${dose.unit}` : '', period ? (period < 24 && 24 % period === 0 ? `${24 / period} volte al giorno` : `ogni ${period} ore`) : ''].filter(Boolean).join(', ') || 'come da lettera di dimissione')).slice(0, 300);
  const start = day(bounds?.['start']);
  const end = day(bounds?.['end']);
  return {
    id: `t${n}`,
    atc: { code: atc.code!, display: (str(atc.display) ?? atc.code!).slice(0, 300) },
    ...(aic && /^\d{9}$/.test(aic.code!) ? { aic: { code: aic.code!, display: (str(aic.display) ?? aic.code!).slice(0, 300) } } : {}),
    dosageText,
    ...(dose ? { dose } : {}),
    ...(route.success ? { route: route.data } : {}),
    ...(period ? { periodHours: period } : {}),
    ...(start ? { start } : {}),
    ...(end ? { end } : {}),
  };
}

export function parseFhirDocument(bundle: Json, composition: Json, index: BundleIndex): ReceivedContent {
  const header = compositionHeader(bundle, composition, index);
  const content = emptyContent(header);
  const secs = sections(composition, index);
  content.text = secs.map((s) => [s.title, s.text].filter(Boolean).join('\n')).filter(Boolean).join('\n\n').slice(0, 20_000);
  let n = 0;
  const ctx = { nextId: () => `o${++n}`, source: 'document' as const, fallbackTime: header.documentDate, index, warnings: content.warnings };
  const observationsOf = (list: Json[]) => list.filter((r) => r['resourceType'] === 'Observation').flatMap((o) => readFhirObservation(o, ctx));
  if (header.kind === 'LAB') {
    const reports = index.ofType('DiagnosticReport');
    for (const d of reports) {
      const results = asArray(d['result'] as Reference[] | undefined).map((r) => index.resolve(r)).filter((r): r is Json => !!r && r['resourceType'] === 'Observation');
      const specimen = specimenOf(index, asArray(d['specimen'] as Reference[] | undefined)[0]);
      content.observations.push(...results.flatMap((o) => readFhirObservation(o, { ...ctx, fallbackSpecimen: specimen })));
    }
    if (reports.length === 0) content.observations.push(...observationsOf(index.ofType('Observation')));
  } else if (header.kind === 'VPS') {
    content.observations.push(...observationsOf(secs.filter((s) => s.code === '8716-3').flatMap((s) => s.entries)));
  } else if (header.kind === 'LDO') {
    const encounter = index.resolve(composition['encounter'] as Reference | undefined);
    for (const s of secs) {
      if (s.code === '11535-2') {
        for (const r of s.entries) {
          const d = diagnosis(r);
          if (!d) continue;
          const p: ProblemEntry = { id: `p${content.problems.length + 1}`, source: 'specialist', diagnosis: d, status: 'active', chronic: false, note: 'Diagnosi alla dimissione ospedaliera' };
          const onset = day((encounter?.['period'] as Json | undefined)?.['end']);
          content.problems.push(onset ? { ...p, onset } : p);
        }
      } else if (s.code === '48765-2') {
        for (const r of s.entries.filter((x) => x['resourceType'] === 'AllergyIntolerance')) {
          const a = allergy(r, content.allergies.length + 1, content.warnings);
          if (a) content.allergies.push(a);
        }
      } else if (s.code === '10183-2') {
        for (const r of s.entries.filter((x) => x['resourceType'] === 'MedicationRequest' || x['resourceType'] === 'MedicationStatement')) {
          const m = medicine(r, index, content.therapy.length + 1, content.warnings);
          if (m) content.therapy.push(m);
        }
      }
    }
    const period = encounter?.['period'] as Json | undefined;
    const start = day(period?.['start']);
    if (start) {
      const end = day(period?.['end']);
      const first = content.problems[0];
      content.encounters.push({
        id: 'e1', source: 'specialist', encounterType: { code: 'IMP', display: 'Ricovero' }, start,
        ...(end ? { end } : {}),
        ...(header.organizationName ? { facility: header.organizationName.slice(0, 200) } : {}),
        ...(first ? { dischargeDiagnosis: first.diagnosis } : {}),
      });
    } else content.warnings.push('La lettera non indica le date del ricovero: il ricovero non entra nel diario.');
  }
  return content;
}
