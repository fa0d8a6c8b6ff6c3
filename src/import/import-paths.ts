/**
 * `importPaths`: streams files and folders of FHIR JSON Bundles and NDJSON into an ImportSink.
 * Order: administrative-only files first (see administrative.ts), then the rest, each group in
 * discovery order; at most `concurrency` files in flight, and only one Bundle per file at a time,
 * so memory stays flat whatever the number of files. A JSON file is one Bundle: if it fails, the
 * failure is recorded and the import goes on with the next file. An NDJSON file is a sequence of
 * independent chunk transactions: a failing chunk or a bad line is recorded (with its line) and
 * the rest of the file is still imported.
 */
import { isAdministrativeOnly } from './classify.ts';
import { discoverFiles } from './discover.ts';
import { toFailure } from './failure.ts';
import { DEFAULT_NDJSON_CHUNK, fileBundles } from './file-bundles.ts';
import { forEachBounded } from './pool.ts';
import type { ImportFailure, ImportOptions, ImportProgress, ImportSink, ImportSummary } from './types.ts';

/** Splits files, keeping their order, into administrative-only ones (imported first) and the others. */
export async function splitAdministrative(files: readonly string[]): Promise<{ administrative: string[]; others: string[] }> {
  const administrative: string[] = [];
  const others: string[] = [];
  for (const file of files) {
    // An unreadable file is left with the others; reading it again will report the error.
    ((await isAdministrativeOnly(file).catch(() => false)) ? administrative : others).push(file);
  }
  return { administrative, others };
}

export async function importPaths(paths: string[], sink: ImportSink, options: ImportOptions = {}): Promise<ImportSummary> {
  const started = performance.now();
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 2));
  const chunkSize = options.ndjsonChunkSize ?? DEFAULT_NDJSON_CHUNK;
  const discovered = await discoverFiles(paths);
  const failures: { order: number; failure: ImportFailure }[] = discovered.failures.map((failure) => ({ order: -1, failure }));

  const { administrative, others } = await splitAdministrative(discovered.files);
  const ordered = [...administrative, ...others];

  let filesDone = 0;
  let bundles = 0;
  let resources = 0;
  const progress = (): ImportProgress => ({ filesDone, filesTotal: ordered.length, bundles, resources, elapsedMs: performance.now() - started });
  const report = () => options.onProgress?.(progress());

  const importFile = async (file: string, order: number) => {
    try {
      for await (const item of fileBundles(file, chunkSize)) {
        if ('error' in item) {
          failures.push({ order, failure: toFailure(file, new Error(item.error), item.line) });
          continue;
        }
        try {
          const { resourcesWritten } = await sink.transaction(item.bundle);
          bundles++;
          resources += resourcesWritten;
        } catch (err) {
          const failure = toFailure(file, err);
          const line = item.lines ? (failure.entry !== undefined ? item.lines[failure.entry] : item.lines[0]) : undefined;
          failures.push({ order, failure: line !== undefined ? { ...failure, line } : failure });
          if (!item.lines) break; // a JSON file is a single Bundle
        }
        report();
      }
    } catch (err) {
      failures.push({ order, failure: toFailure(file, err) });
    }
    filesDone++;
    report();
  };

  report();
  // Administrative files complete before any other file starts, so later conditional creates find them.
  await forEachBounded(administrative, concurrency, (file, i) => importFile(file, i));
  await forEachBounded(others, concurrency, (file, i) => importFile(file, administrative.length + i));

  const elapsedMs = performance.now() - started;
  failures.sort((a, b) => a.order - b.order);
  return {
    files: ordered.length,
    bundles,
    resources,
    failures: failures.map((f) => f.failure),
    elapsedMs,
    resourcesPerSecond: elapsedMs > 0 ? Math.round((resources * 1000) / elapsedMs) : 0,
  };
}
