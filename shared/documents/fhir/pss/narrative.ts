/**
 * Composition.section.text from the CDA section narrative, so both documents say the same
 * thing: CDA NarrativeBlock elements map to their XHTML counterparts (content → span,
 * paragraph → p, list/item → ul/li, ID → id), wrapped in the XHTML div FHIR requires.
 */
import { el, serializeFragment, type XmlElement, type XmlNode } from '../../xml/writer.ts';

const NAME: Record<string, string> = { content: 'span', paragraph: 'p', list: 'ul', item: 'li' };
const KEEP = new Set(['table', 'thead', 'tbody', 'tr', 'th', 'td', 'caption', 'br', 'sub', 'sup', 'span', 'p', 'ul', 'li']);

function convert(node: XmlNode): XmlNode {
  if (typeof node === 'string') return node;
  const name = NAME[node.name] ?? node.name;
  const children = node.children.map(convert);
  if (!KEEP.has(name)) return el('span', null, children);
  const id = node.attrs.find(([k]) => k === 'ID')?.[1];
  return el(name, id ? { id } : null, children);
}

/** The CDA `<text>` element's children as a FHIR narrative div. */
export function xhtmlFromCdaText(text: XmlElement): string {
  return serializeFragment(el('div', { xmlns: 'http://www.w3.org/1999/xhtml' }, text.children.map(convert)));
}
