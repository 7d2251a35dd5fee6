/** The tokenizer of the fast XPath evaluator (xpath.ts): names, strings, numbers, variables, symbols. */
import { Unsupported } from './values.ts';

export type Tok =
  | { k: 'name'; v: string }
  | { k: 'str'; v: string }
  | { k: 'num'; v: number }
  | { k: 'var'; v: string }
  | { k: 'sym'; v: string };

const NAME_START = /[A-Za-z_\u00C0-\uFFFF]/;
const NAME_CHAR = /[A-Za-z0-9_.\-\u00B7\u00C0-\uFFFF]/;

export function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (src.startsWith('(:', i)) throw new Unsupported('comments');
    if (c === "'" || c === '"') {
      let j = i + 1;
      let s = '';
      for (;;) {
        if (j >= n) throw new Unsupported('unterminated string');
        if (src[j] === c) {
          if (src[j + 1] === c) {
            s += c;
            j += 2;
            continue;
          }
          break;
        }
        s += src[j];
        j++;
      }
      toks.push({ k: 'str', v: s });
      i = j + 1;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(src.slice(i)) as RegExpExecArray;
      toks.push({ k: 'num', v: Number(m[0]) });
      i += m[0].length;
      continue;
    }
    if (c === '$') {
      let j = i + 1;
      while (j < n && NAME_CHAR.test(src[j] as string)) j++;
      toks.push({ k: 'var', v: src.slice(i + 1, j) });
      i = j;
      continue;
    }
    if (NAME_START.test(c)) {
      let j = i + 1;
      while (j < n && NAME_CHAR.test(src[j] as string)) j++;
      // QName prefix:local or prefix:* (but not an axis `name::`).
      if (src[j] === ':' && src[j + 1] !== ':' && j + 1 < n && (NAME_START.test(src[j + 1] as string) || src[j + 1] === '*')) {
        j++;
        if (src[j] === '*') j++;
        else while (j < n && NAME_CHAR.test(src[j] as string)) j++;
      }
      toks.push({ k: 'name', v: src.slice(i, j) });
      i = j;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (['//', '::', '!=', '<=', '>=', '..'].includes(two)) {
      toks.push({ k: 'sym', v: two });
      i += 2;
      continue;
    }
    if ('/()[],@=<>|*.+-'.includes(c)) {
      toks.push({ k: 'sym', v: c });
      i++;
      continue;
    }
    throw new Unsupported(`character ${c}`);
  }
  return toks;
}
