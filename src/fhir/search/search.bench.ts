/**
 * Search benchmark on PostgreSQL: loads the Synthea R4 bundles (references rewritten to Type/id)
 * into a fresh database, then times searches and prints EXPLAIN ANALYZE.
 * `node --import tsx src/fhir/search/search.bench.ts [files]` (needs PostgreSQL on 127.0.0.1:5432).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { migrate, openDb } from '../../db/index.ts';
import { createTestDatabase } from '../../../test/support/stores.ts';
import { executeSearch } from './execute.ts';
import { extractIndexRows } from './extract-index-rows.ts';

const dir = process.env.SYNTHEA_DIR ?? new URL('../../../../shared/data/synthea-r4/', import.meta.url).pathname;
const maxFiles = Number(process.argv[2] ?? 85);
const { url, drop } = await createTestDatabase();
const db = await openDb({ databaseUrl: url, poolSize: 4 });
try {
  await migrate(db);
  const resources: Resource[] = [];
  const seen = new Set<string>();
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.json')).slice(0, maxFiles)) {
    const b = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Bundle;
    const ids = new Map<string, string>();
    for (const e of b.entry ?? []) if (e.fullUrl && e.resource) ids.set(e.fullUrl, `${e.resource.resourceType}/${e.resource.id}`);
    for (const e of b.entry ?? []) {
      if (!e.resource || seen.has(`${e.resource.resourceType}/${e.resource.id}`)) continue;
      seen.add(`${e.resource.resourceType}/${e.resource.id}`);
      const text = JSON.stringify(e.resource).replace(/"reference":"(urn:uuid:[^"]+)"/g, (m, u: string) => (ids.has(u) ? `"reference":"${ids.get(u)}"` : m));
      resources.push(JSON.parse(text) as Resource);
    }
  }
  const t0 = performance.now();
  for (let i = 0; i < resources.length; i += 500) await insertBatch(resources.slice(i, i + 500));
  await db.query('ANALYZE');
  console.log(`loaded ${resources.length} resources in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const patient = resources.find((r) => r.resourceType === 'Patient')!;
  const queries: [string, string][] = [
    ['Observation', 'code=http://loinc.org|8302-2'],
    ['Observation', 'code=http://loinc.org|8302-2&_total=none'],
    ['Observation', `subject=Patient/${patient.id}&_sort=-date`],
    ['Patient', 'name=mar'],
    ['Patient', 'family:contains=son'],
    ['Observation', 'date=ge2019-01-01&_count=20&_total=none'],
    ['Observation', 'value-quantity=gt100|http://unitsofmeasure.org|mg/dL&_total=none'],
    ['Observation', `patient.identifier=${(patient as { identifier?: { system?: string; value?: string }[] }).identifier?.[0]?.system}|${(patient as { identifier?: { value?: string }[] }).identifier?.[0]?.value}`],
    ['Encounter', '_count=20&_sort=-_lastUpdated'],
    ['Observation', 'code=http://loinc.org|8302-2&_include=Observation:subject'],
  ];
  for (const [type, query] of queries) {
    const req = { resourceType: type, params: [...new URLSearchParams(query)], baseUrl: 'http://h/fhir', handling: 'strict' as const };
    const times: number[] = [];
    let n = 0;
    let total: number | undefined;
    for (let i = 0; i < 25; i++) {
      const s = performance.now();
      const r = await executeSearch(db, req);
      times.push(performance.now() - s);
      n = r.entries.length;
      total = r.total;
    }
    times.sort((a, b) => a - b);
    console.log(`${type}?${query}: ${n} entries, total ${total}, median ${times[12]!.toFixed(2)} ms, p90 ${times[22]!.toFixed(2)} ms`);
  }
  const explain = await db.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN ANALYZE SELECT r.rid, r.type, r.id, r.content FROM resource r WHERE r.type = $1::text AND r.deleted = false AND EXISTS (SELECT 1 FROM sp_token t1 WHERE t1.rid = r.rid AND t1.type = $2::text AND t1.param = $3::text AND (t1.code = $4::text AND t1.system = $5::text)) ORDER BY r.rid ASC LIMIT 21 OFFSET 0`,
    ['Observation', 'Observation', 'code', '8302-2', 'http://loinc.org'],
  );
  console.log(explain.map((r) => r['QUERY PLAN']).join('\n'));
} finally {
  await db.close();
  if (process.env.KEEP_DB) console.log(`kept ${url}`);
  else await drop();
}

async function insertBatch(batch: Resource[]): Promise<void> {
  const inserted = await db.query<{ rid: string; type: string; id: string }>(
    `INSERT INTO resource (type, id, version_id, last_updated, deleted, content)
     SELECT t, i, 1, now(), false, c FROM unnest($1::text[], $2::text[], $3::text[]) AS x(t, i, c) RETURNING rid, type, id`,
    [batch.map((r) => r.resourceType), batch.map((r) => r.id), batch.map((r) => JSON.stringify(r))],
  );
  const ridOf = new Map(inserted.map((r) => [`${r.type}/${r.id}`, r.rid]));
  const cols: Record<string, unknown[][]> = {};
  const push = (table: string, values: unknown[]) => {
    const c = (cols[table] ??= values.map(() => []));
    values.forEach((v, k) => c[k]!.push(v));
  };
  batch.forEach((r) => {
    const rid = ridOf.get(`${r.resourceType}/${r.id}`)!;
    const x = extractIndexRows(r);
    const t = r.resourceType;
    for (const v of x.token) push('sp_token(rid,type,param,system,code,text)', [rid, t, v.param, v.system, v.code, v.text]);
    for (const v of x.string) push('sp_string(rid,type,param,norm,exact)', [rid, t, v.param, v.norm, v.exact]);
    for (const v of x.date) push('sp_date(rid,type,param,lo,hi)', [rid, t, v.param, v.lo, v.hi]);
    for (const v of x.number) push('sp_number(rid,type,param,value,lo,hi)', [rid, t, v.param, v.value, v.lo, v.hi]);
    for (const v of x.quantity) push('sp_quantity(rid,type,param,value,lo,hi,system,code,unit)', [rid, t, v.param, v.value, v.lo, v.hi, v.system, v.code, v.unit]);
    for (const v of x.reference) push('sp_reference(rid,type,param,target_type,target_id,url)', [rid, t, v.param, v.targetType, v.targetId, v.url]);
    for (const v of x.uri) push('sp_uri(rid,type,param,value)', [rid, t, v.param, v.value]);
  });
  const types: Record<string, string> = { rid: 'bigint', lo: 'timestamptz', hi: 'timestamptz', value: 'text' };
  for (const [table, values] of Object.entries(cols)) {
    const names = table.slice(table.indexOf('(') + 1, -1).split(',');
    const isNum = table.startsWith('sp_number') || table.startsWith('sp_quantity');
    const casts = names.map((n, k) => `$${k + 1}::${(isNum && ['value', 'lo', 'hi'].includes(n)) ? 'numeric' : (types[n] ?? 'text')}[]`);
    await db.query(`INSERT INTO ${table} SELECT * FROM unnest(${casts.join(', ')})`, values);
  }
}
