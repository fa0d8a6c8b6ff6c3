/**
 * Writes resource versions in ONE SQL statement: the previous versions move to resource_history,
 * the new ones are upserted into resource, their search index rows replace the old ones, and the
 * change is appended to the outbox. Being one statement, it is atomic even outside a transaction.
 * Two prepared variants: creates only (no history, nothing to delete), and with previous versions
 * (their rids passed as an array, $44, so every delete is an index lookup whatever the statistics say).
 */
import type { Queryable } from '../../db/index.ts';
import type { NewVersion } from './stored-resource.ts';

const MAIN = `
WITH m AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::timestamptz[], $5::bool[], $6::text[], $7::text[], $42::text[], $43::bool[])
    WITH ORDINALITY AS m(type, id, version_id, last_updated, deleted, content, action, patient_id, sensitive, i)
),`;

const REPLACE_PREVIOUS = `
hist AS (
  INSERT INTO resource_history (rid, type, id, version_id, last_updated, deleted, content, patient_id, sensitive)
  SELECT rid, type, id, version_id, last_updated, deleted, content, patient_id, sensitive FROM resource WHERE rid = ANY($44::bigint[])
),
d1 AS (DELETE FROM sp_token WHERE rid = ANY($44::bigint[])),
d2 AS (DELETE FROM sp_string WHERE rid = ANY($44::bigint[])),
d3 AS (DELETE FROM sp_date WHERE rid = ANY($44::bigint[])),
d4 AS (DELETE FROM sp_number WHERE rid = ANY($44::bigint[])),
d5 AS (DELETE FROM sp_quantity WHERE rid = ANY($44::bigint[])),
d6 AS (DELETE FROM sp_reference WHERE rid = ANY($44::bigint[])),
d7 AS (DELETE FROM sp_uri WHERE rid = ANY($44::bigint[])),`;

const WRITE = `
res AS (
  INSERT INTO resource AS r (type, id, version_id, last_updated, deleted, content, patient_id, sensitive)
  SELECT type, id, version_id, last_updated, deleted, content, patient_id, sensitive FROM m ORDER BY i
  ON CONFLICT (type, id) DO UPDATE SET version_id = excluded.version_id, last_updated = excluded.last_updated,
    deleted = excluded.deleted, content = excluded.content, patient_id = excluded.patient_id, sensitive = excluded.sensitive
  RETURNING r.rid, r.type, r.id
),
j AS (SELECT res.rid, m.i, m.type, m.id, m.version_id, m.action FROM res JOIN m ON res.type = m.type AND res.id = m.id),
i1 AS (
  INSERT INTO sp_token (rid, type, param, system, code, text)
  SELECT j.rid, j.type, x.param, x.system, x.code, x.text
  FROM unnest($8::int[], $9::text[], $10::text[], $11::text[], $12::text[]) AS x(i, param, system, code, text) JOIN j ON j.i = x.i
),
i2 AS (
  INSERT INTO sp_string (rid, type, param, norm, exact)
  SELECT j.rid, j.type, x.param, x.norm, x.exact
  FROM unnest($13::int[], $14::text[], $15::text[], $16::text[]) AS x(i, param, norm, exact) JOIN j ON j.i = x.i
),
i3 AS (
  INSERT INTO sp_date (rid, type, param, lo, hi)
  SELECT j.rid, j.type, x.param, x.lo, x.hi
  FROM unnest($17::int[], $18::text[], $19::timestamptz[], $20::timestamptz[]) AS x(i, param, lo, hi) JOIN j ON j.i = x.i
),
i4 AS (
  INSERT INTO sp_number (rid, type, param, value, lo, hi)
  SELECT j.rid, j.type, x.param, x.value, x.lo, x.hi
  FROM unnest($21::int[], $22::text[], $23::numeric[], $24::numeric[], $25::numeric[]) AS x(i, param, value, lo, hi) JOIN j ON j.i = x.i
),
i5 AS (
  INSERT INTO sp_quantity (rid, type, param, value, lo, hi, system, code, unit)
  SELECT j.rid, j.type, x.param, x.value, x.lo, x.hi, x.system, x.code, x.unit
  FROM unnest($26::int[], $27::text[], $28::numeric[], $29::numeric[], $30::numeric[], $31::text[], $32::text[], $33::text[])
    AS x(i, param, value, lo, hi, system, code, unit) JOIN j ON j.i = x.i
),
i6 AS (
  INSERT INTO sp_reference (rid, type, param, target_type, target_id, url)
  SELECT j.rid, j.type, x.param, x.target_type, x.target_id, x.url
  FROM unnest($34::int[], $35::text[], $36::text[], $37::text[], $38::text[]) AS x(i, param, target_type, target_id, url) JOIN j ON j.i = x.i
),
i7 AS (
  INSERT INTO sp_uri (rid, type, param, value)
  SELECT j.rid, j.type, x.param, x.value
  FROM unnest($39::int[], $40::text[], $41::text[]) AS x(i, param, value) JOIN j ON j.i = x.i
),
ob AS (
  INSERT INTO outbox (rid, type, id, version_id, action)
  SELECT rid, type, id, version_id, action FROM j ORDER BY i
)
SELECT j.i::int AS i, j.rid FROM j`;

const CREATE_SQL = MAIN + WRITE;
const UPDATE_SQL = MAIN + REPLACE_PREVIOUS + WRITE;

/** Writes the versions; returns the rid of each, in input order. */
export async function writeVersions(q: Queryable, versions: readonly NewVersion[]): Promise<string[]> {
  if (versions.length === 0) return [];
  const cols = (n: number): unknown[][] => Array.from({ length: n }, () => []);
  const main = cols(7);
  const access = cols(2);
  const token = cols(5);
  const str = cols(4);
  const date = cols(4);
  const num = cols(5);
  const qty = cols(8);
  const ref = cols(5);
  const uri = cols(3);
  const push = (target: unknown[][], values: unknown[]) => {
    for (let k = 0; k < values.length; k++) target[k]!.push(values[k]);
  };
  versions.forEach((v, n) => {
    const i = n + 1;
    push(main, [v.type, v.id, v.versionId, v.lastUpdated, v.deleted, v.json, v.action]);
    push(access, [v.patientId, v.sensitive]);
    for (const r of v.index.token) push(token, [i, r.param, r.system, r.code, r.text]);
    for (const r of v.index.string) push(str, [i, r.param, r.norm, r.exact]);
    for (const r of v.index.date) push(date, [i, r.param, r.lo, r.hi]);
    for (const r of v.index.number) push(num, [i, r.param, r.value, r.lo, r.hi]);
    for (const r of v.index.quantity) push(qty, [i, r.param, r.value, r.lo, r.hi, r.system, r.code, r.unit]);
    for (const r of v.index.reference) push(ref, [i, r.param, r.targetType, r.targetId, r.url]);
    for (const r of v.index.uri) push(uri, [i, r.param, r.value]);
  });
  const params = [...main, ...token, ...str, ...date, ...num, ...qty, ...ref, ...uri, ...access];
  const previous = versions.flatMap((v) => (v.previousRid ? [v.previousRid] : []));
  const rows = previous.length
    ? await q.query<{ i: number; rid: string }>(UPDATE_SQL, [...params, previous], { name: 'kerne_write_update' })
    : await q.query<{ i: number; rid: string }>(CREATE_SQL, params, { name: 'kerne_write_create' });
  const rids: string[] = new Array(versions.length);
  for (const r of rows) rids[r.i - 1] = r.rid;
  return rids;
}
