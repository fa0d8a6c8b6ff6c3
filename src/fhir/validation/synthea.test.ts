// R4 base validation over Synthea transaction bundles (https://synthetichealth.github.io/synthea/), with throughput.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { createValidator } from './index.ts';
import { SHARED, problems } from './shared-standards.test-support.ts';

const DIR = join(SHARED, 'data/synthea-r4');
const BUNDLES = 4;

test(`every resource of ${BUNDLES} Synthea bundles passes; throughput reported`, { skip: existsSync(DIR) ? false : `${DIR} is absent` }, () => {
  const validator = createValidator();
  const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort().slice(0, BUNDLES);
  const resources: Resource[] = files.flatMap((f) =>
    ((JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Bundle).entry ?? []).map((e) => e.resource!).filter(Boolean),
  );
  assert.ok(resources.length > 100, 'expected a few hundred resources');
  const failures = resources.map((r) => ({ r, p: problems(validator, r) })).filter((x) => x.p.lines.length);
  assert.deepEqual(failures.map((f) => `${f.r.resourceType}/${f.r.id}: ${f.p.lines.join('; ')}`), []);

  const started = performance.now();
  let n = 0;
  for (let round = 0; round < 3; round++) for (const r of resources) (validator.validate(r), n++);
  const seconds = (performance.now() - started) / 1000;
  const rate = Math.round(n / seconds);
  console.log(`validation throughput: ${rate} resources/s (${n} validations of ${resources.length} resources from ${files.length} bundles, one core)`);
  assert.ok(rate > 200, `throughput ${rate}/s is far below target`);
});
