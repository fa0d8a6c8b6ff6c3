/**
 * The device inbox's network edge: a TCP (optionally TLS) listener speaking MLLP (HL7 v2 MLLP
 * release 2: VT message FS CR). The sender opens the connection and Kerne answers on it (IHE PCD
 * TF-2 App. G). Each connection's messages are stored and answered in the order they came.
 */
import net from 'node:net';
import tls from 'node:tls';
import { decodePayload, MllpDecoder, mllpFrame } from './hl7/index.ts';
import type { IngestOutcome } from './device-ingest.ts';

/** What the listener hands each message to (DeviceIngest). */
export interface MessageSink {
  ingest(text: string): Promise<IngestOutcome>;
}

export interface MllpListenerOptions {
  readonly port: number;
  readonly host?: string;
  /** PEM certificate and key: MLLP over TLS. */
  readonly tls?: { readonly cert: string; readonly key: string };
  /** Frames waiting on one connection before Kerne stops reading from it (back-pressure). */
  readonly maxQueued?: number;
  readonly onOutcome?: (outcome: IngestOutcome) => void;
  readonly onError?: (err: unknown) => void;
}

export class MllpListener {
  readonly #sink: MessageSink;
  readonly #options: MllpListenerOptions;
  readonly #sockets = new Set<net.Socket>();
  readonly #busy = new Set<Promise<void>>();
  #server: net.Server | undefined;
  #closing = false;

  constructor(sink: MessageSink, options: MllpListenerOptions) {
    this.#sink = sink;
    this.#options = options;
  }

  /** Starts listening; resolves with the bound port. */
  async listen(): Promise<number> {
    const onConnection = (socket: net.Socket) => this.#serve(socket);
    const server = this.#options.tls ? tls.createServer({ cert: this.#options.tls.cert, key: this.#options.tls.key }, onConnection) : net.createServer(onConnection);
    this.#server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#options.port, this.#options.host ?? '0.0.0.0', () => {
        server.off('error', reject);
        resolve();
      });
    });
    return (server.address() as net.AddressInfo).port;
  }

  get port(): number | undefined {
    const address = this.#server?.address();
    return address && typeof address === 'object' ? address.port : undefined;
  }

  get connections(): number {
    return this.#sockets.size;
  }

  #serve(socket: net.Socket): void {
    if (this.#closing) {
      socket.destroy();
      return;
    }
    this.#sockets.add(socket);
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 30_000);
    const decoder = new MllpDecoder();
    const queue: Buffer[] = [];
    const maxQueued = this.#options.maxQueued ?? 1_000;
    let running = false;

    const drain = async () => {
      if (running) return;
      running = true;
      while (queue.length && !socket.destroyed && !this.#closing) {
        const payload = queue.shift()!;
        if (socket.isPaused() && queue.length < maxQueued / 2) socket.resume();
        const outcome = await this.#sink.ingest(decodePayload(payload));
        for (const ack of outcome.acks) if (!socket.destroyed) socket.write(mllpFrame(ack));
        this.#options.onOutcome?.(outcome);
      }
      running = false;
    };
    const track = () => {
      const job = drain().catch((err) => this.#options.onError?.(err));
      this.#busy.add(job);
      void job.finally(() => this.#busy.delete(job));
    };

    socket.on('data', (chunk: Buffer) => {
      const frames = decoder.push(chunk);
      if (frames.length === 0) return;
      queue.push(...frames);
      if (queue.length >= maxQueued) socket.pause();
      track();
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.#sockets.delete(socket));
  }

  /** Stops accepting, lets messages being stored finish and be answered, then closes every connection. */
  async close(): Promise<void> {
    this.#closing = true;
    const server = this.#server;
    const closed = server ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
    await Promise.allSettled([...this.#busy]);
    // end(), not destroy(): the answers just written still reach the senders; a peer that does not close is cut off after a second.
    for (const socket of this.#sockets) {
      socket.end();
      setTimeout(() => socket.destroy(), 1_000).unref();
    }
    await closed;
  }
}
