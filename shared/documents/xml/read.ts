/**
 * Reading back the trees xml/writer.ts builds: what the PDF content of every document type
 * takes from its CDA narrative (the IG's "human-readable = narrative" rule), in one place.
 */
import type { XmlElement, XmlNode } from './writer.ts';

/** The first child element named `name`, if any. */
export function childElement(e: XmlElement | undefined, name: string): XmlElement | undefined {
  return e?.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === name);
}

/** The child elements named `name` (every child element without a name), in order. */
export function childElements(e: XmlElement | undefined, name?: string): XmlElement[] {
  return (e?.children ?? []).filter((c): c is XmlElement => typeof c !== 'string' && (name === undefined || c.name === name));
}

/** The text of a node and everything below it, as printed. */
export function textOf(n: XmlNode): string {
  return typeof n === 'string' ? n : n.children.map(textOf).join('');
}

/** A narrative `<table>`: the header cells of thead's row and the cells of each tbody row. */
export function narrativeTable(t: XmlElement): { headers: string[]; rows: string[][] } {
  return {
    headers: childElements(childElement(childElement(t, 'thead'), 'tr'), 'th').map(textOf),
    rows: childElements(childElement(t, 'tbody'), 'tr').map((tr) => childElements(tr, 'td').map(textOf)),
  };
}
