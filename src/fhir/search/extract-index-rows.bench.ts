/** Benchmark of index extraction over the Synthea R4 bundles: `node --import tsx src/fhir/search/extract-index-rows.bench.ts [files]`. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { loadFhirDefinitions } from '../definitions/index.ts';
import { extractIndexRows } from './extract-index-rows.ts';

const dir = process.env.SYNTHEA_DIR ?? new URL('../../../../shared/data/synthea-r4/', import.meta.url).pathname;
const maxFiles = Number(process.argv[2] ?? 20);
loadFhirDefinitions();
const resources: Resource[] = [];
for (const f of readdirSync(dir).filter((f) => f.endsWith('.json')).slice(0, maxFiles)) {
  const b = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Bundle;
  for (const e of b.entry ?? []) if (e.resource) resources.push(e.resource);
}
for (const r of resources.slice(0, 500)) extractIndexRows(r); // warm up
const byType = new Map<string, { n: number; ms: number }>();
let rows = 0;
const t0 = performance.now();
for (const r of resources) {
  const s = performance.now();
  const x = extractIndexRows(r);
  const ms = performance.now() - s;
  rows += x.token.length + x.string.length + x.date.length + x.number.length + x.quantity.length + x.reference.length + x.uri.length;
  const t = byType.get(r.resourceType) ?? { n: 0, ms: 0 };
  t.n++;
  t.ms += ms;
  byType.set(r.resourceType, t);
}
const total = performance.now() - t0;
console.log(`${resources.length} resources, ${rows} rows in ${total.toFixed(0)} ms: ${Math.round((resources.length / total) * 1000)} resources/s (one core)`);
for (const [type, t] of [...byType].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12)) {
  console.log(`  ${type.padEnd(28)} ${String(t.n).padStart(6)}  ${((t.ms / t.n) * 1000).toFixed(0)} µs each`);
}
