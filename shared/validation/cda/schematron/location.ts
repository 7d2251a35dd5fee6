/**
 * SVRL `@location` in the ISO skeleton's XSLT2 form (iso_schematron_skeleton_for_saxon.xsl,
 * mode schematron-get-full-path), so locations compare equal to the referee's:
 * `/*:ClinicalDocument[namespace-uri()='urn:hl7-org:v3'][1]/…`, the index counting preceding
 * siblings with the same local name and namespace.
 */
import type { Attr, Element, Node } from 'slimdom';

const ELEMENT_NODE = 1;
const ATTRIBUTE_NODE = 2;

function elementStep(el: Element): string {
  let pos = 1;
  for (let s = el.previousElementSibling; s !== null; s = s.previousElementSibling) {
    if (s.localName === el.localName && s.namespaceURI === el.namespaceURI) pos++;
  }
  const name = el.namespaceURI === null || el.namespaceURI === ''
    ? el.nodeName
    : `*:${el.localName}[namespace-uri()='${el.namespaceURI}']`;
  return `/${name}[${pos}]`;
}

export function isoPath(node: Node): string {
  const steps: string[] = [];
  let n: Node | null = node;
  if (n.nodeType === ATTRIBUTE_NODE) {
    const a = n as Attr;
    steps.push(
      a.namespaceURI === null || a.namespaceURI === ''
        ? `/@${a.nodeName}`
        : `/@*[local-name()='${a.localName}' and namespace-uri()='${a.namespaceURI}']`,
    );
    n = a.ownerElement;
  }
  while (n !== null && n.nodeType === ELEMENT_NODE) {
    steps.push(elementStep(n as Element));
    n = n.parentNode;
  }
  return steps.length === 0 ? '/' : steps.reverse().join('');
}
