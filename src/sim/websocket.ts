import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from '../core/logger.js';
import type { FaultController } from './fault-controller.js';
import {
  CLOSE_CODE,
  closeFrame,
  decodeFrames,
  encodeFrame,
  type Frame,
  FrameError,
  OPCODE,
} from './ws-frames.js';

/** Fixed by RFC 6455 section 1.3 for computing Sec-WebSocket-Accept. */
const HANDSHAKE_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const MAX_MESSAGE_BYTES = 1024 * 1024;
/** How long a closing peer gets to answer our close frame before its socket is destroyed. */
const CLOSE_GRACE_MS = 200;

export interface WebSocketEcho {
  /** Handles an HTTP upgrade on `/ws`; the server routes only that path here. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Closes every open connection; used when the simulator shuts down. */
  closeAll(): void;
}

function shut(socket: Duplex, code: number, reason: string): void {
  if (socket.destroyed) return;
  socket.end(closeFrame(code, reason));
  setTimeout(() => socket.destroy(), CLOSE_GRACE_MS).unref();
}

function handshake(req: IncomingMessage, socket: Duplex): boolean {
  const key = req.headers['sec-websocket-key'];
  const isWebSocket = req.headers.upgrade?.toLowerCase() === 'websocket';
  if (!isWebSocket || typeof key !== 'string' || req.headers['sec-websocket-version'] !== '13') {
    socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    return false;
  }
  const accept = createHash('sha1')
    .update(key + HANDSHAKE_GUID)
    .digest('base64');
  socket.write(
    'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      `Sec-WebSocket-Accept: ${accept}\r\n\r\n`,
  );
  return true;
}

/** Echo logic for one connection: answers each complete message with the same message. */
function connection(socket: Duplex, log: Logger): (chunk: Buffer) => void {
  let pending: Buffer = Buffer.alloc(0);
  let message: { opcode: number; parts: Buffer[]; size: number } | undefined;

  const onData = (frame: Frame): void => {
    const continues = frame.opcode === OPCODE.continuation;
    if (continues !== (message !== undefined) || frame.opcode > OPCODE.binary) {
      throw new FrameError(CLOSE_CODE.protocolError, 'unexpected opcode');
    }
    message ??= { opcode: frame.opcode, parts: [], size: 0 };
    message.parts.push(frame.payload);
    message.size += frame.payload.length;
    if (message.size > MAX_MESSAGE_BYTES) {
      throw new FrameError(CLOSE_CODE.tooBig, 'message too large');
    }
    if (!frame.fin) return;
    socket.write(encodeFrame(message.opcode, Buffer.concat(message.parts)));
    message = undefined;
  };

  const onFrame = (frame: Frame): void => {
    switch (frame.opcode) {
      case OPCODE.close:
        shut(socket, CLOSE_CODE.normal, '');
        break;
      case OPCODE.ping:
        socket.write(encodeFrame(OPCODE.pong, frame.payload));
        break;
      case OPCODE.pong:
        break;
      default:
        onData(frame);
    }
  };

  return (chunk) => {
    if (socket.writableEnded) return;
    try {
      const decoded = decodeFrames(Buffer.concat([pending, chunk]), MAX_MESSAGE_BYTES);
      pending = decoded.rest;
      for (const frame of decoded.frames) onFrame(frame);
    } catch (err) {
      if (!(err instanceof FrameError)) throw err;
      log.info({ closeCode: err.closeCode, reason: err.message }, 'websocket protocol error');
      shut(socket, err.closeCode, err.message);
    }
  };
}

export function createWebSocketEcho(faults: FaultController, log: Logger): WebSocketEcho {
  const sockets = new Set<Duplex>();
  const dropAll = (reason: string): void => {
    for (const socket of sockets) shut(socket, CLOSE_CODE.internalError, reason);
  };
  const unsubscribe = faults.onChange((change) => {
    if (change.type === 'inject' && change.fault.kind === 'websocket-drop') dropAll('dropped');
  });

  return {
    handleUpgrade(req, socket, head) {
      socket.on('error', (err) => log.debug({ err }, 'websocket socket error'));
      if (!handshake(req, socket)) return;
      if (faults.get('websocket-drop')) {
        log.debug('websocket dropped by fault');
        return shut(socket, CLOSE_CODE.internalError, 'dropped');
      }
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      const receive = connection(socket, log);
      socket.on('data', receive);
      if (head.length > 0) receive(head);
    },
    closeAll() {
      unsubscribe();
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
  };
}
