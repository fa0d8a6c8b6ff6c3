/** importPaths with a fake in-memory sink: order, conditional creates, conversions, NDJSON chunks, failures, progress. */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import { FhirError } from '../errors/index.ts';
import { formatSummary, importPaths, renderProgressBar, type ImportProgress, type ImportSink } from './index.ts';

/** Records every Bundle; optionally fails some. */
class FakeSink implements ImportSink {
  readonly received: Bundle[] = [];
  inFlight = 0;
  maxInFlight = 0;
  constructor(private readonly fail?: (b: Bundle) => Error | undefined, private readonly delayMs = 0) {}
  async transaction(bundle: Bundle): Promise<{ resourcesWritten: number }> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
      const err = this.fail?.(bundle);
      if (err) throw err;
      this.received.push(structuredClone(bundle));
      return { resourcesWritten: bundle.entry?.length ?? 0 };
    } finally {
      this.inFlight--;
    }
  }
}

const post = (resource: Resource, fullUrl = `urn:uuid:${resource.resourceType}-${Math.random()}`): BundleEntry => ({
  fullUrl,
  resource,
  request: { method: 'POST', url: resource.resourceType },
});
const txn = (...entry: BundleEntry[]): Bundle => ({ resourceType: 'Bundle', type: 'transaction', entry });
const org = (value?: string): Resource => ({
  resourceType: 'Organization',
  name: `Org ${value ?? 'none'}`,
  ...(value ? { identifier: [{ use: 'official', value: 'no-system' }, { system: 'https://sor.example', value }] } : {}),
});
const patient = (family: string, id?: string): Resource => ({ resourceType: 'Patient', ...(id ? { id } : {}), name: [{ family }], identifier: [{ system: 'urn:x', value: family }] });

let dir: string;
const path = (...p: string[]) => join(dir, ...p);
const write = async (p: string, content: unknown) => {
  await mkdir(join(p, '..'), { recursive: true });
  await writeFile(p, typeof content === 'string' || Buffer.isBuffer(content) ? content : JSON.stringify(content));
};

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kerne-import-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('importPaths', () => {
  test('walks folders recursively in sorted order, administrative-only files first, ignores other files', async () => {
    const root = path('order');
    await write(join(root, 'b_patient.json'), txn(post(patient('B'))));
    await write(join(root, 'a_patient.json'), txn(post(patient('A'))));
    await write(join(root, 'sub', 'c_patient.json'), txn(post(patient('C'))));
    await write(join(root, 'z_practitioners.json'), txn(post({ resourceType: 'Practitioner', identifier: [{ system: 'npi', value: '1' }] })));
    await write(join(root, 'README.md'), '# not FHIR');
    await write(join(root, 'MANIFEST.tsv'), 'x\ty');
    const sink = new FakeSink();
    const summary = await importPaths([root], sink, { concurrency: 1 });
    assert.deepEqual(
      sink.received.map((b) => b.entry![0]!.resource!.resourceType === 'Patient' ? (b.entry![0]!.resource as { name: { family: string }[] }).name[0]!.family : 'admin'),
      ['admin', 'A', 'B', 'C'],
    );
    assert.equal(summary.files, 4);
    assert.equal(summary.bundles, 4);
    assert.equal(summary.resources, 4);
    assert.deepEqual(summary.failures, []);
  });

  test('adds ifNoneExist to plain POSTs of administrative resources with an identifier, and to nothing else', async () => {
    const file = path('dedupe.json');
    await write(
      file,
      txn(
        post(org('42'), 'urn:uuid:org-42'),
        post(org()),
        post({ resourceType: 'Practitioner', identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '9|9' }] }),
        { ...post({ resourceType: 'Location', identifier: [{ system: 's', value: 'v' }] }), request: { method: 'POST', url: 'Location', ifNoneExist: 'name=kept' } },
        { resource: { resourceType: 'PractitionerRole', id: 'r1', identifier: [{ system: 's', value: 'v' }] }, request: { method: 'PUT', url: 'PractitionerRole/r1' } },
        post(patient('Jensen')),
      ),
    );
    const sink = new FakeSink();
    await importPaths([file], sink, {});
    const requests = sink.received[0]!.entry!.map((e) => e.request!);
    assert.equal(requests[0]!.ifNoneExist, 'identifier=https://sor.example|42', 'first identifier with system and value');
    assert.equal(sink.received[0]!.entry![0]!.fullUrl, 'urn:uuid:org-42', 'the fullUrl stays so references resolve');
    assert.equal(requests[1]!.ifNoneExist, undefined, 'no identifier: unchanged');
    assert.equal(requests[2]!.ifNoneExist, 'identifier=http://hl7.org/fhir/sid/us-npi|9\\|9', 'token characters escaped');
    assert.equal(requests[3]!.ifNoneExist, 'name=kept', 'an existing ifNoneExist is kept');
    assert.equal(requests[4]!.ifNoneExist, undefined, 'PUT is not a create');
    assert.equal(requests[5]!.ifNoneExist, undefined, 'Patient is not administrative');
  });

  test('converts collection Bundles and single resources to transactions of PUT (id) or POST (no id); batch goes as-is', async () => {
    const root = path('convert');
    await write(join(root, '1-collection.json'), {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [{ fullUrl: 'urn:uuid:p1', resource: patient('Hansen', 'p1') }, { resource: patient('Olsen') }, { fullUrl: 'urn:uuid:empty' }],
    });
    await write(join(root, '2-single.json'), patient('Madsen', 'm1'));
    await write(join(root, '3-batch.json'), { resourceType: 'Bundle', type: 'batch', entry: [post(patient('Larsen'))] });
    await write(join(root, '4-searchset.json'), { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: org('7'), search: { mode: 'match' } }] });
    const sink = new FakeSink();
    await importPaths([root], sink, { concurrency: 1 });
    const [searchset, collection, single, batch] = sink.received; // the searchset holds only an Organization: first
    assert.equal(collection!.type, 'transaction');
    assert.deepEqual(collection!.entry!.map((e) => [e.fullUrl, e.request]), [
      ['urn:uuid:p1', { method: 'PUT', url: 'Patient/p1' }],
      [undefined, { method: 'POST', url: 'Patient' }],
    ]);
    assert.deepEqual(single!.entry!.map((e) => e.request), [{ method: 'PUT', url: 'Patient/m1' }]);
    assert.equal(batch!.type, 'batch');
    assert.deepEqual(searchset!.entry![0]!.request, { method: 'POST', url: 'Organization', ifNoneExist: 'identifier=https://sor.example|7' });
  });

  test('NDJSON goes in chunks (PUT with id, POST without), skipping blank lines and reporting bad ones', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 1203; i++) lines.push(JSON.stringify(i % 2 ? patient(`P${i}`, `p${i}`) : patient(`P${i}`)));
    lines.splice(10, 0, '', '{not json');
    const file = path('big.ndjson');
    await write(file, `${lines.join('\n')}\n`);
    const sink = new FakeSink();
    const summary = await importPaths([file], sink, { ndjsonChunkSize: 500 });
    assert.deepEqual(sink.received.map((b) => b.entry!.length), [500, 500, 203]);
    assert.ok(sink.received.every((b) => b.type === 'transaction'));
    assert.deepEqual(sink.received[0]!.entry![0]!.request, { method: 'POST', url: 'Patient' });
    assert.deepEqual(sink.received[0]!.entry![1]!.request, { method: 'PUT', url: 'Patient/p1' });
    assert.equal(summary.resources, 1203);
    assert.equal(summary.failures.length, 1);
    assert.equal(summary.failures[0]!.line, 12);
    assert.match(summary.failures[0]!.message, /Invalid JSON/);
  });

  test('reads .json.gz and .ndjson.gz', async () => {
    const root = path('gz');
    await write(join(root, 'a.json.gz'), gzipSync(JSON.stringify(txn(post(patient('Gz'))))));
    await write(join(root, 'b.ndjson.gz'), gzipSync(`${JSON.stringify(patient('N1', 'n1'))}\n${JSON.stringify(patient('N2', 'n2'))}\n`));
    const sink = new FakeSink();
    const summary = await importPaths([root], sink, { concurrency: 1 });
    assert.deepEqual(summary.failures, []);
    assert.deepEqual(sink.received.map((b) => b.entry!.length), [1, 2]);
  });

  test('a failing file is recorded with its entry index and the import continues', async () => {
    const root = path('failures');
    await write(join(root, 'a.json'), txn(post(patient('Ok1'))));
    await write(join(root, 'b.json'), txn(post(patient('Ok2')), post(patient('Ok3')), post(patient('Bad'))));
    await write(join(root, 'c.json'), '{ "resourceType": "Bundle", ');
    await write(join(root, 'd.json'), txn(post(patient('Ok4'))));
    await write(join(root, 'e.ndjson'), ['Ok5', 'Ok6', 'Bad', 'Ok7'].map((f) => JSON.stringify(patient(f))).join('\n'));
    const sink = new FakeSink((b) => {
      const i = b.entry!.findIndex((e) => (e.resource as { name?: { family: string }[] }).name?.[0]?.family === 'Bad');
      return i < 0 ? undefined : new FhirError(400, [{ severity: 'error', code: 'invalid', details: { text: `Bundle.entry[${i}] (POST Patient): bad name` }, expression: [`Bundle.entry[${i}]`] }]);
    });
    const summary = await importPaths([root, path('missing-folder'), path('failures', 'note.txt')], sink, { ndjsonChunkSize: 2, concurrency: 3 });
    assert.equal(summary.bundles, 3, 'a.json, d.json, first NDJSON chunk');
    assert.equal(summary.resources, 4);
    const byFile = summary.failures.map((f) => [f.file.slice(dir.length + 1), f.entry, f.line]);
    assert.deepEqual(byFile, [
      ['missing-folder', undefined, undefined],
      ['failures/note.txt', undefined, undefined],
      ['failures/b.json', 2, undefined],
      ['failures/c.json', undefined, undefined],
      ['failures/e.ndjson', 0, 3],
    ]);
    assert.match(summary.failures[2]!.message, /bad name/);
    assert.match(formatSummary(summary), /5 failures:\n {2}.*missing-folder: /);
    assert.match(formatSummary(summary), /failures\/b\.json \(entry 2\): Bundle\.entry\[2\]/);
  });

  test('reports progress after every bundle and file, and bounds files in flight', async () => {
    const root = path('progress');
    await write(join(root, '0-orgs.json'), txn(post(org('1')), post(org('2'))));
    for (let i = 1; i <= 6; i++) await write(join(root, `${i}-p.json`), txn(post(patient(`P${i}`))));
    const sink = new FakeSink(undefined, 5);
    const seen: ImportProgress[] = [];
    let orgsDoneBeforeOthers = true;
    const origin = sink.transaction.bind(sink);
    sink.transaction = async (b) => {
      if (b.entry![0]!.resource!.resourceType === 'Patient' && sink.received.length === 0) orgsDoneBeforeOthers = false;
      return origin(b);
    };
    const summary = await importPaths([root], sink, { concurrency: 3, onProgress: (p) => seen.push(p) });
    assert.ok(orgsDoneBeforeOthers, 'administrative files finish before the others start');
    assert.ok(sink.maxInFlight <= 3 && sink.maxInFlight >= 2, `in flight: ${sink.maxInFlight}`);
    assert.deepEqual(seen[0], { ...seen[0]!, filesDone: 0, filesTotal: 7, bundles: 0, resources: 0 });
    const last = seen.at(-1)!;
    assert.equal(last.filesDone, 7);
    assert.equal(last.resources, 8);
    assert.equal(summary.resources, 8);
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i]!.filesDone >= seen[i - 1]!.filesDone && seen[i]!.resources >= seen[i - 1]!.resources);
    assert.equal(seen.length, 1 + 7 * 2);
  });
});

describe('progress text', () => {
  test('renderProgressBar draws one line', () => {
    const line = renderProgressBar({ filesDone: 41, filesTotal: 83, bundles: 41, resources: 12345, elapsedMs: 5000 });
    assert.equal(line, '[##########----------] 41/83 files  12,345 resources  2,469/s');
    assert.equal(renderProgressBar({ filesDone: 0, filesTotal: 0, bundles: 0, resources: 0, elapsedMs: 0 }), '[####################] 0/0 files  0 resources  0/s');
  });
  test('formatSummary gives counts, time and rate', () => {
    const text = formatSummary({ files: 83, bundles: 83, resources: 25320, failures: [], elapsedMs: 12_345, resourcesPerSecond: 2051 });
    assert.equal(text, 'Imported 83 files: 83 bundles, 25,320 resources in 12.3 s (2,051 resources/s)\nNo failures.');
  });
});
