/**
 * Live ward boards across nodes: two Kerne processes (`kerne start`) on one PostgreSQL database and
 * NATS JetStream. A small ward is made through node B's FHIR API, node A's board stream is opened,
 * and writes through node B (a service task by /api/logistics, a Flag by FHIR) reach node A's
 * stream within 2 seconds; node A's plain GET of the board agrees. `--dev-no-auth`: delivery is
 * tested here, the access rules in logistics.int.test.ts.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { Resource } from '@medplum/fhirtypes';
import { BED_STATUS_SYSTEM, BOARD_FLAG_SYSTEM, LOCATION_PHYSICAL_TYPE_SYSTEM, type ServiceTaskView, type WardBoard } from '../src/logistics/index.ts';
import { startServerProcess, type ServerProcess } from './support/server-process.ts';
import { createTestDatabase } from './support/stores.ts';

const NATS_URL = process.env.KERNE_TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
const LIMIT_MS = 2_000;
const physical = (code: string) => ({ coding: [{ system: LOCATION_PHYSICAL_TYPE_SYSTEM, code }] });

async function send(method: string, url: string, body?: unknown): Promise<{ status: number; json: any; text: string }> {
  const res = await fetch(url, {
    method,
    headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

/** An event stream read with fetch: `event:`/`data:` blocks parsed as they arrive, each stamped with its arrival time. */
async function openEventStream(url: string) {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream' }, signal: controller.signal });
  assert.equal(res.status, 200, `stream ${url}: ${res.status}`);
  assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/, 'an event stream');
  const events: { event: string; data: unknown; at: number }[] = [];
  const waiters = new Set<() => void>();
  let ended: Error | undefined;
  void (async () => {
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        const at = performance.now();
        buffer += decoder.decode(value, { stream: true });
        const blocks = buffer.split('\n\n');
        buffer = blocks.pop() ?? '';
        for (const block of blocks) {
          let event = 'message';
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('event:')) event = line.slice(6).trim();
            else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
          }
          if (data.length) events.push({ event, data: JSON.parse(data.join('\n')), at });
        }
        for (const w of waiters) w();
      }
      ended = new Error('the stream ended');
    } catch (err) {
      ended = err instanceof Error ? err : new Error(String(err));
    }
    for (const w of waiters) w();
  })();
  let seen = 0;
  return {
    events,
    /** The next event (after those already returned) that satisfies `predicate`. */
    async until(predicate: (e: { event: string; data: unknown }) => boolean, timeoutMs: number): Promise<{ event: string; data: unknown; at: number }> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        while (seen < events.length) {
          const e = events[seen++]!;
          if (predicate(e)) return e;
        }
        if (ended) throw ended;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no matching event within ${timeoutMs} ms (${events.length} events so far)`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, left);
          function done() {
            clearTimeout(timer);
            waiters.delete(done);
            resolve();
          }
          waiters.add(done);
        });
      }
    },
    close: () => controller.abort(),
  };
}

describe('live ward boards across two Kerne processes on one PostgreSQL and NATS', { skip: process.env.KERNE_TEST_PG === '0' }, () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  after(async () => {
    for (const c of cleanup.reverse()) await c().catch(() => {});
  });

  it("a write through node B reaches node A's board stream within 2 seconds, and node A's GET agrees", async () => {
    const { url: databaseUrl, drop } = await createTestDatabase();
    cleanup.push(drop);
    const env = { DATABASE_URL: databaseUrl, NATS_URL, KERNE_LOG_LEVEL: 'warn' };
    const nodes: ServerProcess[] = [];
    for (let i = 0; i < 2; i++) {
      // Flags as well as env: loadConfig lets an absent flag (undefined) hide the env value.
      const node = await startServerProcess(['--database-url', databaseUrl, '--nats-url', NATS_URL, '--dev-no-auth'], env);
      nodes.push(node);
      cleanup.push(() => node.stop());
    }
    const [a, b] = nodes.map((n) => n.base) as [string, string];
    const create = async (r: Resource): Promise<string> => {
      const res = await send('POST', `${b}/fhir/${r.resourceType}`, r);
      assert.equal(res.status, 201, `create ${r.resourceType} on node B: ${res.text}`);
      return res.json.id as string;
    };

    // A small ward, through node B: unit, ward, room, two beds, a patient in bed 1.
    const unit = await create({ resourceType: 'Organization', name: 'Medicinsk afdeling T' });
    const ward = await create({ resourceType: 'Location', status: 'active', name: 'Afsnit T', physicalType: physical('wa'), managingOrganization: { reference: `Organization/${unit}` } });
    const room = await create({ resourceType: 'Location', status: 'active', name: 'Stue 1', physicalType: physical('ro'), partOf: { reference: `Location/${ward}` } });
    const beds: string[] = [];
    for (const n of [1, 2]) {
      beds.push(await create({
        resourceType: 'Location', status: 'active', name: `Seng ${n}`, physicalType: physical('bd'), partOf: { reference: `Location/${room}` },
        operationalStatus: { system: BED_STATUS_SYSTEM, code: n === 1 ? 'O' : 'U' },
      }));
    }
    const patient = await create({ resourceType: 'Patient', name: [{ given: ['Karen'], family: 'Testesen' }], birthDate: '1948-02-03' });
    const encounter = await create({
      resourceType: 'Encounter', status: 'in-progress', class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP' },
      subject: { reference: `Patient/${patient}` }, serviceProvider: { reference: `Organization/${unit}` },
      period: { start: new Date(Date.now() - 3_600_000).toISOString() },
      location: [{ location: { reference: `Location/${beds[0]}` }, status: 'active' }],
    });
    const boardPath = `/api/logistics/wards/${ward}/board`;
    const rowOf = (board: WardBoard) => board.rows.find((r) => r.patient?.id === patient);

    const stream = await openEventStream(`${a}${boardPath}/stream`);
    cleanup.push(async () => stream.close());
    const first = await stream.until((e) => e.event === 'board', 10_000);
    const firstRow = rowOf(first.data as WardBoard);
    assert.equal(firstRow?.bed?.id, beds[0], `node A's first board shows the patient in bed 1: ${JSON.stringify(first.data)}`);
    assert.deepEqual(firstRow?.flags, [], 'no flags yet');

    // 1. A service task through node B's /api/logistics.
    const marker = `Til røntgen ${Date.now()}`;
    let t0 = performance.now();
    const created = await send('POST', `${b}/api/logistics/tasks`, { kind: 'transport', wardId: ward, encounterId: encounter, destination: 'Røntgen', description: marker });
    assert.equal(created.status, 201, `task on node B: ${created.text}`);
    const task = created.json as ServiceTaskView;
    const withTask = await stream.until((e) => e.event === 'board' && !!rowOf(e.data as WardBoard)?.tasks.some((x) => x.id === task.id && x.description === marker), LIMIT_MS);
    const taskLatency = withTask.at - t0;
    console.log(`# task written through node B → board event on node A: ${taskLatency.toFixed(0)} ms`);
    assert.ok(taskLatency < LIMIT_MS, `the task reached node A's stream in ${taskLatency.toFixed(0)} ms (limit ${LIMIT_MS})`);

    // 2. A Flag on the patient through node B's FHIR API.
    t0 = performance.now();
    await create({
      resourceType: 'Flag', status: 'active', subject: { reference: `Patient/${patient}` },
      code: { coding: [{ system: BOARD_FLAG_SYSTEM, code: 'faldrisiko' }] },
    });
    const withFlag = await stream.until((e) => e.event === 'board' && (rowOf(e.data as WardBoard)?.flags ?? []).includes('faldrisiko'), LIMIT_MS);
    const flagLatency = withFlag.at - t0;
    console.log(`# Flag written through node B → board event on node A: ${flagLatency.toFixed(0)} ms`);
    assert.ok(flagLatency < LIMIT_MS, `the Flag reached node A's stream in ${flagLatency.toFixed(0)} ms (limit ${LIMIT_MS})`);

    // Node A's plain GET agrees with its stream.
    const got = await send('GET', `${a}${boardPath}`);
    assert.equal(got.status, 200, `GET the board on node A: ${got.text}`);
    const row = rowOf(got.json as WardBoard);
    assert.ok(row?.tasks.some((x) => x.id === task.id && x.description === marker && x.status === 'requested'), `node A's GET shows the task: ${JSON.stringify(row)}`);
    assert.deepEqual(row?.flags, ['faldrisiko'], "node A's GET shows the flag");
    const streamed = withFlag.data as WardBoard;
    const stable = (board: WardBoard) => ({ ...board, generatedAt: undefined });
    assert.deepEqual(stable(got.json as WardBoard), stable(streamed), "node A's GET equals the last board its stream sent (but for generatedAt)");

    stream.close();
    for (const n of nodes) assert.equal(await n.stop(), 0, `clean shutdown:\n${n.output()}`);
  });
});
