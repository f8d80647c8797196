/** The parts of RFC 6455 framing the echo endpoint needs; pure, so tests need no sockets. */

export const OPCODE = {
  continuation: 0x0,
  text: 0x1,
  binary: 0x2,
  close: 0x8,
  ping: 0x9,
  pong: 0xa,
} as const;

export const CLOSE_CODE = {
  normal: 1000,
  goingAway: 1001,
  protocolError: 1002,
  tooBig: 1009,
  internalError: 1011,
} as const;

export interface Frame {
  fin: boolean;
  opcode: number;
  payload: Buffer;
}

export class FrameError extends Error {
  constructor(
    readonly closeCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'FrameError';
  }
}

/**
 * Takes whole frames off the front of `buffer`. Client frames must be masked (RFC 6455 5.1).
 * Throws FrameError for frames the endpoint refuses.
 */
export function decodeFrames(
  buffer: Buffer,
  maxPayload: number,
): { frames: Frame[]; rest: Buffer } {
  const frames: Frame[] = [];
  let offset = 0;
  while (buffer.length - offset >= 2) {
    const first = buffer[offset]!;
    const second = buffer[offset + 1]!;
    if ((second & 0x80) === 0) throw new FrameError(CLOSE_CODE.protocolError, 'unmasked frame');
    let length = second & 0x7f;
    let header = 2;
    if (length === 126) {
      if (buffer.length - offset < 4) break;
      length = buffer.readUInt16BE(offset + 2);
      header = 4;
    } else if (length === 127) {
      if (buffer.length - offset < 10) break;
      length = Number(buffer.readBigUInt64BE(offset + 2));
      header = 10;
    }
    if (length > maxPayload) throw new FrameError(CLOSE_CODE.tooBig, 'frame too large');
    const start = offset + header + 4;
    if (buffer.length < start + length) break;
    const mask = buffer.subarray(offset + header, start);
    const payload = Buffer.from(buffer.subarray(start, start + length));
    for (let i = 0; i < payload.length; i += 1) payload[i] = payload[i]! ^ mask[i % 4]!;
    frames.push({ fin: (first & 0x80) !== 0, opcode: first & 0x0f, payload });
    offset = start + length;
  }
  return { frames, rest: buffer.subarray(offset) };
}

/** A single unmasked, final frame, as a server sends it. */
export function encodeFrame(opcode: number, payload: Buffer = Buffer.alloc(0)): Buffer {
  const length = payload.length;
  const header =
    length < 126 ? Buffer.alloc(2) : length < 65_536 ? Buffer.alloc(4) : Buffer.alloc(10);
  header[0] = 0x80 | opcode;
  if (length < 126) {
    header[1] = length;
  } else if (length < 65_536) {
    header[1] = 126;
    header.writeUInt16BE(length, 2);
  } else {
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([header, payload]);
}

export function closeFrame(code: number, reason = ''): Buffer {
  const payload = Buffer.alloc(2 + Buffer.byteLength(reason));
  payload.writeUInt16BE(code, 0);
  payload.write(reason, 2);
  return encodeFrame(OPCODE.close, payload);
}
