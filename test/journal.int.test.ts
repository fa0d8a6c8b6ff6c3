/**
 * Journal search through HTTP on both stores: notes, documents, results and messages are indexed as
 * they are written; a Danish search keeps negation ("ikke feber" finds the negated passage, first),
 * finds compound words by trigrams, follows amendments and deletes, and shows only what the caller
 * may read.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Composition, Resource } from '@medplum/fhirtypes';
import { KERNE_ROLE_SYSTEM } from '../src/access/index.ts';
import type { JournalSearchResult } from '../src/journal/index.ts';
import { startTestKerne, type TestKerne } from './support/kerne.ts';
import { STORES } from './support/stores.ts';

const note = (patient: string, encounter: string, title: string, text: string, date: string): Composition => ({
  resourceType: 'Composition', status: 'final', type: { coding: [{ system: 'http://loinc.org', code: '11506-3' }], text: 'Lægenotat' },
  subject: { reference: `Patient/${patient}` }, encounter: { reference: `Encounter/${encounter}` }, date, author: [{ display: 'Læge' }], title,
  section: [{ title: 'Objektivt', text: { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml"><p>${text}</p></div>` } }],
});

for (const store of STORES) {
  describe(`journal search (${store.name})`, () => {
    let t: TestKerne;
    const ids: Record<string, string> = {};
    const tokens: Record<string, string> = {};
    const create = async <T extends Resource>(r: T): Promise<string> => (await t.kerne.repo.create(r)).stored.id;
    const search = async (who: string, q: string) => {
      const res = await t.request('GET', `/api/journal/patients/${ids.patient}/search?q=${encodeURIComponent(q)}`, undefined, { authorization: `Bearer ${tokens[who]}` });
      return { status: res.status, body: res.json as JournalSearchResult };
    };

    before(async () => {
      t = await startTestKerne(store);
      ids.unit = await create({ resourceType: 'Organization', name: 'Medicinsk afdeling' });
      ids.other = await create({ resourceType: 'Organization', name: 'Anden afdeling' });
      for (const [key, unit] of [['doctor', 'unit'], ['stranger', 'other']] as const) {
        ids[key] = await create({ resourceType: 'Practitioner', name: [{ text: key }] });
        await create({ resourceType: 'PractitionerRole', active: true, practitioner: { reference: `Practitioner/${ids[key]}` }, code: [{ coding: [{ system: KERNE_ROLE_SYSTEM, code: 'laege' }] }], organization: { reference: `Organization/${ids[unit]}` } });
        tokens[key] = await t.tokenFor({ subject: key, fhirUser: `Practitioner/${ids[key]}`, scope: 'openid fhirUser user/*.*', clientId: 'kerne-web' });
      }
      ids.patient = await create({ resourceType: 'Patient', name: [{ family: 'Søgaard', given: ['Inge'] }] });
      ids.encounter = await create({ resourceType: 'Encounter', status: 'in-progress', class: { code: 'IMP' }, subject: { reference: `Patient/${ids.patient}` }, serviceProvider: { reference: `Organization/${ids.unit}` } } as Resource);
      const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
      ids.feverNo = await create(note(ids.patient, ids.encounter, 'Stuegang', 'Patienten har ikke feber. Hoster let.', day(1)));
      ids.feverYes = await create(note(ids.patient, ids.encounter, 'Indlæggelse', 'Patienten har feber 39,2 og kulderystelser.', day(5)));
      ids.allergy = await create(note(ids.patient, ids.encounter, 'Journaloptagelse', 'CAVE: kendt penicillinallergi med udslæt.', day(30)));
      ids.document = await create({
        resourceType: 'DocumentReference', status: 'current', subject: { reference: `Patient/${ids.patient}` }, date: day(60), description: 'Brev fra egen læge',
        content: [{ attachment: { contentType: 'text/plain; charset=utf-8', data: Buffer.from('Henvises med mistanke om lungeemboli. Tidligere dyb venetrombose.').toString('base64') } }],
      } as Resource);
      await t.kerne.relay.flush();
      await t.kerne.journal.indexer.idle();
    });
    after(() => t.close());

    it('"ikke feber" finds the negated passage first, as a phrase; "feber" finds both', async () => {
      const negated = await search('doctor', 'ikke feber');
      assert.equal(negated.status, 200, JSON.stringify(negated.body));
      assert.equal(negated.body.hits[0]?.source.id, ids.feverNo, `the negated note first: ${JSON.stringify(negated.body.hits.map((h) => h.text))}`);
      assert.equal(negated.body.hits[0]?.phrase, true, 'as a phrase');
      assert.match(negated.body.hits[0]!.snippet, /\[\[ikke\]\] \[\[feber\]\]/, 'the words highlighted');
      assert.ok(!negated.body.hits.some((h) => h.source.id === ids.feverYes && h.phrase), 'the fever note is not a phrase match');
      const fever = await search('doctor', 'feber');
      assert.deepEqual(new Set(fever.body.hits.map((h) => h.source.id)), new Set([ids.feverNo, ids.feverYes]), 'both fever notes');
    });

    it('compound words by trigrams: "allergi" finds "penicillinallergi"; documents are searched too', async () => {
      const allergy = await search('doctor', 'allergi');
      assert.ok(allergy.body.hits.some((h) => h.source.id === ids.allergy), `the CAVE note: ${JSON.stringify(allergy.body.hits.map((h) => h.text))}`);
      const embolism = await search('doctor', 'lungeemboli');
      const hit = embolism.body.hits.find((h) => h.source.type === 'DocumentReference');
      assert.ok(hit, 'the letter is found');
      assert.equal(hit.text, 'Henvises med mistanke om lungeemboli.', 'the passage is the sentence');
      assert.deepEqual([hit.start, hit.end], [0, 37], 'with code-point offsets into the document');
    });

    it('an amendment replaces the passages; a delete removes them', async () => {
      const stored = JSON.parse((await t.kerne.repo.read('Composition', ids.feverNo!)).json!) as Composition;
      await t.kerne.repo.update({ ...stored, section: [{ title: 'Objektivt', text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml"><p>Patienten er afebril.</p></div>' } }] });
      await t.kerne.repo.delete('DocumentReference', ids.document!);
      await t.kerne.relay.flush();
      await t.kerne.journal.indexer.idle();
      const negated = await search('doctor', 'ikke feber');
      assert.ok(!negated.body.hits.some((h) => h.source.id === ids.feverNo), 'the amended note no longer says it');
      const afebrile = await search('doctor', 'afebril');
      assert.equal(afebrile.body.hits[0]?.source.version, 2, 'the new version is indexed');
      assert.equal((await search('doctor', 'lungeemboli')).body.hits.length, 0, 'the deleted letter is gone');
    });

    it('a backfill indexes what was written while no indexer ran (an index emptied as if the store predated it)', async () => {
      await t.kerne.db.query('DELETE FROM journal_passage');
      await t.kerne.db.query('DELETE FROM journal_index_state');
      assert.equal((await search('doctor', 'allergi')).body.hits.length, 0, 'nothing to find in an empty index');
      const indexed = await t.kerne.journal.indexer.backfill();
      assert.ok(indexed >= 3, `the notes are indexed again (${indexed})`);
      assert.ok((await search('doctor', 'allergi')).body.hits.some((h) => h.source.id === ids.allergy), 'the CAVE note is found again');
      assert.equal(await t.kerne.journal.indexer.backfill(), 0, 'a second backfill has nothing to do');
    });

    it('only for those who may read the record, and a clear 400 for a bad query', async () => {
      const stranger = await search('stranger', 'feber');
      assert.equal(stranger.status, 403, 'no care relation, no search');
      const short = await search('doctor', 'f');
      assert.equal(short.status, 400, 'a one-letter query is refused');
      assert.equal((short.body as unknown as { resourceType: string }).resourceType, 'OperationOutcome', 'as an OperationOutcome');
    });
  });
}
