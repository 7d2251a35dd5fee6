/**
 * Raw DEFLATE (RFC 1951), for the Deflated Explicit VR Little Endian transfer syntax
 * (PS3.5 A.5: the data set after the file meta is deflated without a zlib header).
 * Uses the WHATWG Compression Streams API, present in Node ≥ 20, browsers and Web Workers,
 * so the same code runs in the importer and in the viewer's worker. Typed structurally
 * because the shared tsconfig has neither DOM nor Node types.
 */
interface ReaderLike {
  read(): Promise<{ done: boolean; value?: Uint8Array }>;
  cancel(): Promise<void>;
}
interface TransformLike {
  writable: { getWriter(): { write(chunk: Uint8Array): Promise<void>; close(): Promise<void> } };
  readable: { getReader(): ReaderLike };
}
type DecompressionStreamCtor = new (format: 'deflate-raw') => TransformLike;

export class InflateError extends Error {
  constructor(
    message: string,
    readonly truncated: boolean,
  ) {
    super(message);
  }
}

/**
 * Inflated bytes; stops with an InflateError past `maxBytes` (a zip bomb must not take the
 * machine). Writers pad the deflated data set to an even length (PS3.5 A.5), and Chromium's
 * DecompressionStream refuses any byte after the end of the deflate stream ("Junk found
 * after end of compressed data") where Node's ignores it: then the trailing bytes are
 * dropped, one at a time, up to 16.
 */
export async function inflateRaw(data: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  try {
    return await inflateOnce(data, maxBytes);
  } catch (e) {
    if (!(e instanceof InflateError) || !/junk|after (the )?end/i.test(e.message)) throw e;
    for (let drop = 1; drop <= 16 && drop < data.length; drop++) {
      try {
        return await inflateOnce(data.subarray(0, data.length - drop), maxBytes);
      } catch (retry) {
        if (!(retry instanceof InflateError) || !/junk|after (the )?end/i.test(retry.message)) break;
      }
    }
    throw e;
  }
}

async function inflateOnce(data: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  const Ctor = (globalThis as unknown as { DecompressionStream?: DecompressionStreamCtor }).DecompressionStream;
  if (!Ctor) throw new InflateError('DecompressionStream is not available in this runtime', false);
  const stream = new Ctor('deflate-raw');
  const writer = stream.writable.getWriter();
  // Errors surface on the reader; the writer's own promises must not reject unobserved.
  writer.write(data).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!value) continue;
      total += value.length;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new InflateError(`inflated data exceeds ${maxBytes} bytes`, false);
      }
      chunks.push(value);
    }
  } catch (e) {
    if (e instanceof InflateError) throw e;
    const message = e instanceof Error ? e.message : String(e);
    // Node: "unexpected end of file"; Chromium: "Unexpected end of input" (approximately).
    throw new InflateError(`deflate stream: ${message}`, /end of (file|input|stream)|truncat/i.test(message));
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
