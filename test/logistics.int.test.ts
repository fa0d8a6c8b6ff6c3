/**
 * Clinical logistics through HTTP on both stores: a ward board per bed with capacity, privacy on
 * public screens, the live stream following a porter's task on another connection, the transfer
 * handshake from request to moved (location history, beds), discharge (bed to cleaning, cleaning
 * task), the emergency board's activities, access rules on boards, and clear errors.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Encounter, Location, Resource, Task } from '@medplum/fhirtypes';
import { KERNE_ROLE_SYSTEM, type Role } from '../src/access/index.ts';
import {
  BED_STATUS_SYSTEM, LOCATION_PHYSICAL_TYPE_SYSTEM, type BedOverview, type EdBoard, type ServiceTaskView, type TaskList, type TransferView, type WardBoard, type WardList,
} from '../src/logistics/index.ts';
import { startTestKerne, type TestKerne } from './support/kerne.ts';
import { STORES } from './support/stores.ts';

const ER = { system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'ER' };
const physical = (code: string) => ({ coding: [{ system: LOCATION_PHYSICAL_TYPE_SYSTEM, code }] });

for (const store of STORES) {
  describe(`clinical logistics through HTTP (${store.name})`, () => {
    let t: TestKerne;
    let base: string;
    const ids: Record<string, string> = {};
    const tokens: Record<string, string> = {};
    const create = async <T extends Resource>(r: T): Promise<string> => (await t.kerne.repo.create(r)).stored.id;
    const as = (who: string) => ({ authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json' });
    const get = async <T>(who: string, url: string): Promise<T> => {
      const res = await t.request('GET', url, undefined, as(who));
      assert.equal(res.status, 200, `${who} GET ${url}: ${res.text}`);
      return res.json as T;
    };
    const post = (who: string, url: string, body: unknown = {}) => t.request('POST', url, body, as(who));

    before(async () => {
      t = await startTestKerne(store);
      await t.kerne.http.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(t.kerne.http.server.address() as AddressInfo).port}`;
      ids.hosp = await create({ resourceType: 'Organization', name: 'Testsygehus' });
      for (const [key, name] of [['med1', 'Medicin 1'], ['med2', 'Medicin 2'], ['akm', 'Akutmodtagelse']] as const) {
        ids[key] = await create({ resourceType: 'Organization', name, partOf: { reference: `Organization/${ids.hosp}` } });
        ids[`${key}Ward`] = await create({
          resourceType: 'Location', status: 'active', name: `Afsnit ${name}`, physicalType: physical('wa'),
          managingOrganization: { reference: `Organization/${ids[key]}` }, ...(key === 'akm' ? { type: [{ coding: [ER] }] } : {}),
        } as Location);
        ids[`${key}Room`] = await create({ resourceType: 'Location', status: 'active', name: 'Stue 1', physicalType: physical('ro'), partOf: { reference: `Location/${ids[`${key}Ward`]}` } } as Location);
        for (const n of [1, 2, 10]) {
          ids[`${key}Bed${n}`] = await create({
            resourceType: 'Location', status: 'active', name: `Seng ${n}`, physicalType: physical('bd'), partOf: { reference: `Location/${ids[`${key}Room`]}` },
            operationalStatus: { system: BED_STATUS_SYSTEM, code: n === 10 ? 'C' : 'U' },
          } as Location);
        }
      }
      const staff: [string, Role, string][] = [
        ['nurse1', 'sygeplejerske', 'med1'], ['nurse2', 'sygeplejerske', 'med2'], ['porter', 'portoer', 'med1'], ['edNurse', 'sygeplejerske', 'akm'], ['manager', 'afdelingsledelse', 'med1'],
      ];
      for (const [key, role, unit] of staff) {
        ids[key] = await create({ resourceType: 'Practitioner', name: [{ text: `Test ${key}` }] });
        await create({ resourceType: 'PractitionerRole', active: true, practitioner: { reference: `Practitioner/${ids[key]}` }, code: [{ coding: [{ system: KERNE_ROLE_SYSTEM, code: role }] }], organization: { reference: `Organization/${ids[unit]}` } });
        tokens[key] = await t.tokenFor({ subject: key, fhirUser: `Practitioner/${ids[key]}`, scope: 'openid fhirUser user/*.*', clientId: 'kerne-web' });
      }
      const admit = async (key: string, unit: string, bed: string | undefined, cls = 'IMP') => {
        ids[key] = await create({ resourceType: 'Patient', name: [{ given: ['Anna', 'Marie'], family: `Jensen${key}` }], birthDate: '1950-05-01', identifier: [{ system: 'urn:oid:1.2.208.176.1.2', value: '0105504321' }] });
        ids[`enc_${key}`] = await create({
          resourceType: 'Encounter', status: 'in-progress', class: { code: cls }, subject: { reference: `Patient/${ids[key]}` },
          serviceProvider: { reference: `Organization/${ids[unit]}` }, period: { start: new Date(Date.now() - 3_600_000).toISOString() },
          ...(bed ? { location: [{ location: { reference: `Location/${ids[bed]}` }, status: 'active' }] } : {}),
        } as Encounter);
        if (bed) await t.kerne.repo.update({ ...(JSON.parse((await t.kerne.repo.read('Location', ids[bed]!)).json!) as Location), operationalStatus: { system: BED_STATUS_SYSTEM, code: 'O' } });
      };
      await admit('p1', 'med1', 'med1Bed1');
      await admit('p2', 'med2', 'med2Bed1');
      await admit('e1', 'akm', undefined, 'EMER');
    });
    after(() => t.close());

    it('lists the wards, the emergency department first', async () => {
      const list = await get<WardList>('nurse1', '/api/logistics/wards');
      assert.equal(list.wards[0]?.kind, 'emergency', 'the ED first');
      assert.deepEqual(list.wards.map((w) => w.id).sort(), [ids.akmWard, ids.med1Ward, ids.med2Ward].sort(), 'the three wards');
    });

    it('a ward board: a row per bed in natural order, the patient in bed, capacity by the rules', async () => {
      const board = await get<WardBoard>('nurse1', `/api/logistics/wards/${ids.med1Ward}/board`);
      assert.deepEqual(board.rows.filter((r) => r.bed).map((r) => r.bed!.name), ['Seng 1', 'Seng 2', 'Seng 10'], 'beds in natural order');
      const row = board.rows.find((r) => r.bed?.id === ids.med1Bed1);
      assert.equal(row?.patient?.id, ids.p1, 'the patient in bed 1');
      assert.match(row?.patient?.name ?? '', /Anna Marie Jensenp1/, 'full name on a signed-in screen');
      assert.equal(board.capacity.occupied, 1, `occupied: ${JSON.stringify(board.capacity)}`);
      assert.equal(board.capacity.free, 1, 'one free');
      assert.equal(board.capacity.blocked, 1, 'one blocked');
      const wall = await get<WardBoard>('nurse1', `/api/logistics/wards/${ids.med1Ward}/board?screen=wall&public=1`);
      const publicRow = wall.rows.find((r) => r.bed?.id === ids.med1Bed1);
      assert.equal(wall.template.names, 'initials', 'a public wall screen shows initials');
      assert.equal(publicRow?.patient?.name, 'A.M.J.', 'initials');
      assert.equal(publicRow?.patient?.cpr, undefined, 'no CPR on a public screen');
    });

    it('a board shows only patients the caller may see', async () => {
      const other = await get<WardBoard>('nurse1', `/api/logistics/wards/${ids.med2Ward}/board`);
      assert.ok(!other.rows.some((r) => r.patient?.id === ids.p2), 'the MED2 patient is not shown to a MED1 nurse');
      const own = await get<WardBoard>('nurse2', `/api/logistics/wards/${ids.med2Ward}/board`);
      assert.ok(own.rows.some((r) => r.patient?.id === ids.p2), 'the MED2 nurse sees her patient');
      const anonymous = await t.request('GET', `/api/logistics/wards/${ids.med1Ward}/board`, undefined, { authorization: 'Bearer nope' });
      assert.equal(anonymous.status, 401, 'no token, no board');
    });

    it('the live stream follows a porter completing a task on another connection', async () => {
      const created = await post('nurse1', '/api/logistics/tasks', { kind: 'transport', wardId: ids.med1Ward, encounterId: ids.enc_p1, destination: 'Røntgen', description: 'Til røntgen af thorax' });
      assert.equal(created.status, 201, created.text);
      const task = created.json as ServiceTaskView;
      assert.equal(task.status, 'requested', 'a new task waits');
      // Over a real socket the token's issuer is the server's own origin.
      const token = await t.tokenFor({ subject: 'nurse1', fhirUser: `Practitioner/${ids.nurse1}`, scope: 'openid fhirUser user/*.*', clientId: 'kerne-web', issuer: base });
      const stream = await openStream(`${base}/api/logistics/wards/${ids.med1Ward}/board/stream`, token);
      try {
        const first = (await stream.next()) as WardBoard;
        assert.equal(first.rows.find((r) => r.patient?.id === ids.p1)?.tasks.find((x) => x.id === task.id)?.status, 'requested', 'the stream starts with the current board');
        const list = await get<TaskList>('porter', '/api/logistics/tasks?group=portoer');
        assert.ok(list.tasks.some((x) => x.id === task.id && x.destination === 'Røntgen'), "the porter's list has the task and its destination");
        for (const action of ['accept', 'start', 'complete']) {
          const res = await post('porter', `/api/logistics/tasks/${task.id}/${action}`);
          assert.equal(res.status, 200, `${action}: ${res.text}`);
        }
        const t0 = Date.now();
        const done = await stream.until((b) => (b as WardBoard).rows.some((r) => r.tasks.some((x) => x.id === task.id && x.status === 'completed')));
        assert.ok(done, 'the board shows the completed task');
        assert.ok(Date.now() - t0 < 1_000, `within a second (${Date.now() - t0} ms)`);
        const again = await post('porter', `/api/logistics/tasks/${task.id}/start`);
        assert.equal(again.status, 409, 'a completed task cannot be started again');
        assert.equal(again.json.resourceType, 'OperationOutcome', 'as an OperationOutcome');
      } finally {
        stream.close();
      }
    });

    it('a transfer: request, accept, bed assigned, moved; the location history and the beds follow', async () => {
      const requested = await post('nurse2', '/api/logistics/transfers', { encounterId: ids.enc_p2, toWardId: ids.med1Ward, report: 'Overflyttes til M1 pga. pladsmangel' });
      assert.equal(requested.status, 201, requested.text);
      const transfer = requested.json as TransferView;
      const incoming = await get<WardBoard>('nurse1', `/api/logistics/wards/${ids.med1Ward}/board`);
      assert.ok(incoming.rows.some((r) => r.transfer?.taskId === transfer.id && r.transfer.direction === 'in'), 'the receiving ward sees the incoming transfer');
      assert.equal((await post('nurse1', `/api/logistics/transfers/${transfer.id}/accept`)).status, 200, 'accepted');
      const assigned = await post('nurse1', `/api/logistics/transfers/${transfer.id}/assign-bed`, { bedId: ids.med1Bed2 });
      assert.equal(assigned.status, 200, assigned.text);
      const moved = await post('nurse1', `/api/logistics/transfers/${transfer.id}/move`);
      assert.equal(moved.status, 200, moved.text);
      assert.equal((moved.json as TransferView).status, 'completed', 'the transfer is done');
      const encounter = JSON.parse((await t.kerne.repo.read('Encounter', ids.enc_p2!)).json!) as Encounter;
      assert.deepEqual(encounter.location?.map((l) => [l.location.reference, l.status]), [[`Location/${ids.med2Bed1}`, 'completed'], [`Location/${ids.med1Bed2}`, 'active']], 'the location history');
      assert.equal(encounter.serviceProvider?.reference, `Organization/${ids.med1}`, 'now the receiving unit is responsible');
      const bedStatus = async (id: string) => (JSON.parse((await t.kerne.repo.read('Location', id)).json!) as Location).operationalStatus?.code;
      assert.equal(await bedStatus(ids.med1Bed2!), 'O', 'the new bed is occupied');
      assert.equal(await bedStatus(ids.med2Bed1!), 'H', 'the old bed is to be cleaned');
      const board = await get<WardBoard>('nurse1', `/api/logistics/wards/${ids.med1Ward}/board`);
      assert.equal(board.rows.find((r) => r.bed?.id === ids.med1Bed2)?.patient?.id, ids.p2, 'the patient is in the new bed on the receiving board');
    });

    it('discharge: the bed goes to cleaning with a cleaning task; completing it frees the bed', async () => {
      const res = await post('nurse1', `/api/logistics/encounters/${ids.enc_p1}/discharge`);
      assert.equal(res.status, 200, res.text);
      const overview = await get<BedOverview>('nurse1', '/api/logistics/beds');
      const med1 = overview.wards.find((w) => w.wardId === ids.med1Ward);
      assert.equal(med1?.cleaning, 1, `one bed being cleaned: ${JSON.stringify(med1)}`);
      const cleaning = (await get<TaskList>('porter', `/api/logistics/tasks?wardId=${ids.med1Ward}`)).tasks.find((x) => x.kind === 'rengoering' && x.bed?.id === ids.med1Bed1);
      assert.ok(cleaning, 'a cleaning task for the bed');
      for (const action of ['accept', 'start', 'complete']) assert.equal((await post('porter', `/api/logistics/tasks/${cleaning.id}/${action}`)).status, 200, action);
      const after = (await get<BedOverview>('nurse1', '/api/logistics/beds')).wards.find((w) => w.wardId === ids.med1Ward);
      assert.equal(after?.cleaning, 0, 'cleaned');
      assert.equal(after?.free, 1, 'and free again');
    });

    it('the emergency board: triage and activities, with timers', async () => {
      const triaged = await post('edNurse', `/api/logistics/ed/${ids.enc_e1}/triage`, { level: 'orange' });
      assert.equal(triaged.status, 200, triaged.text);
      await post('edNurse', `/api/logistics/ed/${ids.enc_e1}/activities/oplyst-ventetid/complete`);
      const board = await get<EdBoard>('edNurse', '/api/logistics/ed');
      const row = board.rows.find((r) => r.encounterId === ids.enc_e1);
      assert.equal(row?.triage, 'orange', 'triaged orange');
      assert.equal(row?.activities.find((a) => a.kind === 'triage')?.status, 'completed', 'triage done');
      const triageTimer = row?.timers.find((x) => x.step === 'triage');
      assert.equal(triageTimer?.breached, true, 'triage an hour after arrival breaches the 30-minute target');
      assert.equal(row?.timers.find((x) => x.step === 'plan')?.breached, false, 'the 4-hour plan target is still open');
      // A new arrival: the emergency nurse registers the patient and admits them; the admission opens the care relation.
      const registered = await t.request('POST', '/fhir/Patient', { resourceType: 'Patient', name: [{ given: ['Ny'], family: 'Ankomst' }] }, { ...as('edNurse'), 'content-type': 'application/fhir+json' });
      assert.equal(registered.status, 201, registered.text);
      const admitted = await post('edNurse', '/api/logistics/admissions', { class: 'EMER', wardId: ids.akmWard, patientId: registered.json.id, complaint: 'Brystsmerter' });
      assert.equal(admitted.status, 201, admitted.text);
      const arrivals = await get<EdBoard>('edNurse', '/api/logistics/ed');
      const arrival = arrivals.rows.find((r) => r.encounterId === admitted.json.encounterId);
      assert.ok(arrival, 'the new arrival is on the emergency board');
      assert.equal(arrival.timers.find((x) => x.step === 'triage')?.breached, false, 'just arrived: triage not yet overdue');
      const bad = await post('edNurse', `/api/logistics/ed/${ids.enc_e1}/triage`, { level: 'lilla' });
      assert.equal(bad.status, 400, 'an unknown triage level is refused');
    });

    it("a ward tailors its template within what the template allows; the board follows", async () => {
      const url = `/api/logistics/wards/${ids.med1Ward}/tailoring`;
      const put = (who: string, body: unknown) => t.request('PUT', url, body, as(who));
      const refused = await put('manager', { templateId: 'medicinsk-sengeafsnit', hiddenColumns: ['patient', 'nonsense'] });
      assert.equal(refused.status, 400, refused.text);
      const problems = (refused.json.issue as { details: { coding: { code: string }[] } }[]).map((i) => i.details.coding[0]!.code).sort();
      assert.deepEqual(problems, ['TEMPLATE_REQUIRED_COLUMN_HIDDEN', 'TEMPLATE_UNKNOWN_COLUMN'], 'each problem is named');
      assert.equal((await put('nurse1', { templateId: 'medicinsk-sengeafsnit', hiddenColumns: ['comment'] })).status, 403, 'a nurse may not change the board template');
      const ok = await put('manager', { templateId: 'medicinsk-sengeafsnit', hiddenColumns: ['comment'], columnOrder: ['bed', 'patient', 'tasks'] });
      assert.equal(ok.status, 200, ok.text);
      const board = await get<WardBoard>('nurse1', `/api/logistics/wards/${ids.med1Ward}/board`);
      const columns = board.template.columns.map((c) => c.id);
      assert.ok(!columns.includes('comment'), 'the hidden column is gone');
      assert.deepEqual(columns.slice(0, 3), ['bed', 'patient', 'tasks'], 'in the chosen order');
      const history = await t.kerne.repo.history({ type: 'Location', id: ids.med1Ward, count: 10, offset: 0 });
      assert.ok(history.versions.length >= 2, 'the ward Location keeps the change in its history');
    });

    it('bad input: clear 4xx OperationOutcomes, nothing written', async () => {
      const before = (await t.kerne.repo.search({ resourceType: 'Task', params: [['_summary', 'count']], baseUrl: '', handling: 'strict' })).total;
      for (const [url, body, status] of [
        ['/api/logistics/tasks', { kind: 'pizza', wardId: ids.med1Ward }, 400],
        ['/api/logistics/tasks', { kind: 'transport', wardId: 'nope' }, 400],
        ['/api/logistics/transfers', { encounterId: ids.enc_p2, toWardId: ids.med1Ward, report: '' }, 400],
        ['/api/logistics/tasks/x/fly', {}, 400],
      ] as const) {
        const res = await post('nurse1', url, body);
        assert.equal(res.status, status, `${url} ${JSON.stringify(body)}: ${res.text}`);
        assert.equal(res.json?.resourceType, 'OperationOutcome', 'an OperationOutcome');
      }
      const res = await t.request('GET', `/api/logistics/wards/${ids.med1Ward}/board?screen=tv`, undefined, as('nurse1'));
      assert.equal(res.status, 400, 'unknown screen');
      const after = (await t.kerne.repo.search({ resourceType: 'Task', params: [['_summary', 'count']], baseUrl: '', handling: 'strict' })).total;
      assert.equal(after, before, 'no task written');
    });
  });
}

/** A server-sent event stream read with fetch (as the web app does): `next()` waits for the next event's JSON. */
async function openStream(url: string, token: string) {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
  assert.equal(res.status, 200, `stream ${url}`);
  assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/, 'an event stream');
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const queue: unknown[] = [];
  let pending: ReturnType<typeof reader.read> | undefined;
  const next = async (timeoutMs = 5_000): Promise<unknown> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (queue.length) return queue.shift();
      const blocks = buffer.split('\n\n');
      buffer = blocks.pop() ?? '';
      for (const block of blocks) {
        const data = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
        if (data) queue.push(JSON.parse(data));
      }
      if (queue.length) return queue.shift();
      if (Date.now() > deadline) throw new Error('no stream event in time');
      const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), Math.max(1, deadline - Date.now())));
      pending ??= reader.read();
      const chunk = await Promise.race([pending, timer]);
      if (chunk === 'timeout') continue;
      pending = undefined;
      if (chunk.done) throw new Error('the stream ended');
      buffer += decoder.decode(chunk.value, { stream: true });
    }
  };
  return {
    next,
    async until(predicate: (event: unknown) => boolean, timeoutMs = 5_000): Promise<unknown> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const event = await next(Math.max(1, deadline - Date.now()));
        if (predicate(event)) return event;
      }
    },
    close: () => controller.abort(),
  };
}
