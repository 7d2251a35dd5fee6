/**
 * The few CDA header values the gateway ties to the JWT and the request (FSE-GATEWAY.md §4;
 * DSP JwtSRV, CdaUtility): the patient ids (person_id), the first `<code>`
 * (resource_hl7_type) and `ClinicalDocument/id` (workflowInstanceId).
 */
import type { Element } from 'slimdom';
import { decodeXml } from '../xml/decode.ts';
import { parseXml } from '../validation/cda/xml.ts';

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

/**
 * The header only: everything before the body `<component>` (the last child of
 * ClinicalDocument), closed again. Parsing a whole PSS takes ~100 ms; its header, ~1 ms.
 * Returns undefined when the cut cannot be made safely.
 */
function headerOnly(text: string): string | undefined {
  const root = /<((?:[A-Za-z_][\w.-]*:)?)ClinicalDocument[\s>]/.exec(text);
  if (!root) return undefined;
  const prefix = root[1] ?? '';
  const body = new RegExp(`<${prefix.replace('.', '\\.')}component[\\s>]`).exec(text);
  if (!body) return undefined;
  return `${text.slice(0, body.index)}</${prefix}ClinicalDocument>`;
}

/** Read the facts; throws on XML that does not parse. */
export function readCdaFacts(xml: Uint8Array | string): CdaFacts {
  const text = typeof xml === 'string' ? xml : decodeXml(xml);
  let doc: ReturnType<typeof parseXml>;
  const head = headerOnly(text);
  try {
    doc = parseXml(head ?? text);
  } catch (e) {
    if (head === undefined) throw e;
    doc = parseXml(text);
  }
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
