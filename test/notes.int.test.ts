/**
 * Notes from templates through HTTP on both stores: a draft saves itself (a stale version is a 409);
 * signing makes the Composition final with the author's Provenance and turns the weight into the
 * Observation a weight search finds and the diagnosis into a Condition; an amendment is version 2
 * (status amended, its reason) with version 1 still readable; a bad value is a 400 naming the field
 * with nothing written; without a care relation, 403; a nurse writes the nursing status but not a
 * doctor's note; drafts are not searchable, signed notes are.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Bundle, Composition, Condition, Observation, Provenance, Resource } from '@medplum/fhirtypes';
import { KERNE_ROLE_SYSTEM } from '../src/access/index.ts';
import type { JournalSearchResult } from '../src/journal/index.ts';
import type { NoteList, NoteTemplateList, NoteVersionView, NoteView } from '../src/notes/index.ts';
import { startTestKerne, type TestKerne } from './support/kerne.ts';
import { STORES } from './support/stores.ts';

for (const store of STORES) {
  describe(`notes from templates (${store.name})`, () => {
    let t: TestKerne;
    const ids: Record<string, string> = {};
    const tokens: Record<string, string> = {};
    const create = async <T extends Resource>(r: T): Promise<string> => (await t.kerne.repo.create(r)).stored.id;
    const as = (who: string, method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
      t.request(method, url, body, { authorization: `Bearer ${tokens[who]}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers });
    const count = async (type: string, query: string) => ((await t.request('GET', `/fhir/${type}?${query}&_summary=count`)).json as Bundle).total;

    before(async () => {
      t = await startTestKerne(store);
      ids.unit = await create({ resourceType: 'Organization', name: 'Medicinsk afdeling' });
      ids.other = await create({ resourceType: 'Organization', name: 'Anden afdeling' });
      for (const [key, unit, role] of [['doctor', 'unit', 'laege'], ['doctor2', 'unit', 'laege'], ['nurse', 'unit', 'sygeplejerske'], ['stranger', 'other', 'laege']] as const) {
        ids[key] = await create({ resourceType: 'Practitioner', name: [{ text: key }] });
        await create({ resourceType: 'PractitionerRole', active: true, practitioner: { reference: `Practitioner/${ids[key]}` }, code: [{ coding: [{ system: KERNE_ROLE_SYSTEM, code: role }] }], organization: { reference: `Organization/${ids[unit]}` } });
        tokens[key] = await t.tokenFor({ subject: key, fhirUser: `Practitioner/${ids[key]}`, scope: 'openid fhirUser user/*.*', clientId: 'kerne-web' });
      }
      ids.patient = await create({ resourceType: 'Patient', name: [{ family: 'Søgaard', given: ['Inge'] }] });
      ids.encounter = await create({ resourceType: 'Encounter', status: 'in-progress', class: { code: 'IMP' }, subject: { reference: `Patient/${ids.patient}` }, serviceProvider: { reference: `Organization/${ids.unit}` } } as Resource);
    });
    after(() => t.close());

    it('lists the four templates with their LOINC types', async () => {
      const res = await as('doctor', 'GET', '/api/notes/templates');
      assert.equal(res.status, 200, res.text);
      const list = res.json as NoteTemplateList;
      assert.deepEqual(list.templates.map((x) => [x.id, x.loinc.code]), [['indlaeggelsesnotat', '34117-2'], ['sygeplejestatus', '34746-8'], ['journalnotat', '11506-3'], ['epikrise', '18842-5']], 'the templates');
    });

    let note: NoteView;
    it('creates a draft and saves it twice; a stale version is a 409', async () => {
      const created = await as('doctor', 'POST', `/api/notes/patients/${ids.patient}`, { templateId: 'indlaeggelsesnotat', content: { sections: { anamnese: 'Indlægges med feber.' }, fields: {} } });
      assert.equal(created.status, 201, created.text);
      note = created.json as NoteView;
      assert.equal(note.status, 'preliminary', 'a draft');
      assert.equal(created.headers.etag, `W/"${note.versionId}"`, 'the version as ETag');
      const first = await as('doctor', 'PUT', `/api/notes/${note.id}`, { content: { sections: { anamnese: 'Indlægges med feber og hoste.' }, fields: { weight: 82 } } }, { 'if-match': `W/"${note.versionId}"` });
      assert.equal(first.status, 200, first.text);
      const second = await as('doctor', 'PUT', `/api/notes/${note.id}`, {
        version: (first.json as NoteView).versionId,
        content: {
          sections: { anamnese: 'Indlægges med feber og hoste.', objektivt: 'Påvirket. <b>Ikke</b> dyspnøisk.', konklusion: 'Pneumoni.' },
          fields: { weight: 82.5, temperature: 38.4, bloodPressure: { systolic: 135, diastolic: 82 }, diagnosis: { code: 'DJ189', display: 'Pneumoni UNS' } },
        },
      });
      assert.equal(second.status, 200, second.text);
      const stale = await as('doctor', 'PUT', `/api/notes/${note.id}`, { version: (first.json as NoteView).versionId, content: { sections: { anamnese: 'Gammel fane.' }, fields: {} } });
      assert.equal(stale.status, 409, `a save based on an old version: ${stale.text}`);
      note = second.json as NoteView;
      assert.equal(note.content?.fields.weight, 82.5, 'the last save kept');
      assert.equal(await count('Observation', `patient=${ids.patient}&code=http://loinc.org|29463-7`), 0, 'a draft writes no Observation');
      const stored = (await t.request('GET', `/fhir/Composition/${note.id}`)).json as Composition;
      assert.equal(stored.status, 'preliminary');
      assert.match(stored.section?.find((s) => s.title === 'Objektivt')?.text?.div ?? '', /&lt;b&gt;Ikke&lt;\/b&gt;/, 'markup typed is escaped in the narrative');
    });

    it('refuses a bad value with a 400 naming the field, and writes nothing', async () => {
      const before = (await t.request('GET', `/fhir/Composition/${note.id}`)).json as Composition;
      const res = await as('doctor', 'PUT', `/api/notes/${note.id}`, { version: note.versionId, content: { sections: {}, fields: { weight: 8250, diagnosis: { code: 'pneumoni', display: 'Pneumoni' } } } });
      assert.equal(res.status, 400, res.text);
      const expressions = (res.json as { issue: { expression?: string[] }[] }).issue.flatMap((i) => i.expression ?? []);
      assert.deepEqual(expressions.sort(), ['content.fields.diagnosis', 'content.fields.weight'], 'each field named');
      const after = (await t.request('GET', `/fhir/Composition/${note.id}`)).json as Composition;
      assert.equal(after.meta?.versionId, before.meta?.versionId, 'nothing written');
      const unknown = await as('doctor', 'POST', `/api/notes/patients/${ids.patient}`, { templateId: 'recept' });
      assert.equal(unknown.status, 400, 'an unknown template');
    });

    it('answers malformed requests with a 4xx OperationOutcome, never a 5xx', async () => {
      const cases: [string, string, unknown, Record<string, string>?][] = [
        ['PUT', `/api/notes/${note.id}`, { content: 'tekst' }, { 'if-match': `W/"${note.versionId}"` }],
        ['PUT', `/api/notes/${note.id}`, { version: 'abc', content: {} }],
        ['PUT', `/api/notes/${note.id}`, [1, 2]],
        ['PUT', `/api/notes/${note.id}`, { version: note.versionId, content: { sections: [], fields: 'x' } }],
        ['PUT', `/api/notes/${note.id}`, { version: note.versionId, content: { sections: { anamnese: 'x'.repeat(20_001) }, fields: { bloodPressure: 'høj', allergy: 5 } } }],
        ['POST', `/api/notes/${note.id}/sign`, {}],
        ['POST', `/api/notes/${note.id}/amend`, { version: note.versionId, reason: 'x'.repeat(2000) }],
        ['POST', `/api/notes/patients/${ids.patient}`, { templateId: { $ne: 1 } }],
        ['GET', `/api/notes/${note.id}/versions/999`, undefined],
        ['GET', `/api/notes/ikke*gyldig`, undefined],
      ];
      for (const [method, url, body, headers] of cases) {
        const res = await as('doctor', method, url, body, headers);
        assert.ok(res.status >= 400 && res.status < 500, `${method} ${url} ${JSON.stringify(body)?.slice(0, 80)}: ${res.status} ${res.text.slice(0, 200)}`);
        assert.equal((res.json as { resourceType?: string }).resourceType, 'OperationOutcome', `${method} ${url}: an OperationOutcome`);
      }
      const stored = (await t.request('GET', `/fhir/Composition/${note.id}`)).json as Composition;
      assert.equal(Number(stored.meta?.versionId), note.versionId, 'nothing written');
    });

    it('refuses a user without a care relation (403), and a nurse a doctor’s note', async () => {
      const res = await as('stranger', 'POST', `/api/notes/patients/${ids.patient}`, { templateId: 'journalnotat' });
      assert.equal(res.status, 403, res.text);
      const list = await as('stranger', 'GET', `/api/notes/patients/${ids.patient}`);
      assert.equal(list.status, 403, 'nor may they list the notes');
      const nurse = await as('nurse', 'POST', `/api/notes/patients/${ids.patient}`, { templateId: 'indlaeggelsesnotat' });
      assert.equal(nurse.status, 403, `a nurse does not write an admission note: ${nurse.text}`);
      const other = await as('doctor2', 'POST', `/api/notes/${note.id}/sign`, { version: note.versionId });
      assert.equal(other.status, 403, 'only the author signs a draft');
    });

    it('signs: the Composition final, a Provenance with the author, the weight an Observation and the diagnosis a Condition', async () => {
      const res = await as('doctor', 'POST', `/api/notes/${note.id}/sign`, undefined, { 'if-match': `W/"${note.versionId}"` });
      assert.equal(res.status, 200, res.text);
      note = res.json as NoteView;
      assert.equal(note.status, 'final');
      assert.deepEqual(note.versions.map((v) => [v.number, v.status]), [[1, 'final']], 'one signed version');
      const weights = (await t.request('GET', `/fhir/Observation?patient=${ids.patient}&code=http://loinc.org|29463-7`)).json as Bundle<Observation>;
      assert.equal(weights.entry?.length, 1, 'one weight');
      const weight = weights.entry![0]!.resource!;
      assert.deepEqual([weight.valueQuantity?.value, weight.valueQuantity?.unit, weight.status], [82.5, 'kg', 'final'], 'the weight typed in the note');
      assert.equal(weight.encounter?.reference, `Encounter/${ids.encounter}`, 'on the stay');
      assert.equal(weight.performer?.[0]?.reference, `Practitioner/${ids.doctor}`, 'by the author');
      const chart = await as('doctor', 'GET', `/api/vitals/patients/${ids.patient}`);
      const charted = (chart.json as { readings: { parameter: string; label: { da: string }; value: number; unit: string }[] }).readings.find((r) => r.parameter === 'bodyWeight');
      assert.deepEqual(charted && [charted.label.da, charted.value, charted.unit], ['Vægt', 82.5, 'kg'], `the chart's Målinger show the weight, never typed again: ${chart.text.slice(0, 300)}`);
      const conditions = (await t.request('GET', `/fhir/Condition?patient=${ids.patient}`)).json as Bundle<Condition>;
      assert.equal(conditions.entry?.[0]?.resource?.code?.coding?.[0]?.code, 'DJ189', 'the diagnosis as an SKS-coded Condition');
      assert.equal(conditions.entry?.[0]?.resource?.code?.coding?.[0]?.system, 'urn:oid:1.2.208.176.2.4');
      const bp = (await t.request('GET', `/fhir/Observation?patient=${ids.patient}&code=http://loinc.org|85354-9`)).json as Bundle<Observation>;
      assert.equal(bp.entry?.[0]?.resource?.component?.length, 2, 'blood pressure as the vital-signs panel');
      const composition = (await t.request('GET', `/fhir/Composition/${note.id}`)).json as Composition;
      assert.equal(composition.status, 'final');
      assert.equal(composition.attester?.[0]?.party?.reference, `Practitioner/${ids.doctor}`, 'the author attests');
      const objektivt = composition.section?.find((s) => s.title === 'Objektivt');
      assert.ok(objektivt?.entry?.some((e) => e.reference === `Observation/${weight.id}`), 'the section references the weight');
      assert.match(objektivt?.text?.div ?? '', /Vægt: 82,5 kg/, 'and shows it');
      const provenances = (await t.request('GET', `/fhir/Provenance?target=Composition/${note.id}`)).json as Bundle<Provenance>;
      const provenance = provenances.entry?.map((e) => e.resource!).find((p) => p.activity?.coding?.[0]?.code === 'CREATE');
      assert.ok(provenance, `a Provenance for the note: ${JSON.stringify(provenances)}`);
      assert.equal(provenance.agent[0]?.type?.coding?.[0]?.code, 'author');
      assert.equal(provenance.agent[0]?.who?.reference, `Practitioner/${ids.doctor}`);
      assert.equal(provenance.signature?.[0]?.who.reference, `Practitioner/${ids.doctor}`, 'signed by the author');
      assert.ok(provenance.target.some((r) => r.reference === `Observation/${weight.id}/_history/1`), 'the signature covers the weight');
      const again = await as('doctor', 'POST', `/api/notes/${note.id}/sign`, { version: note.versionId });
      assert.equal(again.status, 409, 'a signed note is not signed again');
    });

    it('amends: version 2 with status amended and its reason; version 1 still readable; the weight amended', async () => {
      const firstSigned = note.versions[0]!.versionId;
      const noReason = await as('doctor2', 'POST', `/api/notes/${note.id}/amend`, { version: note.versionId, content: note.content, reason: '' });
      assert.equal(noReason.status, 400, 'a reason is needed');
      const nurse = await as('nurse', 'POST', `/api/notes/${note.id}/amend`, { version: note.versionId, content: note.content, reason: 'Forkert vægt' });
      assert.equal(nurse.status, 403, 'a nurse does not amend a doctor’s note');
      const content = { ...note.content!, fields: { ...note.content!.fields, weight: 80.1, temperature: undefined } };
      const res = await as('doctor2', 'POST', `/api/notes/${note.id}/amend`, { version: note.versionId, content, reason: 'Vægten var fejlindtastet' });
      assert.equal(res.status, 200, res.text);
      note = res.json as NoteView;
      assert.equal(note.status, 'amended');
      assert.deepEqual(note.versions.map((v) => [v.number, v.status, v.reason]), [[1, 'final', undefined], [2, 'amended', 'Vægten var fejlindtastet']], 'both versions');
      assert.equal(note.author.reference, `Practitioner/${ids.doctor2}`, 'the amending doctor is the new version’s author');
      const v1 = await as('doctor', 'GET', `/api/notes/${note.id}/versions/${firstSigned}`);
      assert.equal(v1.status, 200, v1.text);
      assert.equal((v1.json as NoteVersionView).status, 'final', 'version 1 as signed');
      assert.match((v1.json as NoteVersionView).sections.map((s) => s.text).join('\n'), /Vægt: 82,5 kg/, 'with the first weight');
      const fhirV1 = await t.request('GET', `/fhir/Composition/${note.id}/_history/${firstSigned}`);
      assert.equal((fhirV1.json as Composition).status, 'final', 'version 1 through the FHIR history');
      const weights = (await t.request('GET', `/fhir/Observation?patient=${ids.patient}&code=http://loinc.org|29463-7`)).json as Bundle<Observation>;
      assert.deepEqual(weights.entry?.map((e) => [e.resource?.valueQuantity?.value, e.resource?.status]), [[80.1, 'amended']], 'the same weight Observation, amended');
      const temps = (await t.request('GET', `/fhir/Observation?patient=${ids.patient}&code=http://loinc.org|8310-5`)).json as Bundle<Observation>;
      assert.equal(temps.entry?.[0]?.resource?.status, 'entered-in-error', 'a value removed from the note is entered in error');
      const list = (await as('doctor', 'GET', `/api/notes/patients/${ids.patient}`)).json as NoteList;
      assert.deepEqual(list.notes.map((n) => [n.id, n.status, n.signedVersions]), [[note.id, 'amended', 2]], 'the list shows the versions');
    });

    it('a nurse writes and signs a nursing status; drafts are not searchable, signed notes are', async () => {
      const created = await as('nurse', 'POST', `/api/notes/patients/${ids.patient}`, { templateId: 'sygeplejestatus', content: { sections: { status: 'Kvalme om natten, sover uroligt.' }, fields: { weight: 79 } } });
      assert.equal(created.status, 201, created.text);
      const draft = created.json as NoteView;
      const search = async (q: string) => {
        await t.kerne.relay.flush();
        await t.kerne.journal.indexer.idle();
        return ((await as('doctor', 'GET', `/api/journal/patients/${ids.patient}/search?q=${encodeURIComponent(q)}`)).json as JournalSearchResult).hits;
      };
      assert.equal((await search('kvalme')).length, 0, 'a draft is not searchable');
      const signed = await as('nurse', 'POST', `/api/notes/${draft.id}/sign`, { version: draft.versionId });
      assert.equal(signed.status, 200, signed.text);
      assert.ok((await search('kvalme')).some((h) => h.source.id === draft.id), 'the signed note is');
    });
  });
}
