/**
 * A sequential-DCT JPEG decoder (ITU-T T.81 / ISO 10918-1): baseline (SOF0) and extended
 * Huffman (SOF1) processes, 8- and 12-bit sample precision, one to four components with
 * any sampling factors, restart intervals, interleaved and non-interleaved scans.
 * It exists for DICOM's JPEG Extended transfer syntax (1.2.840.10008.1.2.4.51, processes 2
 * and 4), whose 12-bit images libjpeg-turbo's 8-bit build cannot decode. Progressive and
 * arithmetic-coded processes are refused (not used by DICOM's .50/.51).
 *
 * Written from the standard: Annex F (sequential DCT decoding: F.2.2 Huffman decoding,
 * F.2.1.3 DC prediction, F.2.2.5 the bit stream with 0xFF00 stuffing), Annex A.3 (the IDCT,
 * computed here in floating point by its definition, separably), Annex B (markers).
 * Corrupt entropy-coded data decodes to something or throws; it never reads past its input.
 */
import { dicomError } from '../errors.ts';

export interface JpegFrame {
  width: number;
  height: number;
  precision: number;
  components: number;
  /** Interleaved samples, Uint8Array for 8-bit, Uint16Array for 12-bit precision. */
  samples: Uint8Array | Uint16Array;
  /** Whether the decoder converted YCbCr to RGB (JFIF rules, Adobe APP14 transform flag). */
  convertedToRgb: boolean;
}

interface Component {
  id: number;
  h: number;
  v: number;
  tq: number;
  blocksPerLine: number;
  blocksPerColumn: number;
  /** Decoded (IDCT'd, level-shifted) samples, blocksPerLine*8 × blocksPerColumn*8. */
  plane: Float32Array;
  coefficients: Int32Array;
  dcTable?: Huffman;
  acTable?: Huffman;
  pred: number;
}

interface Huffman {
  /** Per code length 1..16: the largest code of that length (−1 if none). */
  maxCode: Int32Array;
  valPtr: Int32Array;
  minCode: Int32Array;
  values: Uint8Array;
}

const ZIGZAG = new Int32Array([
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43,
  36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
]);

// C(u) cos((2x+1)uπ/16) / 2, the 1-D IDCT basis of A.3.3.
const BASIS = (() => {
  const t = new Float32Array(64);
  for (let x = 0; x < 8; x++) {
    for (let u = 0; u < 8; u++) t[x * 8 + u] = ((u === 0 ? Math.SQRT1_2 : 1) * Math.cos(((2 * x + 1) * u * Math.PI) / 16)) / 2;
  }
  return t;
})();

function fail(message: string): never {
  throw dicomError('corrupt-pixel-data', `JPEG: ${message}`);
}

function buildHuffman(counts: Uint8Array, values: Uint8Array): Huffman {
  const maxCode = new Int32Array(18).fill(-1);
  const minCode = new Int32Array(17);
  const valPtr = new Int32Array(17);
  let code = 0;
  let k = 0;
  for (let len = 1; len <= 16; len++) {
    const n = counts[len - 1]!;
    valPtr[len] = k;
    minCode[len] = code;
    code += n;
    k += n;
    maxCode[len] = n > 0 ? code - 1 : -1;
    code <<= 1;
  }
  maxCode[17] = 0x7fffffff;
  return { maxCode, minCode, valPtr, values };
}

class BitReader {
  private bits = 0;
  private count = 0;
  /** Set when a marker (other than stuffing) was met: the rest of the segment reads as zeros (F.2.2.5, as libjpeg). */
  hitMarker = false;

  constructor(
    private readonly data: Uint8Array,
    public pos: number,
  ) {}

  private fill(): void {
    while (this.count <= 24) {
      let byte = 0;
      if (!this.hitMarker && this.pos < this.data.length) {
        byte = this.data[this.pos]!;
        if (byte === 0xff) {
          const next = this.pos + 1 < this.data.length ? this.data[this.pos + 1]! : 0xd9;
          if (next === 0) this.pos += 2;
          else {
            this.hitMarker = true;
            byte = 0;
          }
        } else this.pos++;
      }
      this.bits = (this.bits << 8) | byte;
      this.count += 8;
    }
  }

  bit(): number {
    if (this.count === 0) this.fill();
    this.count--;
    return (this.bits >>> this.count) & 1;
  }

  receive(n: number): number {
    if (n === 0) return 0;
    if (this.count < n) this.fill();
    this.count -= n;
    return (this.bits >>> this.count) & ((1 << n) - 1);
  }

  /** RECEIVE + EXTEND (F.2.2.1). */
  receiveExtend(n: number): number {
    if (n === 0) return 0;
    if (n > 16) fail('coefficient size over 16 bits');
    const v = this.receive(n);
    return v < 1 << (n - 1) ? v - (1 << n) + 1 : v;
  }

  decode(h: Huffman): number {
    let code = 0;
    for (let len = 1; len <= 16; len++) {
      code = (code << 1) | this.bit();
      if (code <= h.maxCode[len]!) return h.values[h.valPtr[len]! + code - h.minCode[len]!] ?? 0;
    }
    return 0; // invalid code: read as zero, as libjpeg does after warning
  }

  /** Skips to after the next RSTn marker (restart interval, F.2.1.3.1). */
  restart(): void {
    this.bits = 0;
    this.count = 0;
    this.hitMarker = false;
    while (this.pos + 1 < this.data.length) {
      if (this.data[this.pos] === 0xff && this.data[this.pos + 1]! >= 0xd0 && this.data[this.pos + 1]! <= 0xd7) {
        this.pos += 2;
        return;
      }
      if (this.data[this.pos] === 0xff && this.data[this.pos + 1] !== 0 && this.data[this.pos + 1] !== 0xff) return;
      this.pos++;
    }
  }

  /** Position after the scan's entropy-coded data: the next marker. */
  endOfScan(): number {
    let p = this.pos;
    while (p + 1 < this.data.length && !(this.data[p] === 0xff && this.data[p + 1] !== 0 && !(this.data[p + 1]! >= 0xd0 && this.data[p + 1]! <= 0xd7))) p++;
    return p;
  }
}

function idctBlock(coef: Int32Array, at: number, q: Uint16Array, out: Float32Array, outAt: number, stride: number, tmp: Float32Array): void {
  // Dequantise and transform rows then columns (A.3.3, separable form).
  for (let v = 0; v < 8; v++) {
    for (let x = 0; x < 8; x++) {
      let s = 0;
      for (let u = 0; u < 8; u++) {
        const c = coef[at + v * 8 + u]!;
        if (c !== 0) s += BASIS[x * 8 + u]! * c * q[v * 8 + u]!;
      }
      tmp[v * 8 + x] = s;
    }
  }
  for (let x = 0; x < 8; x++) {
    for (let y = 0; y < 8; y++) {
      let s = 0;
      for (let v = 0; v < 8; v++) s += BASIS[y * 8 + v]! * tmp[v * 8 + x]!;
      out[outAt + y * stride + x] = s;
    }
  }
}

/** Decodes a JPEG codestream (SOI … EOI) of processes 1, 2 and 4. */
export function decodeJpegDct(data: Uint8Array, expected?: { width: number; height: number; components: number }): JpegFrame {
  let pos = 0;
  const u8 = () => (pos < data.length ? data[pos++]! : fail('unexpected end of data'));
  const u16 = () => (u8() << 8) | u8();
  if (u16() !== 0xffd8) fail('no SOI marker');

  const qt: Uint16Array[] = [];
  const dcTables: Huffman[] = [];
  const acTables: Huffman[] = [];
  let components: Component[] = [];
  let width = 0;
  let height = 0;
  let precision = 8;
  let hMax = 1;
  let vMax = 1;
  let mcusPerLine = 0;
  let mcusPerColumn = 0;
  let restartInterval = 0;
  let jfif = false;
  let adobeTransform: number | undefined;
  let frameSeen = false;

  for (;;) {
    let marker = u16();
    while (marker === 0xffff) marker = 0xff00 | u8(); // fill bytes (B.1.1.2)
    if (marker === 0xffd9) break;
    if ((marker & 0xff00) !== 0xff00) fail(`expected a marker at ${pos - 2}`);
    if (marker >= 0xffd0 && marker <= 0xffd7) continue;
    const length = u16();
    const end = pos + length - 2;
    if (length < 2 || end > data.length) fail('segment past the end of data');
    switch (marker) {
      case 0xffdb: // DQT (B.2.4.1)
        while (pos < end) {
          const pq = u8();
          const table = new Uint16Array(64);
          for (let i = 0; i < 64; i++) table[ZIGZAG[i]!] = pq >> 4 ? u16() : u8();
          qt[pq & 15] = table;
        }
        break;
      case 0xffc4: // DHT (B.2.4.2)
        while (pos < end) {
          const tc = u8();
          const counts = data.subarray(pos, pos + 16);
          pos += 16;
          const total = counts.reduce((a, b) => a + b, 0);
          if (pos + total > end) fail('Huffman table past its segment');
          const table = buildHuffman(counts, data.slice(pos, pos + total));
          pos += total;
          (tc >> 4 ? acTables : dcTables)[tc & 15] = table;
        }
        break;
      case 0xffdd: // DRI
        restartInterval = u16();
        break;
      case 0xffe0:
        jfif = length >= 7 && data[pos] === 0x4a && data[pos + 1] === 0x46 && data[pos + 2] === 0x49 && data[pos + 3] === 0x46;
        break;
      case 0xffee: // Adobe APP14: transform flag at offset 11
        if (length >= 14 && data[pos] === 0x41 && data[pos + 1] === 0x64) adobeTransform = data[pos + 11];
        break;
      case 0xffc0:
      case 0xffc1: {
        if (frameSeen) fail('second frame header');
        frameSeen = true;
        precision = u8();
        height = u16();
        width = u16();
        const n = u8();
        if (precision !== 8 && precision !== 12) fail(`sample precision ${precision}`);
        if (width === 0 || height === 0 || n < 1 || n > 4) fail('bad frame header');
        if (expected && (width !== expected.width || height !== expected.height || n !== expected.components)) {
          fail(`frame ${width}x${height}x${n}, file says ${expected.width}x${expected.height}x${expected.components}`);
        }
        components = [];
        for (let i = 0; i < n; i++) {
          const id = u8();
          const hv = u8();
          const tq = u8();
          const h = hv >> 4;
          const v = hv & 15;
          if (h < 1 || h > 4 || v < 1 || v > 4) fail('bad sampling factor');
          components.push({ id, h, v, tq, blocksPerLine: 0, blocksPerColumn: 0, plane: new Float32Array(0), coefficients: new Int32Array(0), pred: 0 });
        }
        hMax = Math.max(...components.map((c) => c.h));
        vMax = Math.max(...components.map((c) => c.v));
        mcusPerLine = Math.ceil(width / (8 * hMax));
        mcusPerColumn = Math.ceil(height / (8 * vMax));
        for (const c of components) {
          c.blocksPerLine = mcusPerLine * c.h;
          c.blocksPerColumn = mcusPerColumn * c.v;
          c.coefficients = new Int32Array(c.blocksPerLine * c.blocksPerColumn * 64);
        }
        break;
      }
      case 0xffc2:
      case 0xffc3:
      case 0xffc5:
      case 0xffc6:
      case 0xffc7:
      case 0xffc9:
      case 0xffca:
      case 0xffcb:
      case 0xffcd:
      case 0xffce:
      case 0xffcf:
        throw dicomError('unsupported-image', `JPEG process SOF${(marker & 15).toString()}`, `jpeg-sof${marker & 15}`);
      case 0xffda: {
        if (!frameSeen) fail('scan before frame header');
        const ns = u8();
        const scan: Component[] = [];
        for (let i = 0; i < ns; i++) {
          const id = u8();
          const t = u8();
          const c = components.find((x) => x.id === id) ?? fail(`scan names unknown component ${id}`);
          c.dcTable = dcTables[t >> 4] ?? fail('missing DC table');
          c.acTable = acTables[t & 15] ?? fail('missing AC table');
          scan.push(c);
        }
        pos = end; // Ss, Se, Ah/Al: fixed for sequential
        pos = decodeScan(data, pos, scan, { width, height, hMax, vMax, mcusPerLine, mcusPerColumn }, restartInterval);
        continue;
      }
      default:
        break; // APPn, COM, DNL…: skipped
    }
    pos = end;
  }
  if (!frameSeen) fail('no frame header');

  // IDCT every component, then upsample to full size and interleave.
  const tmp = new Float32Array(64);
  for (const c of components) {
    const q = qt[c.tq] ?? fail(`missing quantisation table ${c.tq}`);
    const stride = c.blocksPerLine * 8;
    c.plane = new Float32Array(stride * c.blocksPerColumn * 8);
    for (let by = 0; by < c.blocksPerColumn; by++) {
      for (let bx = 0; bx < c.blocksPerLine; bx++) {
        idctBlock(c.coefficients, (by * c.blocksPerLine + bx) * 64, q, c.plane, by * 8 * stride + bx * 8, stride, tmp);
      }
    }
  }
  const n = components.length;
  const shift = 1 << (precision - 1);
  const max = (1 << precision) - 1;
  const convert = n === 3 && (adobeTransform !== undefined ? adobeTransform !== 0 : jfif || !(components[0]!.id === 0x52 && components[1]!.id === 0x47 && components[2]!.id === 0x42));
  const samples = precision === 8 ? new Uint8Array(width * height * n) : new Uint16Array(width * height * n);
  const clamp = (x: number) => (x < 0 ? 0 : x > max ? max : Math.round(x));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * n;
      for (let i = 0; i < n; i++) {
        const c = components[i]!;
        const sx = Math.floor((x * c.h) / hMax);
        const sy = Math.floor((y * c.v) / vMax);
        samples[o + i] = clamp(c.plane[sy * c.blocksPerLine * 8 + sx]! + shift);
      }
      if (convert) {
        // JFIF YCbCr → RGB (ITU-T T.871 §7)
        const Y = samples[o]!;
        const cb = samples[o + 1]! - shift;
        const cr = samples[o + 2]! - shift;
        samples[o] = clamp(Y + 1.402 * cr);
        samples[o + 1] = clamp(Y - 0.344136 * cb - 0.714136 * cr);
        samples[o + 2] = clamp(Y + 1.772 * cb);
      }
    }
  }
  return { width, height, precision, components: n, samples, convertedToRgb: convert };
}

function decodeBlock(r: BitReader, c: Component, blockIndex: number): void {
  const coef = c.coefficients;
  const at = blockIndex * 64;
  const t = r.decode(c.dcTable!);
  c.pred += r.receiveExtend(t);
  coef[at] = c.pred;
  for (let k = 1; k < 64; ) {
    const rs = r.decode(c.acTable!);
    const s = rs & 15;
    const run = rs >> 4;
    if (s === 0) {
      if (run !== 15) break; // EOB
      k += 16;
      continue;
    }
    k += run;
    if (k > 63) break;
    coef[at + ZIGZAG[k]!] = r.receiveExtend(s);
    k++;
  }
}

/** One scan (F.2.2): returns the position of the marker that ends it. */
function decodeScan(data: Uint8Array, start: number, scan: Component[], grid: ScanGrid, restartInterval: number): number {
  const r = new BitReader(data, start);
  for (const c of scan) c.pred = 0;
  const single = scan.length === 1 ? scan[0]! : undefined;
  // A non-interleaved scan codes the component's own blocks, not the padded MCU grid (A.2.2).
  const line = single ? Math.ceil(Math.ceil((grid.width * single.h) / grid.hMax) / 8) : grid.mcusPerLine;
  const lines = single ? Math.ceil(Math.ceil((grid.height * single.v) / grid.vMax) / 8) : grid.mcusPerColumn;
  const units = line * lines;
  for (let n = 0; n < units; n++) {
    if (restartInterval > 0 && n > 0 && n % restartInterval === 0) {
      r.restart();
      for (const c of scan) c.pred = 0;
    }
    const ux = n % line;
    const uy = Math.floor(n / line);
    if (single) {
      decodeBlock(r, single, uy * single.blocksPerLine + ux);
      continue;
    }
    for (const c of scan) {
      for (let v = 0; v < c.v; v++) {
        for (let h = 0; h < c.h; h++) decodeBlock(r, c, (uy * c.v + v) * c.blocksPerLine + ux * c.h + h);
      }
    }
  }
  return r.endOfScan();
}

interface ScanGrid {
  width: number;
  height: number;
  hMax: number;
  vMax: number;
  mcusPerLine: number;
  mcusPerColumn: number;
}
