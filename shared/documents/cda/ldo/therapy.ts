/**
 * Discharge therapy of a Lettera di dimissione (section 10183-2): each coded substance
 * administration (AIC with its ATC translation, dose, period, route) proposed to the therapy
 * reconciliation. Medicines the letter only lists in words stay in the document, and the
 * preview says how many.
 */
import { RouteCode } from '../../../domain/record/entry-base.ts';
import type { ProposedMedicine } from '../../../import/content.ts';
import { type El, attr, isoDate, kid, kids } from '../pss/parse/dom.ts';
import { product } from '../pss/parse/reader.ts';

function periodHours(sa: El): number | undefined {
  const p = kids(sa, 'effectiveTime').map((t) => kid(t, 'period')).find(Boolean);
  const v = Number(attr(p, 'value'));
  if (!Number.isFinite(v) || v <= 0) return undefined;
  const unit = attr(p, 'unit') ?? 'h';
  const hours = unit === 'd' ? v * 24 : unit === 'wk' ? v * 168 : unit === 'min' ? v / 60 : unit === 'h' ? v : undefined;
  return hours;
}

function dose(sa: El): { value: number; unit: string; text: string } | undefined {
  const d = kid(sa, 'doseQuantity');
  const one = Number(attr(d, 'value'));
  const lo = Number(attr(kid(d, 'low'), 'value'));
  const hi = Number(attr(kid(d, 'high'), 'value'));
  const unit = attr(d, 'unit') ?? attr(kid(d, 'low'), 'unit') ?? attr(kid(d, 'high'), 'unit') ?? '';
  if (Number.isFinite(one) && one > 0) return { value: one, unit: unit || 'dose', text: `${one} ${unit}`.trim() };
  if (Number.isFinite(lo) && lo > 0) return { value: lo, unit: unit || 'dose', text: Number.isFinite(hi) && hi > lo ? `${lo}-${hi} ${unit}`.trim() : `${lo} ${unit}`.trim() };
  return undefined;
}

function everyText(hours: number | undefined): string | undefined {
  if (hours === undefined) return undefined;
  if (hours === 24) return '1 volta al giorno';
  if (hours < 24 && Number.isInteger(24 / hours)) return `${24 / hours} volte al giorno`;
  return `ogni ${hours} ore`;
}

export function readDischargeTherapy(section: El, narrativeOf: (ref: string | undefined) => string | undefined, warnings: string[]): ProposedMedicine[] {
  const out: ProposedMedicine[] = [];
  const items = kids(section, 'entry').flatMap((e) => kids(e, 'substanceAdministration'));
  for (const sa of items) {
    const p = product(sa);
    if (!p.atc) {
      warnings.push(`Terapia alla dimissione «${p.aic?.display ?? 'farmaco'}»: senza codice ATC, resta nel documento.`);
      continue;
    }
    const d = dose(sa);
    const hours = periodHours(sa);
    const route = RouteCode.safeParse(attr(kid(sa, 'routeCode'), 'code'));
    const written = narrativeOf(attr(kid(sa, 'text', 'reference'), 'value'));
    const dosageText = (written || [d?.text, everyText(hours)].filter(Boolean).join(', ') || 'come da lettera di dimissione').slice(0, 300);
    const start = isoDate(attr(kids(sa, 'effectiveTime').map((t) => kid(t, 'low')).find(Boolean), 'value'));
    const end = isoDate(attr(kids(sa, 'effectiveTime').map((t) => kid(t, 'high')).find(Boolean), 'value'));
    out.push({
      id: `t${out.length + 1}`,
      atc: { code: p.atc.code.slice(0, 40), display: p.atc.display.slice(0, 300) },
      ...(p.aic && /^\d{9}$/.test(p.aic.code) ? { aic: { code: p.aic.code, display: p.aic.display.slice(0, 300) } } : {}),
      dosageText,
      ...(d ? { dose: { value: d.value, unit: d.unit.slice(0, 20) } } : {}),
      ...(route.success ? { route: route.data } : {}),
      ...(hours ? { periodHours: hours } : {}),
      ...(start ? { start } : {}),
      ...(end ? { end } : {}),
    });
  }
  const listed = kids(kid(section, 'text'), 'list').flatMap((l) => kids(l, 'item')).length;
  if (listed > items.length) {
    warnings.push(`La terapia alla dimissione elenca ${listed} voci nel testo, ${out.length} ${out.length === 1 ? 'codificata' : 'codificate'}: le altre restano nel documento.`);
  }
  return out;
}
