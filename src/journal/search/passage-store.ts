/**
 * The journal's passage index (migration 009): the passages of each source resource's current
 * version, replaced when it changes, and the Danish search over one patient's passages (full text
 * with the stopword-free `danish_clin` configuration, plus trigrams for compound words), ranked by
 * relevance × kind × recency with highlighted snippets. @see ../../../../shared/reference/journal-ai.md §2–3
 */
import type { Db, Queryable } from '../../db/index.ts';
import type { JournalHit } from '../api-types.ts';
import { KIND_WEIGHT, type JournalKind } from './source-text.ts';

export interface PassageRow {
  readonly section?: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface SourceRef {
  readonly type: string;
  readonly id: string;
  readonly version: number;
}

/** Replaces a source's passages (none: the source is gone or has no text). */
export async function replacePassages(db: Db, source: SourceRef, entry: { patientId: string; kind: JournalKind; recorded: string; passages: readonly PassageRow[] } | undefined): Promise<void> {
  await db.transaction(async (q) => {
    // The state row first: it locks the source, so two nodes indexing it at once take turns.
    await q.query(
      `INSERT INTO journal_index_state (source_type, source_id, source_version) VALUES ($1, $2, $3)
       ON CONFLICT (source_type, source_id) DO UPDATE SET source_version = EXCLUDED.source_version`,
      [source.type, source.id, source.version],
    );
    await q.query('DELETE FROM journal_passage WHERE source_type = $1 AND source_id = $2', [source.type, source.id]);
    if (!entry || entry.passages.length === 0) return;
    await q.query(
      `INSERT INTO journal_passage (patient_id, source_type, source_id, source_version, kind, section, start_cp, end_cp, text, recorded)
       SELECT $1, $2, $3, $4, $5, x.section, x.start, x."end", x.text, $6
         FROM jsonb_to_recordset($7::jsonb) AS x(section text, start integer, "end" integer, text text)`,
      [entry.patientId, source.type, source.id, source.version, entry.kind, entry.recorded, JSON.stringify(entry.passages)],
    );
  });
}

/** Resources of a type whose ids start with a prefix, never indexed (device readings: numbers, no text, many). */
export interface IndexSkip {
  readonly type: string;
  readonly idPrefix: string;
}

/** Searchable resources whose current version the index does not hold yet (at most `limit`, oldest first). */
export async function unindexedSources(q: Queryable, types: readonly string[], skip: readonly IndexSkip[], limit: number): Promise<SourceRef[]> {
  const rows = await q.query<{ type: string; id: string; version_id: number }>(
    `SELECT r.type, r.id, r.version_id FROM resource r
      WHERE r.type = ANY($1::text[]) AND NOT r.deleted
        AND NOT EXISTS (SELECT 1 FROM jsonb_to_recordset($2::jsonb) AS k(type text, prefix text) WHERE k.type = r.type AND left(r.id, length(k.prefix)) = k.prefix)
        AND NOT EXISTS (SELECT 1 FROM journal_index_state s WHERE s.source_type = r.type AND s.source_id = r.id AND s.source_version = r.version_id)
      ORDER BY r.rid LIMIT $3`,
    [types, JSON.stringify(skip.map((k) => ({ type: k.type, prefix: k.idPrefix }))), limit],
  );
  return rows.map((r) => ({ type: r.type, id: r.id, version: r.version_id }));
}

/** A passage found (the API's JournalHit). */
export type PassageHit = JournalHit;

const KIND_CASE = `CASE p.kind ${Object.entries(KIND_WEIGHT).map(([k, w]) => `WHEN '${k}' THEN ${w}`).join(' ')} ELSE 0.5 END`;

/**
 * One patient's passages matching a Danish query, best first. Score = (full-text rank, doubled when
 * the words stand as a phrase) × kind weight × recency (half-life `halfLifeDays`) + 0.3 × trigram
 * word similarity (compound words). Negated passages are found like any other: the caller labels them.
 */
export async function searchPassages(q: Queryable, patientId: string, query: string, options: { limit?: number; halfLifeDays?: number } = {}): Promise<PassageHit[]> {
  const rows = await q.query<{
    source_type: string; source_id: string; source_version: number; kind: JournalKind; section: string | null; start_cp: number; end_cp: number;
    text: string; snippet: string; recorded: string | Date; score: number; phrase: boolean;
  }>(
    `WITH query AS (SELECT websearch_to_tsquery('danish_clin', $2) AS words, phraseto_tsquery('danish_clin', $2) AS phrase)
     SELECT p.source_type, p.source_id, p.source_version, p.kind, p.section, p.start_cp, p.end_cp, p.text, p.recorded,
            ts_headline('danish_clin', p.text, query.words, 'StartSel=[[, StopSel=]], HighlightAll=true') AS snippet,
            (p.tsv @@ query.phrase) AS phrase,
            ((ts_rank_cd(p.tsv, query.words) * (CASE WHEN p.tsv @@ query.phrase THEN 2 ELSE 1 END) + 0.3 * word_similarity($2, p.text))
              * ${KIND_CASE}
              * power(0.5, GREATEST(0, extract(epoch FROM (now() - p.recorded))) / (86400.0 * $3))) AS score
       FROM journal_passage p, query
      WHERE p.patient_id = $1 AND (p.tsv @@ query.words OR $2 <% p.text)
      ORDER BY score DESC, p.recorded DESC
      LIMIT $4`,
    [patientId, query, options.halfLifeDays ?? 365, options.limit ?? 20],
  );
  return rows.map((r) => ({
    source: { type: r.source_type, id: r.source_id, version: r.source_version },
    kind: r.kind,
    ...(r.section ? { section: r.section } : {}),
    start: r.start_cp,
    end: r.end_cp,
    text: r.text,
    snippet: r.snippet,
    recorded: new Date(r.recorded).toISOString(),
    score: Number(r.score),
    phrase: r.phrase,
  }));
}
