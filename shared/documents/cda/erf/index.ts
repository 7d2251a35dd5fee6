/**
 * Erogazione farmaceutica (ERF, LOINC 60593-1; schematron FSE ErF 1.1): what the pharmacy
 * dispensed, one `supply` (moodCode EVN, template 2.16.840.1.113883.3.1937.777.63.10.295) per
 * product in the single section 60590-7: date (effectiveTime), packs (quantity), the product
 * (manufacturedMaterial/code AIC, its ATC as a translation). The input of adherence.
 * When the document gives only the AIC, `atcOf` (the AIFA list) supplies the ATC.
 */
import type { Dispensation } from '../../../domain/record/dispensation.ts';
import { type ReceivedContent, type ReceivedHeader, emptyContent } from '../../../import/content.ts';
import { OID } from '../datatypes.ts';
import { type El, attr, isoDate, kid, kids } from '../pss/parse/dom.ts';
import { documentText, sectionCode, sectionsOf } from '../received/narrative.ts';

export type AtcLookup = (aic: string) => { code: string; display: string } | undefined;

export function parseErf(root: El, header: ReceivedHeader, atcOf: AtcLookup = () => undefined): ReceivedContent {
  const content = emptyContent(header);
  content.text = documentText(root);
  const fallbackDate = header.documentDate?.slice(0, 10);
  for (const s of sectionsOf(root).filter((x) => sectionCode(x) === '60590-7')) {
    for (const supply of kids(s, 'entry').flatMap((e) => kids(e, 'supply'))) {
      const code = kid(supply, 'product', 'manufacturedProduct', 'manufacturedMaterial', 'code');
      const aic = attr(code, 'codeSystem') === OID.AIC ? attr(code, 'code') : undefined;
      const name = attr(code, 'displayName') ?? aic ?? 'farmaco';
      const atcEl = [code, ...kids(code, 'translation')].find((c) => attr(c, 'codeSystem') === OID.ATC);
      const atc = atcEl && attr(atcEl, 'code') ? { code: attr(atcEl, 'code')!, display: attr(atcEl, 'displayName') ?? attr(atcEl, 'code')! } : aic ? atcOf(aic) : undefined;
      const date = isoDate(attr(kid(supply, 'effectiveTime'), 'value')) ?? isoDate(attr(kid(supply, 'effectiveTime', 'low'), 'value')) ?? fallbackDate;
      const packs = Number(attr(kid(supply, 'quantity'), 'value') ?? '1');
      if (!atc) {
        content.warnings.push(`Erogazione di «${name}»: ATC non noto per l'AIC ${aic ?? '—'}, resta nel documento.`);
        continue;
      }
      if (!date || !Number.isFinite(packs) || packs <= 0) {
        content.warnings.push(`Erogazione di «${name}»: data o quantità mancanti, resta nel documento.`);
        continue;
      }
      const d: Dispensation = {
        id: `d${content.dispensations.length + 1}`,
        date,
        atc: { code: atc.code.slice(0, 40), display: atc.display.slice(0, 300) },
        packs,
        source: 'document',
        ...(aic && /^\d{9}$/.test(aic) ? { aic: { code: aic, display: name.slice(0, 300) } } : {}),
      };
      content.dispensations.push(d);
    }
  }
  if (content.dispensations.length === 0) content.warnings.push('Il documento non contiene erogazioni codificate.');
  return content;
}
