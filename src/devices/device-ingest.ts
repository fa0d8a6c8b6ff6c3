/**
 * The device inbox's durable step: one HL7 v2 message in, its answer(s) out, sent only once
 * everything the message carries is committed (group commit: messages arriving together on several
 * connections share a transaction, ./ingest-batch.ts). Transport de-duplication by (sender,
 * MSH-10): a repeat gets the original answer and adds nothing. Observation de-duplication by each
 * reading's key (device, code, path, time, value), which is the Observation's id: a reading re-sent
 * under a new MSH-10 is not stored twice. IHE PCD TF-2 (PCD-01, PCD-04); HL7 v2.6 ch. 2 (ACKs).
 */
import type { FhirRepository } from '../fhir/repository/index.ts';
import { FhirError } from '../errors/index.ts';
import { DeviceBindings } from './device-binding.ts';
import {
  ackCodeFor, ackPlan, buildAck, buildRejectWithoutHeader, interpretDeviceMessage, type AckOutcome, type Hl7Error, type MessageHeader, type PlausibilityRanges,
} from './hl7/index.ts';
import { BatchStore, type BatchItem, type StoredCounts, type StoredItem } from './ingest-batch.ts';

export { sha256 } from './ingest-batch.ts';

/** How Kerne answers and reads one sender (MSH-3): configurable per sender. */
export interface SenderSettings {
  /** 'standard': CA/CE/CR and AA/AE/AR as MSH-15/16 ask; 'application-only': AA instead of CA (senders that reject CA). */
  readonly ack: 'standard' | 'application-only';
  /** The IANA zone of timestamps sent without an offset. */
  readonly timeZone: string;
}

export interface IngestOutcome extends StoredCounts {
  /** The answers to send, in order (none under NE/NE). */
  readonly acks: readonly string[];
  readonly status: 'accepted' | 'duplicate' | 'rejected' | 'error';
  readonly sender?: string;
  readonly controlId?: string;
  readonly error?: string;
}

export interface DeviceIngestOptions {
  readonly repo: FhirRepository;
  readonly bindings?: DeviceBindings;
  readonly settingsFor?: (sender: string) => SenderSettings;
  readonly plausibility?: PlausibilityRanges;
  readonly now?: () => Date;
  /** Most messages stored in one transaction (default 100). */
  readonly maxBatch?: number;
  /** Batches being stored at once (default 4): while they commit, the next messages gather. */
  readonly maxConcurrentBatches?: number;
}

export const DEFAULT_SENDER_SETTINGS: SenderSettings = { ack: 'standard', timeZone: 'Europe/Copenhagen' };

interface Waiting {
  readonly item: BatchItem;
  readonly settings: SenderSettings;
  readonly resolve: (outcome: IngestOutcome) => void;
}

const NOTHING = { observations: 0, held: 0, aside: 0, alarms: 0, patients: [], finalised: [] } as const;

export class DeviceIngest {
  readonly #repo: FhirRepository;
  readonly bindings: DeviceBindings;
  readonly #store: BatchStore;
  readonly #settingsFor: (sender: string) => SenderSettings;
  readonly #plausibility: PlausibilityRanges | undefined;
  readonly #now: () => Date;
  readonly #maxBatch: number;
  readonly #maxConcurrent: number;
  #queue: Waiting[] = [];
  #running = 0;
  /** Batches stored and messages in them (metrics, the benchmark). */
  readonly stats = { batches: 0, messages: 0 };

  constructor(options: DeviceIngestOptions) {
    this.#repo = options.repo;
    this.bindings = options.bindings ?? new DeviceBindings(options.repo);
    this.#store = new BatchStore(options.repo, this.bindings);
    this.#settingsFor = options.settingsFor ?? (() => DEFAULT_SENDER_SETTINGS);
    this.#plausibility = options.plausibility;
    this.#now = options.now ?? (() => new Date());
    this.#maxBatch = options.maxBatch ?? 100;
    this.#maxConcurrent = options.maxConcurrentBatches ?? 4;
  }

  /**
   * Interprets, stores and answers one message. Never throws: failures become AE/CE (send again) or
   * AR/CR (do not resend unchanged). Messages arriving together (on several connections) are
   * stored in one transaction; each is answered when that transaction has committed.
   */
  async ingest(text: string): Promise<IngestOutcome> {
    const receivedAt = this.#now();
    const interpret = (timeZone: string) => interpretDeviceMessage(text, { senderTimeZone: timeZone, receivedAt, ...(this.#plausibility ? { plausibility: this.#plausibility } : {}) });
    let interpreted = interpret(DEFAULT_SENDER_SETTINGS.timeZone);
    const settings = interpreted.header ? this.#settingsFor(interpreted.header.sender) : DEFAULT_SENDER_SETTINGS;
    if (settings.timeZone !== DEFAULT_SENDER_SETTINGS.timeZone) interpreted = interpret(settings.timeZone);
    if (!interpreted.ok) {
      const header = interpreted.header;
      const acks = header ? this.#answers(header, settings, 'rejected', interpreted.error) : [buildRejectWithoutHeader(text, receivedAt)];
      return { ...NOTHING, acks, status: 'rejected', ...(header ? { sender: header.sender, controlId: header.controlId } : {}), error: interpreted.error.text };
    }
    // The answer is known before the write (the write failing turns it into AE/CE): it is stored with the message.
    const item: BatchItem = { message: interpreted, receivedAt, acks: this.#answers(interpreted.header, settings, 'accepted') };
    return new Promise((resolve) => {
      this.#queue.push({ item, settings, resolve });
      this.#pump();
    });
  }

  #pump(): void {
    while (this.#running < this.#maxConcurrent && this.#queue.length > 0) {
      const batch = this.#queue.splice(0, this.#maxBatch);
      this.#running++;
      void this.#storeBatch(batch).finally(() => {
        this.#running--;
        this.#pump();
      });
    }
  }

  async #storeBatch(batch: readonly Waiting[]): Promise<void> {
    try {
      const stored = await this.#repo.transaction((ctx) => this.#store.store(ctx, batch.map((w) => w.item)));
      this.stats.batches++;
      this.stats.messages += batch.length;
      batch.forEach((w, i) => w.resolve(this.#outcome(w, stored[i]!)));
    } catch (err) {
      if (batch.length > 1) {
        // One message spoiled the batch (or two batches met on one reading): each on its own.
        for (const w of batch) await this.#storeBatch([w]);
        return;
      }
      const w = batch[0]!;
      const header = w.item.message.header;
      const clientFault = err instanceof FhirError && err.status < 500;
      const error: Hl7Error = clientFault
        ? { ackCode: 'AR', hl7ErrorCode: '207', text: `Rejected: ${(err as Error).message}` }
        : { ackCode: 'AE', hl7ErrorCode: '207', text: 'Application internal error: the message could not be stored; send it again' };
      w.resolve({ ...NOTHING, acks: this.#answers(header, w.settings, clientFault ? 'rejected' : 'error', error), status: clientFault ? 'rejected' : 'error', sender: header.sender, controlId: header.controlId, error: (err as Error).message });
    }
  }

  #outcome(w: Waiting, stored: StoredItem): IngestOutcome {
    const header = w.item.message.header;
    const { fresh, ...counts } = stored;
    return { ...counts, status: fresh ? 'accepted' : 'duplicate', sender: header.sender, controlId: header.controlId };
  }

  /** The answers under MSH-15/16 and the sender's settings. */
  #answers(header: MessageHeader, settings: SenderSettings, outcome: AckOutcome, error?: Hl7Error): string[] {
    const plan = ackPlan(header, settings.ack, outcome);
    const now = this.#now();
    const codes = [...(plan.commit ? [ackCodeFor('commit', outcome)] : []), ...(plan.application ? [ackCodeFor('application', outcome)] : [])];
    return codes.map((code, i) => buildAck(header, code, { ...(error ? { error } : {}), controlId: `K${now.getTime().toString(36)}${i}`, now }));
  }
}
