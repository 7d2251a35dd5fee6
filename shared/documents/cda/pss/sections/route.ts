/** HL7 RouteOfAdministration (2.16.840.1.113883.5.112) as routeCode, with Italian labels. */
import type { RouteCode } from '../../../../domain/record/entry-base.ts';
import type { XmlElement } from '../../../xml/writer.ts';
import { OID, cd } from '../../datatypes.ts';

export const ROUTE_LABEL: Record<RouteCode, string> = {
  PO: 'Orale', SL: 'Sublinguale', SQ: 'Sottocutanea', IM: 'Intramuscolare', IV: 'Endovenosa',
  NASINHL: 'Inalatoria nasale', TRNSDERM: 'Transdermica', RECTAL: 'Rettale',
};
const ROUTE_DISPLAY: Record<RouteCode, string> = {
  PO: 'Swallow, oral', SL: 'Dissolve, sublingual', SQ: 'Injection, subcutaneous', IM: 'Injection, intramuscular',
  IV: 'Infusion, intravenous', NASINHL: 'Inhalation, nasal', TRNSDERM: 'Transdermal', RECTAL: 'Topical application, rectal',
};

export function routeCode(r: RouteCode): XmlElement {
  return cd('routeCode', { code: r, codeSystem: OID.ROUTE, codeSystemName: 'HL7 RouteOfAdministration', displayName: ROUTE_DISPLAY[r] });
}
