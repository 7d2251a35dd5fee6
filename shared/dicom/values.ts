/**
 * Typed reads of one element's value, over dicom-parser's data set: text decoded with the
 * file's Specific Character Set (PS3.5 §6.1, §6.2: ISO_IR 192 is UTF-8, ISO_IR 100 Latin-1,
 * the default repertoire ASCII), numbers of the binary and string VRs, multi-values split
 * on backslash (PS3.5 §6.4). Undefined whenever the element is absent or empty.
 */
import type { DataSet, Element } from './dicom-parser.ts';
import { TAG } from './tags.ts';

interface TextDecoderLike {
  decode(input: Uint8Array): string;
}
type TextDecoderCtor = new (label: string) => TextDecoderLike;
const decoders = new Map<string, TextDecoderLike>();

// TextDecoder (WHATWG Encoding) exists in Node, browsers and workers.
function decoder(label: string): TextDecoderLike {
  let d = decoders.get(label);
  if (!d) {
    d = new (globalThis as unknown as { TextDecoder: TextDecoderCtor }).TextDecoder(label);
    decoders.set(label, d);
  }
  return d;
}

/** WHATWG encoding label for a Specific Character Set value (first value; code extensions not switched). */
export function encodingLabel(specificCharacterSet: string | undefined): string {
  const first = (specificCharacterSet ?? '').split('\\').map((s) => s.trim()).find((s) => s !== '') ?? '';
  if (first === 'ISO_IR 192') return 'utf-8';
  if (first === 'ISO_IR 101' || first === 'ISO 2022 IR 101') return 'iso-8859-2';
  if (first === 'ISO_IR 109' || first === 'ISO 2022 IR 109') return 'iso-8859-3';
  if (first === 'ISO_IR 110' || first === 'ISO 2022 IR 110') return 'iso-8859-4';
  if (first === 'ISO_IR 144' || first === 'ISO 2022 IR 144') return 'iso-8859-5';
  if (first === 'ISO_IR 126' || first === 'ISO 2022 IR 126') return 'iso-8859-7';
  if (first === 'ISO_IR 148' || first === 'ISO 2022 IR 148') return 'iso-8859-9';
  if (first === 'GB18030' || first === 'GBK') return 'gb18030';
  // Default repertoire and ISO_IR 100: Latin-1 (a superset of ASCII; Italian files often
  // carry accented letters without declaring the character set).
  return 'latin1';
}

export class Values {
  private readonly label: string;

  constructor(readonly dataSet: DataSet) {
    this.label = 'latin1'; // the Specific Character Set value itself is ASCII
    this.label = encodingLabel(this.string(TAG.SpecificCharacterSet));
  }

  element(tag: string): Element | undefined {
    const el = this.dataSet.elements[tag];
    return el && el.length > 0 && el.dataOffset + el.length <= this.dataSet.byteArray.length ? el : undefined;
  }

  /** All values of a string VR, character set decoded, padding (spaces, NULs) trimmed. */
  strings(tag: string): string[] | undefined {
    const el = this.element(tag);
    if (!el) return undefined;
    const bytes = this.dataSet.byteArray.subarray(el.dataOffset, el.dataOffset + el.length);
    const text = decoder(this.label).decode(bytes);
    const values = text.split('\\').map((v) => v.replace(/[\0 ]+$/g, '').replace(/^ +/, ''));
    return values.some((v) => v !== '') ? values : undefined;
  }

  string(tag: string): string | undefined {
    const v = this.strings(tag)?.[0];
    return v === '' ? undefined : v;
  }

  /** Numbers of a DS or IS element; undefined if any value is not a finite number. */
  numbers(tag: string): number[] | undefined {
    const values = this.strings(tag);
    if (!values) return undefined;
    const numbers = values.map((v) => Number(v.trim()));
    return numbers.every((n) => Number.isFinite(n)) ? numbers : undefined;
  }

  number(tag: string): number | undefined {
    return this.numbers(tag)?.[0];
  }

  /** US (binary unsigned 16) value; `index` for multi-valued. */
  uint16(tag: string, index = 0): number | undefined {
    const el = this.element(tag);
    if (!el || el.length < (index + 1) * 2) return undefined;
    return this.dataSet.uint16(tag, index);
  }

  uint32(tag: string, index = 0): number | undefined {
    const el = this.element(tag);
    if (!el || el.length < (index + 1) * 4) return undefined;
    return this.dataSet.uint32(tag, index);
  }

  /** Items of a sequence, each as Values (same character set unless the item says otherwise). */
  items(tag: string): Values[] {
    const el = this.dataSet.elements[tag];
    return (el?.items ?? []).flatMap((item) => (item.dataSet ? [new Values(item.dataSet)] : []));
  }
}

/** DA (YYYYMMDD, PS3.5 §6.2) as ISO YYYY-MM-DD, or undefined when not a real date. */
export function isoDate(da: string | undefined): string | undefined {
  const m = /^(\d{4})\.?(\d{2})\.?(\d{2})$/.exec(da?.trim() ?? '');
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

/** TM (HHMMSS.FFFFFF, components optional) as HH:MM[:SS], or undefined. */
export function isoTime(tm: string | undefined): string | undefined {
  const m = /^(\d{2}):?(\d{2})?:?(\d{2})?/.exec(tm?.trim() ?? '');
  if (!m || Number(m[1]) > 23 || Number(m[2] ?? 0) > 59 || Number(m[3] ?? 0) > 60) return undefined;
  return [m[1], m[2] ?? '00', ...(m[3] ? [m[3]] : [])].join(':');
}

export interface PersonName {
  family?: string;
  given?: string;
  middle?: string;
  prefix?: string;
  suffix?: string;
  /** The value as stored (alphabetic group), for matching and display fallbacks. */
  raw: string;
}

/** PN (PS3.5 §6.2.1): the alphabetic component group, split on '^'. */
export function personName(pn: string | undefined): PersonName | undefined {
  const alphabetic = pn?.split('=')[0]?.trim();
  if (!alphabetic) return undefined;
  const [family, given, middle, prefix, suffix] = alphabetic.split('^').map((p) => p.trim());
  const name: PersonName = { raw: alphabetic };
  if (family) name.family = family;
  if (given) name.given = given;
  if (middle) name.middle = middle;
  if (prefix) name.prefix = prefix;
  if (suffix) name.suffix = suffix;
  return name;
}
