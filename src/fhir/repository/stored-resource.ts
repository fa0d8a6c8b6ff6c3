/** One stored resource version as the repository hands it out: the JSON text is returned as stored. */
import type { IndexRows } from '../search/index-rows.ts';
import type { ChangeAction } from '../../events/change.ts';

export interface StoredResource {
  readonly rid: string;
  readonly type: string;
  readonly id: string;
  readonly versionId: number;
  /** ISO-8601 instant, identical to meta.lastUpdated in the JSON. */
  readonly lastUpdated: string;
  readonly deleted: boolean;
  /** The resource JSON (null for the tombstone of a delete). */
  readonly json: string | null;
  /** The patient whose record it belongs to (the Patient compartment); null for non-patient data. */
  readonly patientId: string | null;
  /** Psychiatric or confidentiality-labelled (R, V) data: needs a psychiatric care relation or break-the-glass. */
  readonly sensitive: boolean;
}

/** A version about to be written: a stored version without its rid yet, with its index rows. */
export interface NewVersion extends Omit<StoredResource, 'rid'> {
  readonly index: IndexRows;
  readonly action: ChangeAction;
  /** The rid of the row this version replaces (an update or delete); its index rows are replaced. */
  readonly previousRid?: string;
}

export function toStoredRow(row: {
  rid: string;
  type: string;
  id: string;
  version_id: number;
  last_updated: string;
  deleted: boolean;
  content: string | null;
  patient_id?: string | null;
  sensitive?: boolean;
}): StoredResource {
  return {
    rid: row.rid,
    type: row.type,
    id: row.id,
    versionId: row.version_id,
    lastUpdated: new Date(row.last_updated).toISOString(),
    deleted: row.deleted,
    json: row.content,
    patientId: row.patient_id ?? null,
    sensitive: row.sensitive ?? false,
  };
}
