/** appendAuditEvents: adds AuditEvents to the end of the hash chain in one statement (kerne_audit_append_lines, migration 007). */
import type { AuditEvent } from '@medplum/fhirtypes';
import type { Queryable } from '../db/index.ts';

const CHUNK = 1_000;

/** An event with the lookup columns the log keeps beside it (who may see it in "min log", review lists). */
export interface AuditEntry {
  readonly event: AuditEvent;
  /** Ids of the patients whose data the event concerns. */
  readonly patients?: readonly string[];
  /** The agent's units, 'Organization/<id>'. */
  readonly units?: readonly string[];
  readonly breakTheGlass?: boolean;
}

/**
 * Appends `entries` in order. The function takes a transaction-scoped advisory lock, so appends
 * serialise across connections and nodes; inside a caller's transaction the rows commit or roll back
 * with it (and the lock is held until it ends: keep such transactions short).
 */
export async function appendAuditEvents(q: Queryable, entries: readonly (AuditEvent | AuditEntry)[]): Promise<void> {
  for (let start = 0; start < entries.length; start += CHUNK) {
    const chunk = entries.slice(start, start + CHUNK).map((e) => ('resourceType' in e ? { event: e } : e));
    // One line per entry (JSON.stringify writes no raw newline); ids hold no spaces or newlines.
    await q.query(
      'SELECT kerne_audit_append_lines($1, $2, $3, $4)',
      [
        chunk.map((e) => JSON.stringify(e.event)).join('\n'),
        chunk.map((e) => (e.patients ?? []).join(' ')).join('\n'),
        chunk.map((e) => (e.units ?? []).join(' ')).join('\n'),
        chunk.map((e) => (e.breakTheGlass ? 't' : 'f')).join('\n'),
      ],
      { name: 'kerne_audit_append_lines' },
    );
  }
}
