/** Turns whatever the sink (or a file) threw into an import failure, keeping the entry index a FhirError names. */
import { FhirError } from '../errors/index.ts';
import type { ImportFailure } from './types.ts';

const ENTRY = /Bundle\.entry\[(\d+)\]/;

export function toFailure(file: string, err: unknown, line?: number): ImportFailure {
  const message = err instanceof Error ? err.message : String(err);
  let entry: number | undefined;
  if (err instanceof FhirError) {
    for (const issue of err.outcome.issue) {
      const where = [...(issue.expression ?? []), issue.details?.text ?? ''].join(' ');
      const m = ENTRY.exec(where);
      if (m) {
        entry = Number(m[1]);
        break;
      }
    }
  }
  entry ??= ENTRY.exec(message) ? Number(ENTRY.exec(message)![1]) : undefined;
  return { file, message, ...(entry !== undefined ? { entry } : {}), ...(line !== undefined ? { line } : {}) };
}
