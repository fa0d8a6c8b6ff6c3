/**
 * Access control and audit through HTTP: roles × resource types × care relation (in unit, other
 * unit, assigned, psychiatric, consent-blocked, patient self) → allowed, denied, or allowed after
 * break-the-glass; counts and paging under the filter; every access audited; tampering found.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AuditEvent, Bundle, Resource } from '@medplum/fhirtypes';
import { KERNE_ROLE_SYSTEM, PSYCHIATRIC_UNIT, type Role } from '../src/access/index.ts';
import { verifyAuditLog } from '../src/audit/index.ts';
import { startReceiver, until } from '../src/subscriptions/test-support.ts';
import { startTestKerne, type TestKerne } from './support/kerne.ts';
import { STORES } from './support/stores.ts';

type Id = string;

for (const store of STORES) {
  describe(`access control and audit (${store.name})`, () => {
    let t: TestKerne;
    const ids: Record<string, Id> = {};
    const tokens: Record<string, string> = {};
    /** Every patient-data request that succeeded: who, and what the audit must show. */
    const expectAudit: { who: string; reference?: string; patients: string[] }[] = [];

    const create = async <T extends Resource>(r: T): Promise<Id> => (await t.kerne.repo.create(r)).stored.id;
    const as = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });
    const get = (who: string, url: string) => t.request('GET', url, undefined, as(who));

    before(async () => {
      t = await startTestKerne(store);
      // Units: a hospital with two somatic wards and a psychiatric one.
      ids.hosp = await create({ resourceType: 'Organization', name: 'Testsygehus' });
      for (const [key, name, psych] of [['med1', 'Medicin 1', false], ['med2', 'Medicin 2', false], ['psy', 'Psykiatri', true]] as const) {
        ids[key] = await create({ resourceType: 'Organization', name, partOf: { reference: `Organization/${ids.hosp}` }, ...(psych ? { type: [{ coding: [{ ...PSYCHIATRIC_UNIT }] }] } : {}) });
      }
      // Staff: a role in a unit each.
      const staff: [string, Role, string | undefined][] = [
        ['nurse', 'sygeplejerske', 'med1'], ['doctor', 'laege', 'med1'], ['psychiatrist', 'laege', 'psy'], ['porter', 'portoer', 'med1'],
        ['secretary', 'sekretaer', 'med1'], ['manager', 'afdelingsledelse', 'med1'], ['admin', 'administrator', undefined],
      ];
      for (const [key, role, unit] of staff) {
        ids[key] = await create({ resourceType: 'Practitioner', name: [{ text: `Test ${key}` }] });
        await create({
          resourceType: 'PractitionerRole', active: true, practitioner: { reference: `Practitioner/${ids[key]}` },
          code: [{ coding: [{ system: KERNE_ROLE_SYSTEM, code: role }] }], ...(unit ? { organization: { reference: `Organization/${ids[unit]}` } } : {}),
        });
      }
      // Patients and their relations.
      const patient = async (key: string) => (ids[key] = await create({ resourceType: 'Patient', name: [{ family: key, given: ['Test'] }], birthDate: '1950-01-01' }));
      const encounter = async (pat: string, unit: string, status = 'in-progress') =>
        create({ resourceType: 'Encounter', status, class: { code: 'IMP' }, subject: { reference: `Patient/${ids[pat]}` }, serviceProvider: { reference: `Organization/${ids[unit]}` } } as Resource);
      const observation = async (pat: string, enc?: string) =>
        create({ resourceType: 'Observation', status: 'final', code: { text: 'puls' }, subject: { reference: `Patient/${ids[pat]}` }, ...(enc ? { encounter: { reference: `Encounter/${enc}` } } : {}) } as Resource);
      for (const key of ['pIn', 'pOther', 'pAssigned', 'pPsych', 'pConsent', 'pSelf', 'pDischarged']) await patient(key);
      ids.encIn = await encounter('pIn', 'med1');
      await encounter('pOther', 'med2');
      await encounter('pAssigned', 'med2');
      await create({ resourceType: 'CareTeam', status: 'active', subject: { reference: `Patient/${ids.pAssigned}` }, participant: [{ member: { reference: `Practitioner/${ids.nurse}` } }] } as Resource);
      await encounter('pPsych', 'med1');
      ids.encPsych = await encounter('pPsych', 'psy');
      await encounter('pConsent', 'med1');
      await create({
        resourceType: 'Consent', status: 'active', scope: { coding: [{ code: 'patient-privacy' }] }, category: [{ text: 'negativt samtykke' }],
        patient: { reference: `Patient/${ids.pConsent}` },
        provision: { type: 'deny', actor: [{ role: { text: 'organisation' }, reference: { reference: `Organization/${ids.hosp}` } }] },
      } as Resource);
      await encounter('pSelf', 'med2');
      await encounter('pDischarged', 'med1', 'finished');
      for (const key of ['pIn', 'pOther', 'pAssigned', 'pPsych', 'pConsent', 'pSelf', 'pDischarged']) ids[`obs_${key}`] = await observation(key);
      ids.obsPsychiatric = await observation('pPsych', ids.encPsych);

      const issue = async (key: string, input: Parameters<TestKerne['tokenFor']>[0]) => (tokens[key] = await t.tokenFor(input));
      for (const [key] of staff) await issue(key, { subject: key, fhirUser: `Practitioner/${ids[key]}`, scope: 'openid fhirUser user/*.*', clientId: 'kerne-web' });
      await issue('self', { subject: 'self', fhirUser: `Patient/${ids.pSelf}`, patient: ids.pSelf, scope: 'openid fhirUser patient/*.read', clientId: 'kerne-web' });
      await issue('system', { subject: 'system', scope: 'system/*.*', clientId: 'integration' });
      await issue('readonlySystem', { subject: 'readonlySystem', scope: 'system/Observation.read', clientId: 'reader' });
    });
    after(() => t.close());

    it('the psychiatric encounter and what is recorded in it are labelled restricted', async () => {
      const enc = await t.kerne.repo.read('Encounter', ids.encPsych!);
      const obs = await t.kerne.repo.read('Observation', ids.obsPsychiatric!);
      for (const stored of [enc, obs]) {
        assert.equal(stored.sensitive, true);
        assert.ok((JSON.parse(stored.json!) as Resource).meta?.security?.some((c) => c.code === 'R'));
      }
      assert.equal((await t.kerne.repo.read('Observation', ids.obs_pPsych!)).sensitive, false);
    });

    // who → patient → expected for reading their Observation: 'allow' | 'deny' | 'btg' (denied, break-the-glass possible)
    const matrix: Record<string, Record<string, 'allow' | 'deny' | 'btg'>> = {
      nurse: { pIn: 'allow', pOther: 'btg', pAssigned: 'allow', pPsych: 'allow', pConsent: 'btg', pSelf: 'btg', pDischarged: 'btg', obsPsychiatric: 'btg' },
      doctor: { pIn: 'allow', pOther: 'btg', pAssigned: 'btg', pPsych: 'allow', pConsent: 'btg', obsPsychiatric: 'btg' },
      psychiatrist: { pIn: 'btg', pPsych: 'allow', obsPsychiatric: 'allow' },
      porter: { pIn: 'deny', pOther: 'deny' },
      secretary: { pIn: 'allow', pOther: 'btg' },
      manager: { pIn: 'allow', pOther: 'btg' },
      admin: { pIn: 'deny', pOther: 'deny' },
      self: { pSelf: 'allow', pIn: 'deny', obsPsychiatric: 'deny' },
      system: { pIn: 'allow', pOther: 'allow', pSelf: 'allow', obsPsychiatric: 'allow' },
      readonlySystem: { pIn: 'allow' },
    };

    it('reads follow the matrix (roles × care relation)', async () => {
      for (const [who, row] of Object.entries(matrix)) {
        for (const [target, expected] of Object.entries(row)) {
          const obsId = target === 'obsPsychiatric' ? ids.obsPsychiatric! : ids[`obs_${target}`]!;
          const res = await get(who, `/fhir/Observation/${obsId}`);
          const label = `${who} reads the Observation of ${target}`;
          if (expected === 'allow') {
            assert.equal(res.status, 200, `${label}: ${res.text}`);
            const pat = target === 'obsPsychiatric' ? ids.pPsych! : ids[target]!;
            expectAudit.push({ who, reference: `Observation/${obsId}`, patients: [pat] });
          } else {
            assert.equal(res.status, 403, `${label}: ${res.text}`);
            assert.equal(res.json.resourceType, 'OperationOutcome');
            const codes = (res.json.issue[0].details?.coding ?? []).map((c: { code: string }) => c.code);
            assert.equal(codes.includes('break-the-glass-possible'), expected === 'btg', `${label}: ${res.text}`);
          }
        }
      }
    });

    it('writes follow role permissions and the care relation', async () => {
      const obs = (pat: string) => ({ resourceType: 'Observation', status: 'final', code: { text: 'temp' }, subject: { reference: `Patient/${ids[pat]}` } });
      const post = (who: string, body: unknown, url = '/fhir/Observation') => t.request('POST', url, body, as(who));
      assert.equal((await post('nurse', obs('pIn'))).status, 201);
      assert.equal((await post('nurse', obs('pOther'))).status, 403);
      assert.equal((await post('porter', obs('pIn'))).status, 403);
      assert.equal((await post('self', obs('pSelf'))).status, 403, 'patient/*.read does not write');
      assert.equal((await post('readonlySystem', obs('pIn'))).status, 403);
      const prescription = { resourceType: 'MedicationRequest', status: 'active', intent: 'order', medicationCodeableConcept: { text: 'Panodil' }, subject: { reference: `Patient/${ids.pIn}` } };
      assert.equal((await post('nurse', prescription, '/fhir/MedicationRequest')).status, 403, 'nurses do not prescribe');
      assert.equal((await post('doctor', prescription, '/fhir/MedicationRequest')).status, 201);
      // A secretary admits a new patient to her own unit: the encounter opens the care relation.
      const created = await post('secretary', { resourceType: 'Patient', name: [{ family: 'Ny' }] }, '/fhir/Patient');
      assert.equal(created.status, 201, created.text);
      const admit = await post('secretary', { resourceType: 'Encounter', status: 'arrived', class: { code: 'IMP' }, subject: { reference: `Patient/${created.json.id}` }, serviceProvider: { reference: `Organization/${ids.med1}` } }, '/fhir/Encounter');
      assert.equal(admit.status, 201, admit.text);
      const toOtherUnit = await post('secretary', { resourceType: 'Encounter', status: 'arrived', class: { code: 'IMP' }, subject: { reference: `Patient/${ids.pOther}` }, serviceProvider: { reference: `Organization/${ids.med2}` } }, '/fhir/Encounter');
      assert.equal(toOtherUnit.status, 403);
      // Organisation data: administrators only.
      assert.equal((await post('admin', { resourceType: 'Location', name: 'Stue 1' }, '/fhir/Location')).status, 201);
      assert.equal((await post('nurse', { resourceType: 'Organization', name: 'X' }, '/fhir/Organization')).status, 403);
    });

    it('subscriptions are for integrations, and a notification carrying patient data is audited', async () => {
      const receiver = await startReceiver();
      try {
        const sub = {
          resourceType: 'Subscription', status: 'requested', reason: 'test', criteria: `Observation?subject=Patient/${ids.pIn}`,
          channel: { type: 'rest-hook', endpoint: receiver.url, payload: 'application/fhir+json' },
        };
        assert.equal((await t.request('POST', '/fhir/Subscription', sub, as('admin'))).status, 403, 'administrators do not create subscriptions');
        assert.equal((await get('nurse', '/fhir/Subscription')).status, 403, 'nor do clinicians read them');
        const created = await t.request('POST', '/fhir/Subscription', sub, as('system'));
        assert.equal(created.status, 201, created.text);
        await until('the Subscription to become active', async () => (await get('system', `/fhir/Subscription/${created.json.id}`)).json.status === 'active' || undefined);
        const obs = await t.request('POST', '/fhir/Observation', { resourceType: 'Observation', status: 'final', code: { text: 'saturation' }, subject: { reference: `Patient/${ids.pIn}` } }, as('system'));
        assert.equal(obs.status, 201, obs.text);
        await until('the notification', () => receiver.received.length >= 1 || undefined);
        assert.equal(JSON.parse(receiver.received[0]!.body).id, obs.json.id, 'the payload is the Observation');
        const sent = (await auditEvents()).find((e) => e.agent[0]?.who?.display?.startsWith(`Subscription/${created.json.id}`));
        assert.ok(sent, 'the delivery has its AuditEvent');
        assert.equal(sent.type.code, 'export');
        assert.equal(sent.agent[0]?.network?.address, receiver.url, 'the destination is recorded');
        const refs = (sent.entity ?? []).map((e) => e.what?.reference);
        assert.ok(refs.includes(`Patient/${ids.pIn}`) && refs.includes(`Observation/${obs.json.id}/_history/1`), `entities: ${refs.join(', ')}`);
        assert.equal((await t.request('DELETE', `/fhir/Subscription/${created.json.id}`, undefined, as('system'))).status, 204);
      } finally {
        await receiver.close();
      }
    });

    it('searches return only what the caller may see, with correct counts and paging', async () => {
      const all = async (who: string, query: string) => {
        const seen: string[] = [];
        let url: string | undefined = `/fhir/${query}&_count=1&_total=accurate`;
        let total: number | undefined;
        while (url) {
          const res = await get(who, url);
          assert.equal(res.status, 200, res.text);
          const bundle = res.json as Bundle;
          total ??= bundle.total;
          seen.push(...(bundle.entry ?? []).map((e) => e.resource!.id!));
          const next = bundle.link?.find((l) => l.relation === 'next')?.url;
          url = next ? next.replace(/^https?:\/\/[^/]+/, '') : undefined;
        }
        return { total, seen };
      };
      const nurse = await all('nurse', 'Observation?status=final');
      const expected = [ids.obs_pIn, ids.obs_pAssigned, ids.obs_pPsych];
      for (const id of expected) assert.ok(nurse.seen.includes(id!), `nurse sees ${id}`);
      for (const id of [ids.obs_pOther, ids.obs_pConsent, ids.obs_pSelf, ids.obsPsychiatric]) assert.ok(!nurse.seen.includes(id!), `nurse does not see ${id}`);
      assert.equal(nurse.total, nurse.seen.length);
      assert.equal(new Set(nurse.seen).size, nurse.seen.length);
      expectAudit.push({ who: 'nurse', patients: [ids.pIn!, ids.pAssigned!, ids.pPsych!] });

      const self = await all('self', 'Observation?code:text=puls');
      assert.deepEqual(self.seen, [ids.obs_pSelf]);
      assert.equal(self.total, 1);
      // A psychiatric care relation opens the whole record, the somatic encounter too; nothing else.
      const psychiatrist = await all('psychiatrist', 'Encounter?status=in-progress');
      assert.ok(psychiatrist.seen.includes(ids.encPsych!));
      assert.equal(psychiatrist.seen.length, 2);
      const nurseEncounters = await all('nurse', 'Encounter?status=in-progress');
      assert.ok(!nurseEncounters.seen.includes(ids.encPsych!), 'the somatic nurse does not see the psychiatric encounter');

      // Includes are filtered too: the nurse's Encounters with their patients' Observations.
      const rev = await get('nurse', `/fhir/Encounter?_id=${ids.encIn},${ids.encPsych}&_revinclude=Observation:encounter`);
      assert.equal(rev.status, 200);
      assert.deepEqual((rev.json as Bundle).entry!.map((e) => e.resource!.id), [ids.encIn]);
    });

    it('patient lookup beyond the care relation returns only what is needed to break the glass', async () => {
      const res = await t.request('POST', '/fhir/Patient/_search', `name=pOther`, as('nurse'));
      assert.equal(res.status, 200, res.text);
      const found = (res.json as Bundle).entry!.map((e) => e.resource!);
      assert.equal(found.length, 1);
      assert.ok(found[0]!.meta?.tag?.some((c) => c.code === 'no-care-relation'));
      assert.equal((found[0] as { address?: unknown }).address, undefined);
      const self = await t.request('POST', '/fhir/Patient/_search', `name=pOther`, as('self'));
      assert.equal((self.json as Bundle).entry?.length ?? 0, 0, 'a patient finds no one else');
    });

    it('break-the-glass: a reason, then access for a limited time, flagged and reviewable', async () => {
      const short = await t.request('POST', '/api/break-the-glass', { patient: ids.pOther, reason: 'kort' }, { ...as('nurse'), 'content-type': 'application/json' });
      assert.equal(short.status, 400);
      assert.equal(short.json.resourceType, 'OperationOutcome');
      const porter = await t.request('POST', '/api/break-the-glass', { patient: ids.pOther, reason: 'Akut tilkaldt til patienten' }, { ...as('porter'), 'content-type': 'application/json' });
      assert.equal(porter.status, 403);
      const granted = await t.request('POST', '/api/break-the-glass', { patient: ids.pOther, reason: 'Akut tilkaldt til patienten' }, { ...as('nurse'), 'content-type': 'application/json' });
      assert.equal(granted.status, 201, granted.text);
      const minutes = (Date.parse(granted.json.expiresAt) - Date.now()) / 60_000;
      assert.ok(minutes > 118 && minutes <= 120, `expires in ${minutes} minutes`);
      const read = await get('nurse', `/fhir/Observation/${ids.obs_pOther}`);
      assert.equal(read.status, 200);
      expectAudit.push({ who: 'nurse', reference: `Observation/${ids.obs_pOther}`, patients: [ids.pOther!] });

      const review = await get('manager', '/api/audit/break-the-glass');
      assert.equal(review.status, 200, review.text);
      assert.equal(review.json.entries[0].patient.id, ids.pOther);
      assert.equal(review.json.entries[0].reason, 'Akut tilkaldt til patienten');
      assert.equal((await get('nurse', '/api/audit/break-the-glass')).status, 403);

      // The read under break-the-glass is flagged in its AuditEvent.
      const events = await auditEvents();
      const flagged = events.find((e) => e.outcome === '0' && e.entity?.some((x) => x.what?.reference?.startsWith(`Observation/${ids.obs_pOther}/`)) && e.agent[0]?.altId === 'nurse');
      assert.equal(flagged?.purposeOfEvent?.[0]?.coding?.[0]?.code, 'BTG');
    });

    it('"min log": the patient sees who looked at their record', async () => {
      const nurseRead = await get('nurse', `/fhir/Observation/${ids.obs_pAssigned}`);
      assert.equal(nurseRead.status, 200);
      expectAudit.push({ who: 'nurse', reference: `Observation/${ids.obs_pAssigned}`, patients: [ids.pAssigned!] });
      const mine = await get('self', '/api/audit/mine');
      assert.equal(mine.status, 200, mine.text);
      // The patient's own reads are not listed; the system read earlier is.
      assert.ok(mine.json.entries.length > 0);
      assert.ok(mine.json.entries.every((e: { who: string }) => e.who !== 'self'));
      assert.equal((await get('nurse', '/api/audit/mine')).status, 403);
    });

    it('every patient-data request is in the audit log; denials too', async () => {
      const events = await auditEvents();
      for (const x of expectAudit) {
        const mine = events.filter((e) => e.agent[0]?.altId === x.who && e.outcome === '0');
        // A read: one event naming the version and its patient. A search (paged): its pages' events name every patient returned.
        const relevant = x.reference
          ? mine.filter((e) => e.entity?.some((en) => en.what?.reference?.startsWith(`${x.reference}/_history/`)))
          : mine.filter((e) => e.subtype?.[0]?.code === 'search-type');
        const named = new Set(relevant.flatMap((e) => (e.entity ?? []).map((en) => en.what?.reference)));
        assert.ok(relevant.length > 0 && x.patients.every((p) => named.has(`Patient/${p}`)), `audit entry for ${JSON.stringify(x)}`);
      }
      const denials = events.filter((e) => e.outcome === '4');
      assert.ok(denials.some((e) => e.agent[0]?.altId === 'porter'), "the porter's denials are audited");
      assert.ok(denials.every((e) => e.outcomeDesc), 'denials say why');
      // No CPR-like number in any stored query.
      const cprLike = /(?<![0-9A-Za-z])\d{6}-?\d{4}(?![0-9A-Za-z])/;
      const withCpr = events.filter((e) => (e.entity ?? []).some((en) => cprLike.test(en.description ?? '')));
      assert.deepEqual(withCpr, [], 'no CPR number in a stored query');
    });

    it('a tampered audit row is found', async () => {
      assert.deepEqual((await verifyAuditLog(t.db())).problems, []);
      await t.db().exec('ALTER TABLE audit_log DISABLE TRIGGER USER');
      await t.db().query(`UPDATE audit_log SET event = replace(event, '"outcome":"4"', '"outcome":"0"') WHERE seq = (SELECT min(seq) FROM audit_log WHERE event LIKE '%"outcome":"4"%')`);
      await t.db().exec('ALTER TABLE audit_log ENABLE TRIGGER USER');
      const result = await verifyAuditLog(t.db());
      assert.equal(result.ok, false);
      assert.equal(result.problems[0]?.kind, 'changed');
    });

    async function auditEvents(): Promise<AuditEvent[]> {
      await t.kerne.access.audit.flush();
      return (await t.db().query<{ event: string }>('SELECT event FROM audit_log ORDER BY seq')).map((r) => JSON.parse(r.event) as AuditEvent);
    }
  });
}
