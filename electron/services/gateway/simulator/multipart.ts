/**
 * A lenient multipart/form-data parser, as tolerant as the dispatcher's servlet container:
 * the official samples have `name="requestBody";` with a trailing semicolon and a trailing
 * space after the filename, which WHATWG FormData parsing refuses.
 */
export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

export function boundaryOf(contentType: string): string | undefined {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : undefined;
}

export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delim = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let pos = body.indexOf(delim);
  if (pos < 0) throw new Error('boundary not found');
  for (let guard = 0; guard < 1000; guard++) {
    pos += delim.length;
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break; // closing "--"
    // Skip the line end after the delimiter (tolerate spaces).
    while (body[pos] === 0x20 || body[pos] === 0x09) pos++;
    if (body[pos] === 0x0d) pos++;
    if (body[pos] === 0x0a) pos++;
    const next = body.indexOf(delim, pos);
    if (next < 0) throw new Error('unterminated part');
    let headerEnd = body.indexOf('\r\n\r\n', pos);
    let sep = 4;
    if (headerEnd < 0 || headerEnd > next) {
      headerEnd = body.indexOf('\n\n', pos);
      sep = 2;
    }
    if (headerEnd < 0 || headerEnd > next) throw new Error('part without headers');
    const headers = body.subarray(pos, headerEnd).toString('latin1').split(/\r?\n/);
    let end = next;
    if (body[end - 1] === 0x0a) end--;
    if (body[end - 1] === 0x0d) end--;
    const part: MultipartPart = { name: '', data: body.subarray(headerEnd + sep, end) };
    for (const h of headers) {
      const [k, ...rest] = h.split(':');
      const v = rest.join(':').trim();
      if (/^content-disposition$/i.test((k ?? '').trim())) {
        part.name = /\bname="([^"]*)"/i.exec(v)?.[1] ?? /\bname=([^;\s]+)/i.exec(v)?.[1] ?? '';
        const fn = /\bfilename="([^"]*)"/i.exec(v)?.[1];
        if (fn !== undefined) part.filename = fn;
      } else if (/^content-type$/i.test((k ?? '').trim())) part.contentType = v;
    }
    parts.push(part);
    pos = next;
  }
  return parts;
}
