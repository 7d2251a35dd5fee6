import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { el, escapeAttr, escapeText, serializeXml } from '../../../shared/documents/xml/writer.ts';

describe('XML writer', () => {
  it('escapes markup characters in text and attributes', () => {
    expect(escapeText('a < b & c > d')).toBe('a &lt; b &amp; c &gt; d');
    expect(escapeAttr('say "hi" & <bye>\n')).toBe('say &quot;hi&quot; &amp; &lt;bye&gt;&#10;');
  });

  it('drops characters XML 1.0 forbids, keeps tab/newline and astral characters', () => {
    expect(escapeText('a\u0000b\u0007c\td\n\uD83D\uDE00\uFFFF')).toBe('ab' + 'c\td\n\uD83D\uDE00');
  });

  it('round-trips hostile user text through a parser unchanged', () => {
    const hostile = '</td><script>alert(1)</script> & "x" \'y\' ]]> <!-- -->';
    const xml = serializeXml(el('root', { note: hostile }, el('td', null, hostile)));
    const doc = new DOMParser().parseFromString(xml, 'text/xml');
    const root = doc.documentElement!;
    expect(root.getAttribute('note')).toBe(hostile);
    expect(root.getElementsByTagName('td')[0]!.textContent).toBe(hostile);
    expect(root.getElementsByTagName('script').length).toBe(0);
  });

  it('skips null/undefined attributes and falsy children, flattens arrays', () => {
    const xml = serializeXml(el('a', { x: undefined, y: null, z: 0 }, null, false, [el('b'), [el('c')]]));
    expect(xml).toContain('<a z="0">');
    expect(xml).toMatch(/<b\/>\s*<c\/>/);
  });
});
