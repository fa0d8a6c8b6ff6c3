/**
 * Keeps the passage index in step with the record: every committed change of a searchable resource
 * (any node's, from the change bus) re-indexes its current version's passages; a delete removes them.
 * `backfill()` indexes what the bus never carried to an indexer: data imported while no server ran,
 * or written before the index existed.
 */
import type { Resource } from '@medplum/fhirtypes';
import type { ChangeBus, ChangeEvent } from '../../events/index.ts';
import type { FhirRepository } from '../../fhir/repository/index.ts';
import { replacePassages, unindexedSources, type IndexSkip, type PassageRow } from './passage-store.ts';
import { SEARCHABLE_TYPES, sourceText } from './source-text.ts';

export type Segmenter = (text: string) => readonly PassageRow[];

export class JournalIndexer {
  readonly #repo: FhirRepository;
  readonly #segment: Segmenter;
  readonly #onError: (err: unknown) => void;
  readonly #skip: readonly IndexSkip[];
  #pending = new Map<string, ChangeEvent>();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> = Promise.resolve();
  #unsubscribe: (() => void) | undefined;
  #closed = false;

  constructor(deps: { repo: FhirRepository; segment: Segmenter; skip?: readonly IndexSkip[]; onError?: (err: unknown) => void }) {
    this.#repo = deps.repo;
    this.#segment = deps.segment;
    this.#skip = deps.skip ?? [];
    this.#onError = deps.onError ?? (() => {});
  }

  #skipped(type: string, id: string): boolean {
    return this.#skip.some((s) => s.type === type && id.startsWith(s.idPrefix));
  }

  start(bus: ChangeBus): void {
    this.#unsubscribe = bus.subscribe((e) => {
      if (!SEARCHABLE_TYPES.has(e.type) || this.#skipped(e.type, e.id)) return;
      this.#pending.set(`${e.type}/${e.id}`, e);
      this.#timer ??= setTimeout(() => {
        this.#timer = undefined;
        const batch = [...this.#pending.values()];
        this.#pending = new Map();
        this.#running = this.#running.then(() => this.#index(batch)).catch((err) => this.#onError(err));
      }, 100);
    });
  }

  /** Waits until what has been heard is indexed (tests). */
  async idle(): Promise<void> {
    while (this.#pending.size || this.#timer) {
      await new Promise((r) => setTimeout(r, 50));
      await this.#running.catch(() => {});
    }
    await this.#running.catch(() => {});
  }

  /** Indexes every searchable resource whose current version is not indexed yet, in batches; returns how many. */
  async backfill(batchSize = 200): Promise<number> {
    let done = 0;
    const tried = new Set<string>(); // a source that cannot be indexed is tried once per backfill, not forever
    while (!this.#closed) {
      const batch = (await unindexedSources(this.#repo.db, [...SEARCHABLE_TYPES], this.#skip, batchSize)).filter((s) => !tried.has(`${s.type}/${s.id}/${s.version}`));
      if (batch.length === 0) return done;
      for (const source of batch) {
        tried.add(`${source.type}/${source.id}/${source.version}`);
        await this.indexResource(source.type, source.id);
      }
      done += batch.length;
    }
    return done;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#unsubscribe?.();
    if (this.#timer) clearTimeout(this.#timer);
    await this.#running.catch(() => {});
  }

  /** Indexes one resource as it is now (or removes it). */
  async indexResource(type: string, id: string): Promise<void> {
    const stored = await this.#repo.read(type, id).catch(() => undefined);
    const resource = stored?.json ? (JSON.parse(stored.json) as Resource) : undefined;
    const text = resource ? sourceText(resource) : undefined;
    await replacePassages(this.#repo.db, { type, id, version: stored?.versionId ?? 0 }, text ? { patientId: text.patientId, kind: text.kind, recorded: text.recorded, passages: this.#segment(text.text) } : undefined);
  }

  async #index(events: readonly ChangeEvent[]): Promise<void> {
    for (const e of events) {
      try {
        await this.indexResource(e.type, e.id);
      } catch (err) {
        this.#onError(err);
      }
    }
  }
}
