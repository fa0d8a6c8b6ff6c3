/** The importer's contract: the sink it writes through, its progress reports and its summary. */
import type { Bundle } from '@medplum/fhirtypes';

/** Where transaction Bundles go (the CLI binds it to the repository's transaction processing). */
export interface ImportSink {
  transaction(bundle: Bundle): Promise<{ resourcesWritten: number }>;
}

export interface ImportProgress {
  readonly filesDone: number;
  readonly filesTotal: number;
  /** Bundles the sink accepted so far. */
  readonly bundles: number;
  /** Resources the sink reported as written so far. */
  readonly resources: number;
  readonly elapsedMs: number;
}

export interface ImportFailure {
  readonly file: string;
  readonly message: string;
  /** Index in the Bundle sent, when the sink's FhirError names the entry (`Bundle.entry[i]`). */
  readonly entry?: number;
  /** For NDJSON: the 1-based line the failing chunk (or bad line) starts at. */
  readonly line?: number;
}

export interface ImportSummary {
  readonly files: number;
  readonly bundles: number;
  readonly resources: number;
  readonly failures: ImportFailure[];
  readonly elapsedMs: number;
  readonly resourcesPerSecond: number;
}

export interface ImportOptions {
  onProgress?(p: ImportProgress): void;
  /** Files in flight at once (default 2). Administrative files always finish before the rest start. */
  concurrency?: number;
  /** Resources per transaction Bundle for NDJSON (default 500). */
  ndjsonChunkSize?: number;
}
