/**
 * The patient timeline through HTTP on both stores: contacts somatic and psychiatric, a note, a lab
 * result, a document, PRO answers, a MedCom message from the municipality and one to the GP, each
 * with its kind and sector; filters by kind, sector and time window; a somatic doctor does not see
 * the psychiatric stay or its note (nor a count of them); a stranger gets 403; bad parameters 400.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Resource } from '@medplum/fhirtypes';
import { KERNE_ROLE_SYSTEM, PSYCHIATRIC_UNIT } from '../src/access/index.ts';
import type { TimelineResult } from '../src/timeline/index.ts';
import { startTestKerne, type TestKerne } from './support/kerne.ts';
import { STORES } from './support/stores.ts';

const MEDCOM = 'http://medcomfhir.dk/ig/core/StructureDefinition/';
const CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
const note = (patient: string, encounter: string, title: string, date: string) => ({
  resourceType: 'Composition', status: 'final', type: { coding: [{ system: 'http://loinc.org', code: '11506-3' }], text: 'Lægenotat' }, subject: { reference: `Patient/${patient}` },
  encounter: { reference: `Encounter/${encounter}` }, date, author: [{ display: 'Læge' }], title,
  section: [{ title: 'Objektivt', text: { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml"><p>${title}: vågen og klar.</p></div>` } }],
});

for (const store of STORES) {
  describe(`patient timeline (${store.name})`, () => {
    let t: TestKerne;
    const ids: Record<string, string> = {};
    const tokens: Record<string, string> = {};
    const create = async (r: Record<string, unknown>): Promise<string> => (await t.kerne.repo.create(r as unknown as Resource)).stored.id;
    const timeline = async (who: string, query = '', patient = ids.patient) => {
      const res = await t.request('GET', `/api/timeline/patients/${patient}${query ? `?${query}` : ''}`, undefined, { authorization: `Bearer ${tokens[who]}` });
      return { status: res.status, body: res.json as TimelineResult };
    };
    const entryIds = (r: TimelineResult) => r.entries.map((e) => e.id);

    before(async () => {
      t = await startTestKerne(store);
      ids.med = await create({ resourceType: 'Organization', name: 'Medicinsk afdeling M1' });
      ids.psy = await create({ resourceType: 'Organization', name: 'Psykiatrisk afdeling P', type: [{ coding: [{ ...PSYCHIATRIC_UNIT }] }] });
      ids.other = await create({ resourceType: 'Organization', name: 'Ortopædkirurgisk afdeling' });
      ids.gp = await create({ resourceType: 'Organization', name: 'Lægerne i Brabrand', identifier: [{ system: 'urn:oid:1.2.208.176.1.4', value: '012345' }] });
      ids.kommune = await create({ resourceType: 'Organization', name: 'Aarhus Kommune', identifier: [{ system: 'http://hl7.dk/fhir/core/CodeSystem/dk-core-municipality-codes', value: '751' }] });
      ids.hjemmepleje = await create({ resourceType: 'Organization', name: 'Hjemmeplejen Nord', partOf: { reference: `Organization/${ids.kommune}` } });
      for (const [key, unit] of [['doctor', 'med'], ['psychiatrist', 'psy'], ['stranger', 'other']] as const) {
        ids[key] = await create({ resourceType: 'Practitioner', name: [{ text: key }] });
        await create({ resourceType: 'PractitionerRole', active: true, practitioner: { reference: `Practitioner/${ids[key]}` }, code: [{ coding: [{ system: KERNE_ROLE_SYSTEM, code: 'laege' }] }], organization: { reference: `Organization/${ids[unit]}` } });
        tokens[key] = await t.tokenFor({ subject: key, fhirUser: `Practitioner/${ids[key]}`, scope: 'openid fhirUser user/*.*', clientId: 'kerne-web' });
      }
      const patient = (ids.patient = await create({ resourceType: 'Patient', name: [{ family: 'Søgaard', given: ['Inge'] }] }));
      const subject = { reference: `Patient/${patient}` };
      ids.somatic = await create({ resourceType: 'Encounter', status: 'in-progress', class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP' }, subject, period: { start: day(10) }, serviceProvider: { reference: `Organization/${ids.med}` } });
      ids.psychiatric = await create({ resourceType: 'Encounter', status: 'in-progress', class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' }, subject, period: { start: day(5) }, serviceProvider: { reference: `Organization/${ids.psy}` } });
      ids.note = await create(note(patient, ids.somatic, 'Stuegang', day(9)));
      ids.psyNote = await create(note(patient, ids.psychiatric, 'Psykiatrisk vurdering', day(4)));
      ids.lab = await create({
        resourceType: 'Observation', status: 'final', category: [{ coding: [{ system: CATEGORY, code: 'laboratory' }] }], code: { text: 'Hæmoglobin' }, subject, encounter: { reference: `Encounter/${ids.somatic}` },
        effectiveDateTime: day(8), valueQuantity: { value: 7.4, unit: 'mmol/L' },
      });
      ids.vital = await create({
        resourceType: 'Observation', status: 'final', category: [{ coding: [{ system: CATEGORY, code: 'vital-signs' }] }], code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }], text: 'Puls' }, subject,
        effectiveDateTime: day(8), valueQuantity: { value: 88, unit: '/min', system: 'http://unitsofmeasure.org', code: '/min' },
      });
      ids.document = await create({
        resourceType: 'DocumentReference', status: 'current', subject, date: day(7), description: 'Henvisning', author: [{ reference: `Organization/${ids.gp}` }],
        content: [{ attachment: { contentType: 'text/plain; charset=utf-8', data: Buffer.from('Henvises med åndenød.').toString('base64') } }],
      });
      await create({ resourceType: 'Questionnaire', status: 'active', url: 'https://kerne.dk/fhir/Questionnaire/who5', title: 'WHO-5 Trivselsindeks' });
      ids.pro = await create({
        resourceType: 'QuestionnaireResponse', status: 'completed', questionnaire: 'https://kerne.dk/fhir/Questionnaire/who5', subject, author: subject, authored: day(3),
        item: [{ linkId: '1', text: 'Jeg har følt mig glad', answer: [{ valueInteger: 3 }] }],
      });
      ids.fromKommune = await create({
        resourceType: 'Communication', status: 'unknown', subject,
        category: [{ coding: [{ system: 'http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-careCommunication-categoryCodes', code: 'home-care-assessment' }] }],
        extension: [{ url: `${MEDCOM}medcom-core-sender-extension`, valueReference: { reference: `Organization/${ids.hjemmepleje}` } }],
        payload: [{ contentString: 'Borgeren er visiteret til hjemmepleje.', extension: [{ url: `${MEDCOM}medcom-core-datetime-extension`, valueDateTime: day(2) }] }],
      });
      ids.toGp = await create({
        resourceType: 'Communication', status: 'completed', subject, sent: day(1), sender: { reference: `Organization/${ids.med}` }, recipient: [{ reference: `Organization/${ids.gp}` }],
        payload: [{ contentString: 'Patienten udskrives i morgen.' }],
      });
      ids.alarm = await create({
        resourceType: 'Communication', status: 'completed', subject, sent: day(1), category: [{ coding: [{ system: 'https://kerne.dk/fhir/CodeSystem/communication-category', code: 'device-alarm' }] }],
        payload: [{ contentString: 'SpO2 lav' }],
      });
    });
    after(() => t.close());

    it('shows the psychiatrist every kind, each in its sector, oldest first; vitals and alarms stay off', async () => {
      const { status, body } = await timeline('psychiatrist');
      assert.equal(status, 200, JSON.stringify(body));
      assert.deepEqual(
        entryIds(body),
        [`Encounter/${ids.somatic}`, `Composition/${ids.note}`, `Observation/${ids.lab}`, `DocumentReference/${ids.document}`, `Encounter/${ids.psychiatric}`, `Composition/${ids.psyNote}`, `QuestionnaireResponse/${ids.pro}`, `Communication/${ids.fromKommune}`, `Communication/${ids.toGp}`],
        'every entry, oldest first; no vital sign, no device alarm',
      );
      const by = new Map(body.entries.map((e) => [e.id, e]));
      const sector = (id: string) => [by.get(id)?.kind, by.get(id)?.sector];
      assert.deepEqual(sector(`Encounter/${ids.psychiatric}`), ['contact', 'hospital-psychiatric'], 'the psychiatric stay');
      assert.deepEqual(sector(`Composition/${ids.psyNote}`), ['note', 'hospital-psychiatric'], 'its note');
      assert.deepEqual(sector(`Encounter/${ids.somatic}`), ['contact', 'hospital-somatic'], 'the somatic stay');
      assert.deepEqual(sector(`Observation/${ids.lab}`), ['result', 'hospital-somatic'], 'the lab result');
      assert.deepEqual(sector(`DocumentReference/${ids.document}`), ['document', 'general-practice'], 'the GP’s referral');
      assert.deepEqual(sector(`QuestionnaireResponse/${ids.pro}`), ['pro', 'patient'], 'the PRO answers');
      assert.deepEqual(sector(`Communication/${ids.fromKommune}`), ['message', 'municipality'], 'from the municipality');
      assert.deepEqual(sector(`Communication/${ids.toGp}`), ['message', 'general-practice'], 'to the GP');
      assert.equal(by.get(`Communication/${ids.fromKommune}`)?.direction, 'in', 'received');
      assert.equal(by.get(`Communication/${ids.toGp}`)?.direction, 'out', 'sent');
      assert.equal(by.get(`Encounter/${ids.somatic}`)?.title, 'Indlæggelse – Medicinsk afdeling M1', 'Danish title');
      assert.equal(by.get(`QuestionnaireResponse/${ids.pro}`)?.title, 'Spørgeskema: WHO-5 Trivselsindeks', 'the questionnaire’s title');
      assert.deepEqual(body.counts.sector, { 'hospital-somatic': 3, 'hospital-psychiatric': 2, 'general-practice': 2, municipality: 1, patient: 1 }, 'counts per sector');
      assert.deepEqual(body.counts.kind, { contact: 2, episode: 0, note: 2, result: 1, document: 1, pro: 1, message: 2 }, 'counts per kind');
      assert.deepEqual([body.total, body.truncated], [9, false]);
    });

    it('leaves the psychiatric stay and its note out for a somatic doctor, without a count of them', async () => {
      const { status, body } = await timeline('doctor');
      assert.equal(status, 200, JSON.stringify(body));
      const seen = entryIds(body);
      assert.equal(seen.length, 7, `seven entries: ${seen.join(', ')}`);
      assert.ok(!seen.includes(`Encounter/${ids.psychiatric}`) && !seen.includes(`Composition/${ids.psyNote}`), 'no psychiatric entry');
      assert.equal(body.counts.sector['hospital-psychiatric'], 0, 'and no count of them');
      assert.ok(!JSON.stringify(body).includes('Psykiatrisk'), 'nothing psychiatric anywhere in the answer');
    });

    it('filters by kind, by sector and by time window', async () => {
      const messages = await timeline('doctor', 'kind=message');
      assert.deepEqual(entryIds(messages.body), [`Communication/${ids.fromKommune}`, `Communication/${ids.toGp}`], 'messages only');
      assert.equal(messages.body.counts.kind.note, 1, 'counts still cover every kind (for the chips)');
      const outside = await timeline('doctor', 'sector=general-practice,municipality');
      assert.deepEqual(entryIds(outside.body), [`DocumentReference/${ids.document}`, `Communication/${ids.fromKommune}`, `Communication/${ids.toGp}`], 'the GP and the municipality');
      const notes = await timeline('doctor', 'kind=note&sector=hospital-somatic');
      assert.deepEqual(entryIds(notes.body), [`Composition/${ids.note}`], 'somatic notes');
      const [from, to] = [day(3.5), day(1.5)];
      const window = await timeline('doctor', `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
      assert.deepEqual(entryIds(window.body), [`Encounter/${ids.somatic}`, `QuestionnaireResponse/${ids.pro}`, `Communication/${ids.fromKommune}`], 'the ongoing stay overlaps; the rest falls in the window');
      assert.deepEqual([window.body.from, window.body.to], [from, to], 'the window is echoed');
    });

    it('keeps the newest entries within the limit and says so', async () => {
      const { body } = await timeline('doctor', 'limit=2');
      assert.deepEqual(entryIds(body), [`Communication/${ids.fromKommune}`, `Communication/${ids.toGp}`], 'the two newest');
      assert.deepEqual([body.total, body.truncated, body.limit], [7, true, 2]);
    });

    it('refuses a stranger (403) and bad parameters (400, OperationOutcome)', async () => {
      const stranger = await timeline('stranger');
      assert.equal(stranger.status, 403, 'no care relation, no timeline');
      for (const query of ['kind=vitals', 'sector=region', 'from=igår', 'from=2025-02-01&to=2025-01-01', 'limit=0', 'limit=5000']) {
        const bad = await timeline('doctor', query);
        assert.equal(bad.status, 400, `${query} is refused`);
        assert.equal((bad.body as unknown as { resourceType: string }).resourceType, 'OperationOutcome', `${query}: an OperationOutcome`);
      }
      const badId = await timeline('doctor', '', 'ikke*gyldig');
      assert.equal(badId.status, 400, 'an invalid patient id');
      const missing = await timeline('doctor', '', 'findes-ikke');
      assert.equal(missing.status, 404, 'an unknown patient');
    });
  });
}
