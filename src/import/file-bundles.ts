/** The transaction Bundles of one import file, produced one at a time (NDJSON in chunks, read line by line). */
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { importFileKind } from './discover.ts';
import { readLines, readText } from './read-file.ts';
import { toTransaction, transactionOf } from './to-transaction.ts';

export type FileItem =
  | { readonly bundle: Bundle; /** NDJSON: the line of each entry. */ readonly lines?: readonly number[] }
  | { readonly error: string; readonly line?: number };

export const DEFAULT_NDJSON_CHUNK = 500;

export async function* fileBundles(path: string, ndjsonChunkSize = DEFAULT_NDJSON_CHUNK): AsyncGenerator<FileItem> {
  if (importFileKind(path)?.kind === 'ndjson') {
    yield* ndjsonBundles(path, Math.max(1, ndjsonChunkSize));
    return;
  }
  yield { bundle: toTransaction(JSON.parse(await readText(path)) as unknown) };
}

/** One resource per non-blank line; a line that is not a resource is reported and skipped. */
async function* ndjsonBundles(path: string, size: number): AsyncGenerator<FileItem> {
  let chunk: Resource[] = [];
  let lines: number[] = [];
  for await (const { line, number } of readLines(path)) {
    if (line.trim() === '') continue;
    let resource: unknown;
    try {
      resource = JSON.parse(line);
    } catch (err) {
      yield { error: `Invalid JSON: ${err instanceof Error ? err.message : String(err)}`, line: number };
      continue;
    }
    if (typeof resource !== 'object' || resource === null || typeof (resource as { resourceType?: unknown }).resourceType !== 'string') {
      yield { error: 'The line is not a FHIR resource (no resourceType)', line: number };
      continue;
    }
    chunk.push(resource as Resource);
    lines.push(number);
    if (chunk.length >= size) {
      yield { bundle: transactionOf(chunk), lines };
      chunk = [];
      lines = [];
    }
  }
  if (chunk.length > 0) yield { bundle: transactionOf(chunk), lines };
}
