/**
 * The journal overview ("Overblik") and the cited-source view through HTTP on both stores: the
 * overview of a generated evaluation record scores fully against its gold facts, every citation
 * opens through /api/journal/sources with its span marked valid, an amended note makes an old
 * citation stale, a caller without a care relation gets 403, bad parameters 400, and "Nyt siden
 * sidst" lists an Observation written after the last visit.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Bundle, Composition, Resource } from '@medplum/fhirtypes';
import { KERNE_ROLE_SYSTEM } from '../src/access/index.ts';
import type { JournalCitation, JournalOverview, JournalSource } from '../src/journal/index.ts';
import { generateEvalRecord, noteDocId, type EvalRecord } from '../src/journal/eval/index.ts';
import { scoreOverview } from '../src/journal/eval/score-overview.ts';
import { sourceText } from '../src/journal/index.ts';
import { startTestKerne, type TestKerne } from './support/kerne.ts';
import { STORES } from './support/stores.ts';

type SpanCitation = Extract<JournalCitation, { kind: 'span' }>;
const citationsOf = (o: JournalOverview) => o.sections.flatMap((s) => s.items.flatMap((i) => i.citations));

for (const store of STORES) {
  describe(`journal overview (${store.name})`, () => {
    let t: TestKerne;
    let record: EvalRecord;
    let patientId = '';
    const refs = new Map<string, { type: string; id: string }>();
    const overview = async (token?: string) => {
      const res = await t.request('GET', `/api/journal/patients/${patientId}/overview`, undefined, token ? { authorization: `Bearer ${token}` } : {});
      return { status: res.status, body: res.json as JournalOverview };
    };
    const source = async (c: JournalCitation, version = c.versionId) => {
      const span = c.kind === 'span' ? `&start=${c.start}&end=${c.end}` : '';
      const res = await t.request('GET', `/api/journal/sources/${c.resourceType}/${c.id}?version=${version}${span}`);
      return { status: res.status, body: res.json as JournalSource };
    };

    before(async () => {
      t = await startTestKerne(store);
      record = generateEvalRecord({ seed: 3, documents: 40, now: new Date() });
      const res = await t.request('POST', '/fhir', record.bundle);
      assert.equal(res.status, 200, `the record loads: ${res.text.slice(0, 300)}`);
      (res.json as Bundle).entry!.forEach((e, i) => {
        const [type, id] = (e.response?.location ?? '').split('/');
        if (type && id) refs.set(record.bundle.entry![i]!.fullUrl!, { type, id });
      });
      patientId = refs.get(record.truth.patient.fullUrl)!.id;
      await t.kerne.relay.flush();
      await t.kerne.journal.indexer.idle();
    });
    after(() => t.close());

    it('the overview of a generated record: seven sections, every item cited, scoring fully against the record\'s facts', async () => {
      const { status, body } = await overview();
      assert.equal(status, 200, JSON.stringify(body).slice(0, 300));
      assert.equal(body.sections.length, 7, 'seven sections');
      assert.ok(body.buildMs > 0, 'the build time is measured');
      const docs = new Map<string, { type: string; id: string }>();
      for (const e of record.bundle.entry!) {
        const r = e.resource as Resource;
        const docId = r.resourceType === 'Composition' || r.resourceType === 'DocumentReference' ? noteDocId(r) : undefined;
        if (docId) docs.set(docId, refs.get(e.fullUrl!)!);
      }
      const stored = new Map<string, { text?: string }>();
      for (const c of citationsOf(body)) {
        const row = await t.kerne.repo.vread(c.resourceType, c.id, c.versionId).catch(() => undefined);
        const text = row?.json ? sourceText(JSON.parse(row.json) as Resource)?.text : undefined;
        if (row) stored.set(`${c.resourceType}/${c.id}/${c.versionId}`, text !== undefined ? { text } : {});
      }
      const score = scoreOverview({ overview: body, truth: record.truth, resolveRef: (u) => refs.get(u), resolveDoc: (d) => docs.get(d), stored: (ty, id, v) => stored.get(`${ty}/${id}/${v}`) });
      assert.deepEqual(score.misses, [], 'nothing missed');
      assert.equal(score.citations.hits, score.citations.total, 'every citation verifies');
      assert.ok(record.truth.stoppedMedication.length > 0 && score.stoppedShownActive === 0, 'the record stops a drug and it is not shown active');
      assert.ok(score.medication.total > 0 && score.pending.total > 0, 'the record has medication and pending results to find');
    });

    it('every citation opens through /api/journal/sources, the span marked valid and quoting the cited words', async () => {
      const { body } = await overview();
      const citations = citationsOf(body);
      assert.ok(citations.some((c) => c.kind === 'span'), 'some span citations');
      for (const c of citations) {
        const res = await source(c);
        assert.equal(res.status, 200, `${c.resourceType}/${c.id}: ${JSON.stringify(res.body).slice(0, 200)}`);
        assert.equal(res.body.versionId, c.versionId, 'the cited version');
        if (c.kind !== 'span') continue;
        assert.equal(res.body.highlight?.status, 'valid', `the span of "${c.quote}" is valid`);
        assert.equal(Array.from(res.body.text).slice(c.start, c.end).join(''), c.quote, 'the marked words are the quote');
      }
    });

    it('an amended note makes an old citation stale (shown at its version, never re-anchored); the new overview cites the new version', async () => {
      const { body } = await overview();
      const cited = citationsOf(body).find((c): c is SpanCitation => c.kind === 'span' && c.resourceType === 'Composition');
      assert.ok(cited, 'a note is cited');
      const note = JSON.parse((await t.kerne.repo.read('Composition', cited.id)).json!) as Composition;
      await t.kerne.repo.update({ ...note, section: [{ title: 'Tilføjelse', text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">Rettet af lægen.</div>' } }, ...(note.section ?? [])] });
      await t.kerne.relay.flush();
      const old = await source(cited);
      assert.equal(old.status, 200, 'the old version still opens');
      assert.deepEqual([old.body.versionId, old.body.currentVersionId], [cited.versionId, String(Number(cited.versionId) + 1)], 'shown at the cited version, the current one named');
      assert.equal(old.body.highlight?.status, 'stale', 'the citation is stale');
      const again = citationsOf((await overview()).body).find((c) => c.resourceType === 'Composition' && c.id === cited.id);
      assert.equal(again?.versionId, String(Number(cited.versionId) + 1), 'recomputed on the new version');
    });

    it('a caller without a care relation gets 403; bad parameters a 400 OperationOutcome', async () => {
      const org = (await t.kerne.repo.create({ resourceType: 'Organization', name: 'Anden afdeling' })).stored.id;
      const who = (await t.kerne.repo.create({ resourceType: 'Practitioner', name: [{ text: 'Fremmed' }] })).stored.id;
      await t.kerne.repo.create({ resourceType: 'PractitionerRole', active: true, practitioner: { reference: `Practitioner/${who}` }, code: [{ coding: [{ system: KERNE_ROLE_SYSTEM, code: 'laege' }] }], organization: { reference: `Organization/${org}` } });
      const token = await t.tokenFor({ subject: 'fremmed', fhirUser: `Practitioner/${who}`, scope: 'openid fhirUser user/*.*', clientId: 'kerne-web' });
      assert.equal((await overview(token)).status, 403, 'no care relation, no overview');
      const note = citationsOf((await overview()).body).find((c) => c.kind === 'span')!;
      const denied = await t.request('GET', `/api/journal/sources/${note.resourceType}/${note.id}`, undefined, { authorization: `Bearer ${token}` });
      assert.equal(denied.status, 403, 'nor its sources');
      for (const url of [`/api/journal/sources/${note.resourceType}/${note.id}?start=3`, `/api/journal/sources/${note.resourceType}/${note.id}?start=9&end=2`, `/api/journal/sources/Nonsense/${note.id}`, `/api/journal/sources/${note.resourceType}/${note.id}?version=x`, '/api/journal/patients/%20bad/overview']) {
        const res = await t.request('GET', url);
        assert.equal(res.status, 400, `${url} is refused`);
        assert.equal(res.json?.resourceType, 'OperationOutcome', `${url}: as an OperationOutcome`);
      }
    });

    it('"Nyt siden sidst" lists an Observation written after the last visit', async () => {
      await overview();
      const before = (await overview()).body;
      assert.ok(before.lastOpened, 'the last visit is known');
      assert.ok(!before.sections.find((s) => s.id === 'newSinceLastVisit')!.items.some((i) => i.text.includes('Puls 131')), 'not there yet');
      const created = await t.kerne.repo.create({
        resourceType: 'Observation', status: 'final', category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
        code: { coding: [{ system: 'http://loinc.org', code: '8867-4', display: 'Heart rate' }], text: 'Puls' }, subject: { reference: `Patient/${patientId}` },
        effectiveDateTime: new Date().toISOString(), valueQuantity: { value: 131, unit: '/min', system: 'http://unitsofmeasure.org', code: '/min' },
      } as Resource);
      const after = (await overview()).body;
      const fresh = after.sections.find((s) => s.id === 'newSinceLastVisit')!.items;
      assert.ok(fresh.some((i) => i.citations.some((c) => c.id === created.stored.id)), `the new Observation is listed: ${JSON.stringify(fresh.map((i) => i.text))}`);
      const pulse = after.sections.find((s) => s.id === 'vitals')!.items.find((i) => i.text.startsWith('Puls 131'));
      assert.equal(pulse?.isNew, true, 'and the vital sign is marked new');
      const next = (await overview()).body;
      assert.equal(next.sections.find((s) => s.id === 'newSinceLastVisit')!.items.length, 0, 'seen: nothing new the next time');
    });
  });
}
