/**
 * The few CDA header values the gateway ties to the JWT and the request (FSE-GATEWAY.md §4;
 * DSP JwtSRV, CdaUtility): the patient ids (person_id), the first `<code>`
 * (resource_hl7_type) and `ClinicalDocument/id` (workflowInstanceId).
 */
import type { Element } from 'slimdom';
import { decodeXml, parseXml } from '../validation/cda/xml.ts';

const HL7 = 'urn:hl7-org:v3';

export interface CdaFacts {
  /** `ClinicalDocument/id`. */
  id: { root: string; extension: string } | undefined;
  /** Every `recordTarget/patientRole/id`. */
  patientIds: { root: string; extension: string }[];
  /** First `<code>` element in document order. */
  documentCode: { code: string; codeSystem: string } | undefined;
}

function kids(el: Element, name: string): Element[] {
  return Array.from(el.children).filter((c) => c.localName === name && c.namespaceURI === HL7);
}

function firstCode(el: Element): Element | undefined {
  for (const c of Array.from(el.children)) {
    if (c.localName === 'code' && c.namespaceURI === HL7) return c;
    const inner = firstCode(c);
    if (inner) return inner;
  }
  return undefined;
}

/** Read the facts; throws on XML that does not parse. */
export function readCdaFacts(xml: Uint8Array | string): CdaFacts {
  const doc = parseXml(typeof xml === 'string' ? xml : decodeXml(xml));
  const root = doc.documentElement;
  if (!root || root.localName !== 'ClinicalDocument' || root.namespaceURI !== HL7) {
    return { id: undefined, patientIds: [], documentCode: undefined };
  }
  const idEl = kids(root, 'id')[0];
  const patientIds: CdaFacts['patientIds'] = [];
  for (const rt of kids(root, 'recordTarget')) {
    for (const pr of kids(rt, 'patientRole')) {
      for (const id of kids(pr, 'id')) patientIds.push({ root: id.getAttribute('root') ?? '', extension: id.getAttribute('extension') ?? '' });
    }
  }
  const code = firstCode(root);
  return {
    id: idEl ? { root: idEl.getAttribute('root') ?? '', extension: idEl.getAttribute('extension') ?? '' } : undefined,
    patientIds,
    documentCode: code ? { code: code.getAttribute('code') ?? '', codeSystem: code.getAttribute('codeSystem') ?? '' } : undefined,
  };
}
