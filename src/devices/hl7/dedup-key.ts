// Observation and alarm de-duplication keys (devices.md §5): SHA-256 over the fields that identify a reading or an alarm update, not MSH-10.
import { createHash } from 'node:crypto';

/** Hex SHA-256 of the parts joined with '|'. */
export function dedupKey(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('|'), 'utf8').digest('hex');
}
