/**
 * A tiny XML tree and serializer. Every text and attribute value goes through escaping here,
 * so builders never concatenate user text into markup. Characters that XML 1.0 forbids
 * (C0 controls other than tab/CR/LF, lone surrogates, U+FFFE/U+FFFF) are dropped: a pasted
 * control character must not make the document not well-formed.
 */

export interface XmlElement {
  readonly name: string;
  readonly attrs: ReadonlyArray<readonly [string, string]>;
  readonly children: readonly XmlNode[];
}
/** A string child is text. */
export type XmlNode = XmlElement | string;
/** What builders may pass as children: falsy values are skipped, arrays are flattened. */
export type XmlChild = XmlNode | null | undefined | false | readonly XmlChild[];
export type XmlAttrs = Record<string, string | number | boolean | null | undefined>;

const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function stripInvalidXmlChars(s: string): string {
  return s.replace(INVALID_XML_CHARS, '');
}

export function escapeText(s: string): string {
  return stripInvalidXmlChars(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

function flatten(children: readonly XmlChild[], out: XmlNode[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (typeof c === 'string') out.push(c);
    else if (Array.isArray(c)) flatten(c as readonly XmlChild[], out);
    else out.push(c as XmlElement);
  }
}

/** An element; attributes with null/undefined values are left out, order is kept. */
export function el(name: string, attrs?: XmlAttrs | null, ...children: XmlChild[]): XmlElement {
  const a: Array<readonly [string, string]> = [];
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) a.push([k, String(v)]);
  }
  const c: XmlNode[] = [];
  flatten(children, c);
  return { name, attrs: a, children: c };
}

function write(node: XmlElement, indent: string, out: string[]): void {
  let open = `<${node.name}`;
  for (const [k, v] of node.attrs) open += ` ${k}="${escapeAttr(v)}"`;
  if (node.children.length === 0) {
    out.push(`${indent}${open}/>`);
    return;
  }
  // Mixed content (narrative <content>, <td> text) is written inline: indenting it would
  // change the text the reader sees.
  if (node.children.some((c) => typeof c === 'string')) {
    out.push(`${indent}${open}>${node.children.map(inline).join('')}</${node.name}>`);
    return;
  }
  out.push(`${indent}${open}>`);
  for (const c of node.children) write(c as XmlElement, `${indent}  `, out);
  out.push(`${indent}</${node.name}>`);
}

function inline(node: XmlNode): string {
  if (typeof node === 'string') return escapeText(node);
  let s = `<${node.name}`;
  for (const [k, v] of node.attrs) s += ` ${k}="${escapeAttr(v)}"`;
  if (node.children.length === 0) return `${s}/>`;
  return `${s}>${node.children.map(inline).join('')}</${node.name}>`;
}

/** The document as UTF-8 XML text with declaration, two-space indentation, LF line ends. */
export function serializeXml(root: XmlElement): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  write(root, '', out);
  return `${out.join('\n')}\n`;
}

/** One element as compact XML text, no declaration (for embedding, e.g. FHIR XHTML narrative). */
export function serializeFragment(node: XmlElement): string {
  return inline(node);
}
