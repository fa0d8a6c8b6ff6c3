// MLLP framing (HL7 v2 Minimal Lower Layer Protocol, HL7 v2.6 Appendix C): VT 0x0B + payload + FS 0x1C CR 0x0D; one decoder per socket.
export { decodePayload } from './payload-charset.ts';

export const MLLP = { startBlock: 0x0b, endBlock: 0x1c, carriageReturn: 0x0d } as const;

const DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;

export interface MllpDecoderOptions {
  /** Payloads longer than this are dropped and counted in `oversized` (default 16 MiB). */
  readonly maxFrameBytes?: number;
}

type State = 'idle' | 'frame' | 'afterEnd' | 'discard';

/**
 * Cuts a TCP byte stream into MLLP payloads. `push` returns the payloads completed by a chunk, in order.
 * Counters report what was thrown away: `skippedBytes` (bytes outside any frame, including a stray byte
 * after FS that is not CR), `restarts` (a VT inside an unfinished frame began a new frame and dropped the
 * partial one) and `oversized` (frames dropped because the payload exceeded `maxFrameBytes`).
 * A frame ends at FS; the CR after it is optional and may arrive in the next chunk.
 */
export class MllpDecoder {
  readonly #maxFrameBytes: number;
  #state: State = 'idle';
  #parts: Buffer[] = [];
  #size = 0;
  #skippedBytes = 0;
  #restarts = 0;
  #oversized = 0;

  constructor(options: MllpDecoderOptions = {}) {
    this.#maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
  }

  get skippedBytes(): number {
    return this.#skippedBytes;
  }
  get restarts(): number {
    return this.#restarts;
  }
  get oversized(): number {
    return this.#oversized;
  }
  /** Bytes of the unfinished frame held in memory. */
  get bufferedBytes(): number {
    return this.#size;
  }

  push(chunk: Buffer): Buffer[] {
    const out: Buffer[] = [];
    let i = 0;
    while (i < chunk.length) {
      switch (this.#state) {
        case 'idle': {
          const start = chunk.indexOf(MLLP.startBlock, i);
          const stop = start < 0 ? chunk.length : start;
          this.#skippedBytes += stop - i;
          if (start < 0) return out;
          this.#beginFrame();
          i = start + 1;
          break;
        }
        case 'afterEnd': {
          if (chunk[i] === MLLP.carriageReturn) i += 1;
          this.#state = 'idle';
          break;
        }
        case 'frame':
        case 'discard': {
          const next = nextDelimiter(chunk, i);
          const stop = next < 0 ? chunk.length : next;
          if (this.#state === 'frame') this.#append(chunk.subarray(i, stop));
          if (next < 0) return out;
          if (chunk[next] === MLLP.startBlock) {
            if (this.#state === 'frame') this.#restarts += 1;
            this.#beginFrame();
          } else {
            if (this.#state === 'frame') out.push(this.#parts.length === 1 ? (this.#parts[0] as Buffer) : Buffer.concat(this.#parts, this.#size));
            this.#parts = [];
            this.#size = 0;
            this.#state = 'afterEnd';
          }
          i = next + 1;
          break;
        }
      }
    }
    return out;
  }

  #beginFrame(): void {
    this.#parts = [];
    this.#size = 0;
    this.#state = 'frame';
  }

  #append(bytes: Buffer): void {
    if (bytes.length === 0) return;
    if (this.#size + bytes.length > this.#maxFrameBytes) {
      this.#oversized += 1;
      this.#parts = [];
      this.#size = 0;
      this.#state = 'discard';
      return;
    }
    // Copy: the caller may reuse the chunk's memory after push returns.
    this.#parts.push(Buffer.from(bytes));
    this.#size += bytes.length;
  }
}

function nextDelimiter(chunk: Buffer, from: number): number {
  const start = chunk.indexOf(MLLP.startBlock, from);
  const end = chunk.indexOf(MLLP.endBlock, from);
  if (start < 0) return end;
  if (end < 0) return start;
  return Math.min(start, end);
}

/** VT + payload (strings as UTF-8) + FS CR. */
export function mllpFrame(payload: Buffer | string): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  return Buffer.concat([Buffer.of(MLLP.startBlock), body, Buffer.of(MLLP.endBlock, MLLP.carriageReturn)]);
}
