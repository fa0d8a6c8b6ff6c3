/** verifyAuditLog: walks the chain in seq order and says where it was changed, cut or added to. */
import type { Queryable } from '../db/index.ts';
import { GENESIS_HASH, recordedIsoSql, rowHash, type ChainRow } from './chain.ts';

export type AuditProblemKind = 'changed' | 'removed' | 'inserted' | 'broken-link';

export interface AuditProblem {
  /** The row concerned; for 'removed', the first missing seq. */
  readonly seq: string;
  readonly kind: AuditProblemKind;
  readonly detail: string;
}

export interface AuditVerification {
  readonly ok: boolean;
  readonly rows: number;
  readonly problems: AuditProblem[];
}

const PAGE = 5_000;

async function* readChain(q: Queryable, pageSize: number): AsyncGenerator<ChainRow> {
  let after = '0';
  for (;;) {
    const page = await q.query<ChainRow>(
      `SELECT seq::text AS seq, ${recordedIsoSql('recorded')} AS recorded, event, prev_hash, hash
         FROM audit_log WHERE seq > $1::bigint ORDER BY audit_log.seq LIMIT $2::int`,
      [after, pageSize],
      { name: 'kerne_audit_verify_page' },
    );
    yield* page;
    if (page.length < pageSize) return;
    after = page[page.length - 1]!.seq;
  }
}

/**
 * Recomputes every hash and link. A row whose hash does not match its content is 'changed'. Where a
 * row does not link to its predecessor: if the rows on both sides link over it, or two rows claim the
 * same predecessor, the extra row is 'inserted'; else a seq gap means 'removed' rows; else 'broken-link'
 * (the predecessor was rewritten and rehashed, or this row's link was). Seq gaps whose links hold are
 * rolled-back appends, not problems. Rows cut from the very end, or a forged row appended with a valid
 * link, are beyond any chain: compare the last hash with a copy kept elsewhere to catch those.
 */
export async function verifyAuditLog(q: Queryable, pageSize = PAGE): Promise<AuditVerification> {
  const problems: AuditProblem[] = [];
  let rows = 0;
  let prev: ChainRow | undefined; // the row before `cur`
  let prevLinked = true; // prev linked to its own predecessor
  let explained = false; // cur's broken link was already explained by an 'inserted' finding
  let cur: ChainRow | undefined;

  const check = (row: ChainRow, next: ChainRow | undefined) => {
    rows++;
    if (rowHash(row.prev_hash, row.seq, row.recorded, row.event) !== row.hash) {
      problems.push({ seq: row.seq, kind: 'changed', detail: `row ${row.seq}: its content does not match its hash` });
    }
    const expected = prev?.hash ?? GENESIS_HASH;
    const linked = row.prev_hash === expected;
    let holds = linked || explained; // cur sits in the chain where it should
    explained = false;
    if (!holds) {
      const after = prev ? `row ${prev.seq}` : 'the start of the log';
      const firstMissing = prev ? BigInt(prev.seq) + 1n : 1n;
      if (prev && prevLinked && row.prev_hash === prev.prev_hash) {
        problems.push({ seq: prev.seq, kind: 'inserted', detail: `row ${prev.seq} is not part of the chain: row ${row.seq} links past it` });
        holds = true;
      } else if (next && next.prev_hash === expected) {
        problems.push({ seq: row.seq, kind: 'inserted', detail: `row ${row.seq} is not part of the chain: it does not link to ${after}, and row ${next.seq} links past it` });
        explained = true;
      } else if (BigInt(row.seq) > firstMissing) {
        const last = BigInt(row.seq) - 1n;
        const range = last === firstMissing ? `row ${firstMissing} is` : `rows ${firstMissing}–${last} are`;
        problems.push({ seq: String(firstMissing), kind: 'removed', detail: `${range} missing: row ${row.seq} does not link to ${after}` });
      } else {
        problems.push({ seq: row.seq, kind: 'broken-link', detail: `row ${row.seq} does not link to ${after}: one of them was rewritten` });
      }
    }
    prevLinked = holds;
    prev = row;
  };

  for await (const next of readChain(q, pageSize)) {
    if (cur) check(cur, next);
    cur = next;
  }
  if (cur) check(cur, undefined);
  return { ok: problems.length === 0, rows, problems };
}
