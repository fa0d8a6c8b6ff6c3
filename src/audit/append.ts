/** appendAuditEvents: adds AuditEvents to the end of the hash chain in one statement (kerne_audit_append). */
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
    await q.query(
      'SELECT kerne_audit_append($1::text[], $2::text[], $3::text[], $4::boolean[])',
      [
        chunk.map((e) => JSON.stringify(e.event)),
        chunk.map((e) => (e.patients ?? []).join(' ')),
        chunk.map((e) => (e.units ?? []).join(' ')),
        chunk.map((e) => e.breakTheGlass ?? false),
      ],
      { name: 'kerne_audit_append' },
    );
  }
}
