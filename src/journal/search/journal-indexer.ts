/**
 * Keeps the passage index in step with the record: every committed change of a searchable resource
 * (any node's, from the change bus) re-indexes its current version's passages; a delete removes them.
 */
import type { Resource } from '@medplum/fhirtypes';
import type { ChangeBus, ChangeEvent } from '../../events/index.ts';
import type { FhirRepository } from '../../fhir/repository/index.ts';
import { replacePassages, type PassageRow } from './passage-store.ts';
import { SEARCHABLE_TYPES, sourceText } from './source-text.ts';

export type Segmenter = (text: string) => readonly PassageRow[];

export class JournalIndexer {
  readonly #repo: FhirRepository;
  readonly #segment: Segmenter;
  readonly #onError: (err: unknown) => void;
  #pending = new Map<string, ChangeEvent>();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> = Promise.resolve();
  #unsubscribe: (() => void) | undefined;

  constructor(deps: { repo: FhirRepository; segment: Segmenter; onError?: (err: unknown) => void }) {
    this.#repo = deps.repo;
    this.#segment = deps.segment;
    this.#onError = deps.onError ?? (() => {});
  }

  start(bus: ChangeBus): void {
    this.#unsubscribe = bus.subscribe((e) => {
      if (!SEARCHABLE_TYPES.has(e.type)) return;
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

  async close(): Promise<void> {
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
