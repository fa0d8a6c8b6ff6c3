/** A raw MLLP test client over a real socket: send frames (whole, split or with stray bytes) and read the answers. */
import net from 'node:net';
import { MllpDecoder, mllpFrame } from '../../src/devices/index.ts';

export interface MllpTestClient {
  /** Writes one framed message. */
  send(text: string): void;
  /** Writes raw bytes (split frames, stray bytes). */
  write(bytes: Buffer): Promise<void>;
  /** The next answer (MLLP payload as text); rejects after `timeoutMs`. */
  next(timeoutMs?: number): Promise<string>;
  /** Answers received and not yet taken. */
  readonly waiting: number;
  close(): void;
}

export async function connectMllp(port: number, host = '127.0.0.1'): Promise<MllpTestClient> {
  const socket = net.connect({ port, host });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.setNoDelay(true);
  const decoder = new MllpDecoder();
  const answers: string[] = [];
  const waiters: ((text: string) => void)[] = [];
  socket.on('data', (chunk: Buffer) => {
    for (const frame of decoder.push(chunk)) {
      const text = frame.toString('utf8');
      const waiter = waiters.shift();
      if (waiter) waiter(text);
      else answers.push(text);
    }
  });
  socket.on('error', () => {});
  return {
    send: (text) => void socket.write(mllpFrame(text)),
    write: (bytes) => new Promise((resolve) => socket.write(bytes, () => resolve())),
    next(timeoutMs = 10_000) {
      const ready = answers.shift();
      if (ready !== undefined) return Promise.resolve(ready);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no MLLP answer within ${timeoutMs} ms`)), timeoutMs);
        waiters.push((text) => {
          clearTimeout(timer);
          resolve(text);
        });
      });
    },
    get waiting() {
      return answers.length;
    },
    close: () => socket.destroy(),
  };
}

/** MSA-1 and MSA-2 of an ACK. */
export function msaOf(ack: string): { code: string; controlId: string; err?: string } {
  const segments = ack.split(/\r\n|\r|\n/);
  const msa = segments.find((s) => s.startsWith('MSA'))?.split('|') ?? [];
  const err = segments.find((s) => s.startsWith('ERR'));
  return { code: msa[1] ?? '', controlId: msa[2] ?? '', ...(err ? { err } : {}) };
}
