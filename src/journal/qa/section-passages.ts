/**
 * The patient's passages of named note sections (e.g. every line under "CAVE"), newest first: a
 * section names what its lines are about when the lines themselves do not ("jodholdigt
 * kontrastmiddel (urticaria)" under CAVE). Scored like a weak text match (0.1 × kind weight).
 */
import type { Queryable } from '../../db/index.ts';
import type { PassageHit } from '../search/passage-store.ts';
import { KIND_WEIGHT, type JournalKind } from '../search/source-text.ts';

export async function sectionPassages(q: Queryable, patientId: string, sections: readonly string[], limit = 40): Promise<PassageHit[]> {
  const rows = await q.query<{ source_type: string; source_id: string; source_version: number; kind: JournalKind; section: string; start_cp: number; end_cp: number; text: string; recorded: string | Date }>(
    `SELECT source_type, source_id, source_version, kind, section, start_cp, end_cp, text, recorded
       FROM journal_passage WHERE patient_id = $1 AND lower(section) = ANY($2::text[])
      ORDER BY recorded DESC LIMIT $3`,
    [patientId, sections.map((s) => s.toLowerCase()), limit],
  );
  return rows.map((r) => ({
    source: { type: r.source_type, id: r.source_id, version: r.source_version },
    kind: r.kind,
    section: r.section,
    start: r.start_cp,
    end: r.end_cp,
    text: r.text,
    snippet: r.text,
    recorded: new Date(r.recorded).toISOString(),
    score: 0.1 * (KIND_WEIGHT[r.kind] ?? 0.5),
    phrase: false,
  }));
}
