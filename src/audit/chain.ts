/** The hash chain's rule: what a row's hash covers, the genesis link, and the canonical timestamp. */
import { createHash } from 'node:crypto';

/** prev_hash of the first row. */
export const GENESIS_HASH = '0'.repeat(64);

/** The advisory lock key that kerne_audit_append_lines (migration 007) takes; migrate's is 7_340_001. */
export const AUDIT_LOCK = 7_340_002;

/** SQL rendering `recorded` as the ISO text that is hashed: UTC, microseconds, e.g. 2026-01-02T03:04:05.123456Z. */
export const recordedIsoSql = (expr: string) => `to_char((${expr}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export interface ChainRow {
  readonly seq: string;
  readonly recorded: string;
  readonly event: string;
  readonly prev_hash: string;
  readonly hash: string;
}

/** sha256 hex of prev_hash \n seq \n recorded ISO \n event text. */
export function rowHash(prevHash: string, seq: string, recordedIso: string, event: string): string {
  return createHash('sha256').update(`${prevHash}\n${seq}\n${recordedIso}\n${event}`).digest('hex');
}
