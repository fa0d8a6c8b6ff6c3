/**
 * Simulated bedside monitors sending IHE PCD-01 over MLLP, one connection per monitor, through
 * Medplum's HL7 client (a third-party sender, as a real gateway would be). At-least-once: a message
 * without an answer (timeout, lost connection, a CE/AE) is sent again with the same MSH-10 until it
 * is acknowledged; the next one waits.
 */
import { Hl7Message } from '@medplum/core';
import { Hl7Client } from '@medplum/hl7';
import { patientCourse, type PatientCourse } from './patient-course.ts';
import { monitorMessage } from './pcd01-message.ts';

export interface SimulatorOptions {
  readonly host: string;
  readonly port: number;
  readonly beds: number;
  readonly intervalMs: number;
  /** The EUI-64 of monitor n (1-based). */
  readonly eui64Of: (bed: number) => string;
  readonly seed?: number;
  readonly rampMinutes?: number;
  readonly ackTimeoutMs?: number;
  /** Each monitor stops after this many messages are answered (default: runs until stopped). */
  readonly messagesPerMonitor?: number;
  readonly now?: () => Date;
  readonly onAck?: (bed: number, controlId: string, code: string, latencyMs: number) => void;
  readonly onRetry?: (bed: number, controlId: string, reason: string) => void;
}

export interface SimulatorStats {
  sent: number;
  acknowledged: number;
  retries: number;
  rejected: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class DeviceSimulator {
  readonly #options: SimulatorOptions;
  readonly stats: SimulatorStats = { sent: 0, acknowledged: 0, retries: 0, rejected: 0 };
  readonly courses: readonly PatientCourse[];
  #running = false;
  readonly #loops: Promise<void>[] = [];
  readonly #clients: Hl7Client[] = [];

  constructor(options: SimulatorOptions) {
    this.#options = options;
    this.courses = Array.from({ length: options.beds }, (_, i) => patientCourse(i + 1, { ...(options.seed !== undefined ? { seed: options.seed } : {}), ...(options.rampMinutes !== undefined ? { rampMinutes: options.rampMinutes } : {}) }));
  }

  start(): void {
    this.#running = true;
    const started = Date.now();
    for (const course of this.courses) this.#loops.push(this.#monitor(course, started));
  }

  /** Resolves when every monitor has sent its `messagesPerMonitor`. */
  async finished(): Promise<void> {
    await Promise.allSettled(this.#loops);
  }

  async stop(): Promise<void> {
    this.#running = false;
    await Promise.allSettled(this.#loops);
    await Promise.allSettled(this.#clients.map((c) => c.close()));
  }

  async #monitor(course: PatientCourse, started: number): Promise<void> {
    const { host, port, intervalMs } = this.#options;
    const now = this.#options.now ?? (() => new Date());
    const client = new Hl7Client({ host, port, keepAlive: true, connectTimeout: 5_000 });
    client.addEventListener('error', () => {}); // a lost connection shows as a timeout below
    this.#clients.push(client);
    const eui64 = this.#options.eui64Of(course.bed);
    await sleep(Math.random() * intervalMs); // spread the monitors over the interval
    let n = 0;
    const limit = this.#options.messagesPerMonitor ?? Infinity;
    while (this.#running && n < limit) {
      const at = now();
      const controlId = `${eui64.slice(-6)}-${started.toString(36)}-${++n}`;
      const text = monitorMessage({ eui64, controlId, at, vitals: course.at(Date.now() - started) });
      await this.#deliver(client, course.bed, controlId, text);
      if (n < limit) await sleep(intervalMs);
    }
    await client.close().catch(() => {});
  }

  /** Sends until acknowledged (CA/AA) or rejected (CR/AR), or the simulator stops. */
  async #deliver(client: Hl7Client, bed: number, controlId: string, text: string): Promise<void> {
    const message = Hl7Message.parse(text);
    for (let attempt = 0; this.#running || attempt === 0; attempt++) {
      if (attempt > 0) {
        this.stats.retries++;
        await sleep(Math.min(5_000, 200 * 2 ** Math.min(attempt, 5)));
      }
      const sentAt = Date.now();
      try {
        this.stats.sent++;
        const ack = await client.sendAndWait(message, { timeoutMs: this.#options.ackTimeoutMs ?? 5_000 });
        const code = ack.getSegment('MSA')?.getField(1)?.toString() ?? '';
        if (code === 'CA' || code === 'AA') {
          this.stats.acknowledged++;
          this.#options.onAck?.(bed, controlId, code, Date.now() - sentAt);
          return;
        }
        if (code === 'CR' || code === 'AR') {
          this.stats.rejected++;
          this.#options.onAck?.(bed, controlId, code, Date.now() - sentAt);
          return;
        }
        this.#options.onRetry?.(bed, controlId, `answer ${code}`);
      } catch (err) {
        this.#options.onRetry?.(bed, controlId, (err as Error).message);
        await client.close().catch(() => {});
      }
    }
  }
}
