/**
 * From device to score to doctor, through HTTP and a real MLLP socket, on both stores: a nurse
 * sees her ward's device readings, validates them (accepting, correcting, with consciousness and
 * oxygen), the NEWS2 score is stored with the readings it used and reaches the ward board; a
 * deteriorating set escalates to the doctor, who acknowledges; final vitals written through the FHIR
 * API take the same path; a nurse's concern escalates regardless of the score; orders are for
 * doctors; bad input gets a 4xx OperationOutcome and writes nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Observation, Task } from '@medplum/fhirtypes';
import { monitorMessage } from '../src/devices/simulator/index.ts';
import type { WardBoard } from '../src/logistics/index.ts';
import type { EscalationList, ManualVitalsResult, PatientVitals, ValidationResult, WardVitals } from '../src/vitals/index.ts';
import { connectMllp, msaOf, type MllpTestClient } from './support/mllp-client.ts';
import { createMonitoredWard, monitorEui64, type MonitoredWard } from './support/monitored-ward.ts';
import { startTestKerne, type TestKerne } from './support/kerne.ts';
import { STORES } from './support/stores.ts';

const EARLY_WARNING = 'https://kerne.dk/fhir/CodeSystem/early-warning';

for (const store of STORES) {
  describe(`vital signs and early warning (${store.name})`, () => {
    let t: TestKerne;
    let ward: MonitoredWard;
    let mllp: MllpTestClient;
    let n = 0;
    const as = (who: string) => ({ authorization: `Bearer ${ward.tokens[who]}`, 'content-type': 'application/json' });
    const get = async <T>(who: string, url: string): Promise<T> => {
      const res = await t.request('GET', url, undefined, as(who));
      assert.equal(res.status, 200, `${who} GET ${url}: ${res.text}`);
      return res.json as T;
    };
    const post = (who: string, url: string, body: unknown) => t.request('POST', url, body, as(who));
    const send = async (bed: number, at: Date, vitals: Parameters<typeof monitorMessage>[0]['vitals']) => {
      mllp.send(monitorMessage({ eui64: monitorEui64('med', bed), controlId: `V${++n}-${Date.now()}`, at, vitals }));
      assert.equal(msaOf(await mllp.next()).code, 'CA', 'stored and acknowledged');
    };
    const scoresOf = async (patient: string) =>
      (await t.kerne.repo.search({ resourceType: 'Observation', params: [['subject', `Patient/${patient}`], ['code', `${EARLY_WARNING}|NEWS2`], ['_sort', '-date']], baseUrl: '', handling: 'strict' })).entries.map((e) => JSON.parse(e.json) as Observation);

    before(async () => {
      t = await startTestKerne(store);
      ward = await createMonitoredWard(t);
      mllp = await connectMllp((await t.kerne.devices.listen(0))!);
    });
    after(async () => {
      mllp.close();
      await t.close();
    });

    it('the nurse validates a batch of device readings; the score is stored from them and shown on the ward board', async () => {
      await send(1, new Date(Date.now() - 120_000), { heartRate: 72, respiratoryRate: 16, spo2: 97, systolic: 125, diastolic: 75, temperature: 37.2 });
      const view = await get<WardVitals>('nurse', `/api/vitals/wards/${ward.ids.medWard}`);
      const mine = view.patients.find((p) => p.patient.id === ward.ids.p1);
      assert.equal(mine?.readings.length, 7, `seven readings to validate: ${JSON.stringify(view.patients.map((p) => [p.patient.id, p.readings.length]))}`);
      assert.equal(mine?.patient.bed, 'Seng 1', 'with the bed');
      const other = await get<WardVitals>('otherNurse', `/api/vitals/wards/${ward.ids.medWard}`);
      assert.equal(other.patients.length, 0, 'a nurse of another unit sees no patients here');

      const temperature = mine!.readings.find((r) => r.parameter === 'temperature')!;
      const mean = mine!.readings.find((r) => r.parameter === 'meanPressure')!;
      const accept = mine!.readings.filter((r) => r !== temperature && r !== mean).map((r) => r.id);
      const res = await post('nurse', '/api/vitals/validate', { accept, reject: [mean.id], corrections: [{ id: temperature.id, value: 37.4 }], consciousness: 'A', supplementalOxygen: false });
      assert.equal(res.status, 200, res.text);
      const result = res.json as ValidationResult;
      assert.deepEqual([result.accepted, result.rejected, result.corrected], [5, 1, 1], 'counts');
      assert.equal(result.scores.length, 1, `a score: ${res.text}`);
      assert.equal(result.scores[0]!.total, 0, 'NEWS2 0');
      assert.equal(result.scores[0]!.risk, 'low', 'low risk');
      assert.ok(result.scores[0]!.nextDue, 'next observation due');

      const [score] = await scoresOf(ward.ids.p1!);
      assert.equal(score?.status, 'final', 'validated inputs: a final score');
      assert.equal(score?.derivedFrom?.length, 7, `derived from the seven inputs used (6 vitals + ACVPU + oxygen − mean BP): ${JSON.stringify(score?.derivedFrom)}`);
      const risk = await t.kerne.repo.search({ resourceType: 'RiskAssessment', params: [['subject', `Patient/${ward.ids.p1}`]], baseUrl: '', handling: 'strict' });
      assert.equal(risk.entries.length, 1, 'a RiskAssessment beside it');
      const prov = await t.kerne.repo.search({ resourceType: 'Provenance', params: [['target', `Observation/${temperature.id}`]], baseUrl: '', handling: 'strict' });
      assert.equal(prov.entries.length, 1, 'a Provenance names the nurse and the device');

      const corrected = JSON.parse((await t.kerne.repo.read('Observation', temperature.id)).json!) as Observation;
      assert.deepEqual([corrected.status, corrected.valueQuantity?.value], ['amended', 37.4], 'the correction is an amendment; the device value stays in the history');
      const again = await post('nurse', '/api/vitals/validate', { accept: [accept[0]] });
      assert.equal(again.status, 409, 'a reading is validated once');

      const board = await get<WardBoard>('nurse', `/api/logistics/wards/${ward.ids.medWard}/board`);
      const row = board.rows.find((r) => r.patient?.id === ward.ids.p1);
      assert.equal(row?.earlyWarning?.score, 0, `the board shows the score: ${JSON.stringify(row?.earlyWarning)}`);
      assert.equal(row?.earlyWarning?.nextDue, result.scores[0]!.nextDue, 'and when the next observation is due');
    });

    it('a deteriorating patient: the validated window scores ≥ 7, an escalation goes to the doctor, who acknowledges', async () => {
      const from = new Date(Date.now() - 60_000);
      await send(1, new Date(Date.now() - 30_000), { heartRate: 125, respiratoryRate: 26, spo2: 91, systolic: 95, diastolic: 55, temperature: 39.3 });
      const res = await post('nurse', '/api/vitals/validate', { window: { patientId: ward.ids.p1, from: from.toISOString(), to: new Date().toISOString(), action: 'accept' }, consciousness: 'A', supplementalOxygen: true });
      assert.equal(res.status, 200, res.text);
      const score = (res.json as ValidationResult).scores[0];
      assert.ok(score && score.total >= 7, `emergency score: ${JSON.stringify(score)}`);
      assert.equal(score?.level, 'emergency', 'emergency response');

      const list = await get<EscalationList>('doctor', `/api/vitals/escalations?wardId=${ward.ids.medWard}`);
      const escalation = list.escalations.find((e) => e.patient.id === ward.ids.p1);
      assert.equal(escalation?.level, 'emergency', `an emergency escalation: ${JSON.stringify(list)}`);
      assert.equal(escalation?.priority, 'stat', 'stat');
      const nurseAck = await post('nurse', `/api/vitals/escalations/${escalation!.id}/acknowledge`, {});
      assert.equal(nurseAck.status, 403, 'acknowledging is for doctors');
      const ack = await post('doctor', `/api/vitals/escalations/${escalation!.id}/acknowledge`, { note: 'Set patienten, MAT tilkaldt' });
      assert.equal(ack.status, 200, ack.text);
      assert.equal(ack.json.status, 'completed', 'acknowledged');
      const twice = await post('doctor', `/api/vitals/escalations/${escalation!.id}/acknowledge`, {});
      assert.equal(twice.status, 409, 'once');
      const task = JSON.parse((await t.kerne.repo.read('Task', escalation!.id)).json!) as Task;
      assert.equal(task.owner?.reference, `Practitioner/${ward.ids.doctor}`, 'the doctor who acknowledged owns it');
    });

    it('final vitals written through the FHIR API take the same path', async () => {
      const patient = `Patient/${ward.ids.p2}`;
      const at = new Date(Date.now() - 60_000).toISOString();
      const vs = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] };
      const q = (code: string, value: number, unit: string) => ({ resourceType: 'Observation', status: 'final', category: [vs], code: { coding: [{ system: 'http://loinc.org', code }] }, subject: { reference: patient }, effectiveDateTime: at, valueQuantity: { value, unit, system: 'http://unitsofmeasure.org', code: unit } });
      const bundle = {
        resourceType: 'Bundle', type: 'transaction',
        entry: [
          q('8867-4', 112, '/min'), q('9279-1', 21, '/min'), q('59408-5', 95, '%'), q('8310-5', 38.1, 'Cel'),
          { resourceType: 'Observation', status: 'final', category: [vs], code: { coding: [{ system: 'http://loinc.org', code: '85354-9' }] }, subject: { reference: patient }, effectiveDateTime: at,
            component: [{ code: { coding: [{ system: 'http://loinc.org', code: '8480-6' }] }, valueQuantity: { value: 110, unit: 'mm[Hg]', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' } }, { code: { coding: [{ system: 'http://loinc.org', code: '8462-4' }] }, valueQuantity: { value: 70, unit: 'mm[Hg]', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' } }] },
          { resourceType: 'Observation', status: 'final', code: { coding: [{ system: EARLY_WARNING, code: 'acvpu' }] }, subject: { reference: patient }, effectiveDateTime: at, valueCodeableConcept: { coding: [{ system: 'https://kerne.dk/fhir/CodeSystem/acvpu', code: 'A' }] } },
          { resourceType: 'Observation', status: 'final', code: { coding: [{ system: EARLY_WARNING, code: 'supplemental-oxygen' }] }, subject: { reference: patient }, effectiveDateTime: at, valueBoolean: false },
        ].map((resource) => ({ resource, request: { method: 'POST', url: 'Observation' } })),
      };
      const res = await t.request('POST', '/fhir', bundle);
      assert.equal(res.status, 200, res.text);
      await t.kerne.relay.flush(); // the change events reach the engine…
      await t.kerne.earlyWarning.idle(); // …which scores the patient
      const [score] = await scoresOf(ward.ids.p2!);
      // RR 21 → 2, SpO2 95 → 1, air 0, SBP 110 → 1, pulse 112 → 2, A 0, 38.1 → 1: 7
      assert.equal(score?.valueInteger, 7, `NEWS2 7 from the API-written set: ${JSON.stringify(score?.component?.map((c) => c.valueInteger))}`);
      assert.equal(score?.derivedFrom?.length, 7, 'derived from the seven inputs');
      const escalations = await get<EscalationList>('doctor', '/api/vitals/escalations');
      assert.ok(escalations.escalations.some((e) => e.patient.id === ward.ids.p2 && e.level === 'emergency'), 'and escalated');
    });

    it('a nurse’s concern escalates regardless of the score; orders on the score are for doctors', async () => {
      const vitals = await post('nurse', `/api/vitals/patients/${ward.ids.p3}`, { heartRate: 80, respiratoryRate: 14 });
      assert.equal(vitals.status, 201, vitals.text);
      const manual = vitals.json as ManualVitalsResult;
      assert.equal(manual.score, undefined, 'no score from an incomplete set');
      assert.ok(manual.incomplete?.includes('spo2'), `says what is missing: ${JSON.stringify(manual.incomplete)}`);
      const concern = await post('nurse', `/api/vitals/patients/${ward.ids.p3}/concern`, { note: 'Virker påvirket, svær at vække' });
      assert.equal(concern.status, 200, concern.text);
      const after = concern.json as PatientVitals;
      assert.ok(after.escalations.some((e) => e.status === 'requested'), `an escalation despite no score: ${JSON.stringify(after.escalations)}`);

      const order = { kind: 'spo2-scale-2', reason: 'KOL med kendt CO2-retention, mål 88-92 %', expires: new Date(Date.now() + 86_400_000).toISOString() };
      const byNurse = await post('nurse', `/api/vitals/patients/${ward.ids.p3}/orders`, order);
      assert.equal(byNurse.status, 403, 'a nurse cannot order');
      const byDoctor = await post('doctor', `/api/vitals/patients/${ward.ids.p3}/orders`, order);
      assert.equal(byDoctor.status, 200, byDoctor.text);
      assert.equal((byDoctor.json as PatientVitals).orders[0]?.kind, 'spo2-scale-2', 'the order is listed');
      const short = await post('doctor', `/api/vitals/patients/${ward.ids.p3}/orders`, { ...order, reason: 'kort' });
      assert.equal(short.status, 400, 'a reason is required');
    });

    it('bad manual input is a 400 naming the field, and nothing is written', async () => {
      const before = (await t.kerne.repo.search({ resourceType: 'Observation', params: [['subject', `Patient/${ward.ids.p3}`], ['_summary', 'count']], baseUrl: '', handling: 'strict' })).total;
      const res = await post('nurse', `/api/vitals/patients/${ward.ids.p3}`, { heartRate: 80, spo2: 120 });
      assert.equal(res.status, 400, res.text);
      assert.equal(res.json.resourceType, 'OperationOutcome', 'an OperationOutcome');
      assert.deepEqual(res.json.issue[0].expression, ['spo2'], 'naming the field');
      const bp = await post('nurse', `/api/vitals/patients/${ward.ids.p3}`, { systolic: 120 });
      assert.equal(bp.status, 400, 'blood pressure needs both numbers');
      const afterCount = (await t.kerne.repo.search({ resourceType: 'Observation', params: [['subject', `Patient/${ward.ids.p3}`], ['_summary', 'count']], baseUrl: '', handling: 'strict' })).total;
      assert.equal(afterCount, before, 'nothing written');
    });
  });
}
