/**
 * A WebSocket client at the byte level (RFC 6455 §5), for sending frames no well-behaved
 * library would send: the handshake over a plain socket, then any bytes. Used to check that a
 * server answers every frame with a frame or a closed socket, never a dead process.
 */
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

export interface RawSocket {
  socket: Socket;
  /** Resolves when the server closes or resets the connection (or after `ms`, with false). */
  closed(ms: number): Promise<boolean>;
  /** Everything received after the handshake. */
  received(): Buffer;
}

/** Opens /rpc with the bearer token and resolves after the 101 answer. */
export function openRawWebSocket(port: number, token: string, path = '/rpc'): Promise<RawSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let head = Buffer.alloc(0);
    let body = Buffer.alloc(0);
    let upgraded = false;
    let ended = false;
    const waiters: (() => void)[] = [];
    const finish = () => {
      ended = true;
      for (const w of waiters.splice(0)) w();
    };
    socket.on('close', finish);
    socket.on('error', finish);
    socket.on('data', (d: Buffer) => {
      if (upgraded) {
        body = Buffer.concat([body, d]);
        return;
      }
      head = Buffer.concat([head, d]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      const status = head.subarray(0, head.indexOf('\r\n')).toString('latin1');
      if (!/^HTTP\/1\.1 101/.test(status)) {
        socket.destroy();
        reject(new Error(`handshake refused: ${status}`));
        return;
      }
      upgraded = true;
      body = head.subarray(end + 4);
      resolve({
        socket,
        received: () => body,
        closed: (ms) =>
          ended
            ? Promise.resolve(true)
            : new Promise((r) => {
                const t = setTimeout(() => r(false), ms);
                waiters.push(() => {
                  clearTimeout(t);
                  r(true);
                });
              }),
      });
    });
    socket.once('connect', () => {
      socket.write(
        [
          `GET ${path} HTTP/1.1`,
          `Host: 127.0.0.1:${port}`,
          'Upgrade: websocket',
          'Connection: Upgrade',
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
          'Sec-WebSocket-Version: 13',
          `Authorization: Bearer ${token}`,
          '',
          '',
        ].join('\r\n'),
      );
    });
    socket.once('error', reject);
  });
}

export interface FrameOptions {
  fin?: boolean;
  rsv?: number;
  opcode?: number;
  /** Mask the payload (clients must, RFC 6455 §5.3). */
  mask?: boolean;
  /** Announce this length instead of the payload's. */
  announcedLength?: number;
}

/** One frame's bytes, possibly malformed on purpose. */
export function frame(payload: Uint8Array, o: FrameOptions = {}): Buffer {
  const fin = o.fin ?? true;
  const opcode = o.opcode ?? 1;
  const mask = o.mask ?? true;
  const len = o.announcedLength ?? payload.length;
  const parts: Buffer[] = [Buffer.from([(fin ? 0x80 : 0) | ((o.rsv ?? 0) << 4) | (opcode & 0x0f)])];
  const m = mask ? 0x80 : 0;
  if (len < 126) parts.push(Buffer.from([m | len]));
  else if (len < 65536) parts.push(Buffer.from([m | 126, len >> 8, len & 0xff]));
  else {
    const b = Buffer.alloc(9);
    b[0] = m | 127;
    b.writeBigUInt64BE(BigInt(len), 1);
    parts.push(b);
  }
  if (mask) {
    const key = randomBytes(4);
    parts.push(key, Buffer.from(payload.map((x, i) => x ^ (key[i % 4] as number))));
  } else parts.push(Buffer.from(payload));
  return Buffer.concat(parts);
}

/** A frame the server sent (servers never mask, RFC 6455 §5.1). */
export interface ServerFrame {
  fin: boolean;
  opcode: number;
  payload: Buffer;
}

/** The complete frames in `bytes`, in order; an incomplete last frame is left out. */
export function serverFrames(bytes: Buffer): ServerFrame[] {
  const out: ServerFrame[] = [];
  let at = 0;
  while (at + 2 <= bytes.length) {
    const b0 = bytes[at] as number;
    let len = (bytes[at + 1] as number) & 0x7f;
    let head = 2;
    if (len === 126) {
      if (at + 4 > bytes.length) break;
      len = bytes.readUInt16BE(at + 2);
      head = 4;
    } else if (len === 127) {
      if (at + 10 > bytes.length) break;
      len = Number(bytes.readBigUInt64BE(at + 2));
      head = 10;
    }
    if (at + head + len > bytes.length) break;
    out.push({ fin: (b0 & 0x80) !== 0, opcode: b0 & 0x0f, payload: bytes.subarray(at + head, at + head + len) });
    at += head + len;
  }
  return out;
}
