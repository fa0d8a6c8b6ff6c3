/**
 * Crash safety of the device inbox: `kerne start` on PostgreSQL receives PCD-01 streams from three
 * simulated monitors (Medplum's HL7 client, at-least-once), is killed with SIGKILL in the middle and
 * started again. Every message that was acknowledged is in the record exactly once, and the senders'
 * retries of what was not acknowledged complete the set: no reading lost, none twice.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { DeviceSimulator } from '../src/devices/simulator/index.ts';
import { freePort, startServerProcess, type ServerProcess } from './support/server-process.ts';
import { createTestDatabase } from './support/stores.ts';

const EUI64 = (bed: number) => `00CC${String(bed).padStart(12, '0')}`;
const MONITORS = 3;
const PER_MONITOR = 40;

async function waitForPort(port: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ port, host: '127.0.0.1' }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`MLLP port ${port} did not open`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('device inbox crash safety (SIGKILL during a stream, PostgreSQL)', () => {
  let database: { url: string; drop: () => Promise<void> };
  let server: ServerProcess | undefined;
  let mllpPort: number;
  const start = async () => {
    server = await startServerProcess(['--database-url', database.url, '--dev-no-auth', '--mllp-port', String(mllpPort)], { KERNE_LOG_LEVEL: 'warn' });
    await waitForPort(mllpPort);
    return server;
  };

  before(async () => {
    database = await createTestDatabase();
    mllpPort = await freePort();
    const s = await start();
    const fhir = async (resource: Record<string, unknown>) => {
      const res = await fetch(`${s.base}/fhir/${resource.resourceType}`, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify(resource) });
      const text = await res.text();
      assert.equal(res.status, 201, `create ${resource.resourceType}: ${text}`);
      return (JSON.parse(text) as { id: string }).id;
    };
    const wardId = await fhir({ resourceType: 'Location', status: 'active', name: 'Afsnit', physicalType: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/location-physical-type', code: 'wa' }] } });
    for (let bed = 1; bed <= MONITORS; bed++) {
      const bedId = await fhir({ resourceType: 'Location', status: 'active', name: `Seng ${bed}`, physicalType: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/location-physical-type', code: 'bd' }] }, partOf: { reference: `Location/${wardId}` } });
      const patientId = await fhir({ resourceType: 'Patient', name: [{ family: `Patient${bed}` }] });
      await fhir({ resourceType: 'Encounter', status: 'in-progress', class: { code: 'IMP' }, subject: { reference: `Patient/${patientId}` }, period: { start: '2026-01-01T00:00:00Z' }, location: [{ location: { reference: `Location/${bedId}` }, status: 'active', period: { start: '2026-01-01T00:00:00Z' } }] });
      await fhir({ resourceType: 'Device', status: 'active', identifier: [{ system: 'urn:oid:1.2.840.10004.1.1.1.0.0.1.0.0.1.2680', value: EUI64(bed) }], location: { reference: `Location/${bedId}` } });
    }
  });
  after(async () => {
    await server?.stop('SIGKILL');
    await database.drop();
  });

  it('every acknowledged message is stored exactly once, and retries complete the set', async () => {
    const acknowledged = new Set<string>();
    let retries = 0;
    let clock = Date.parse('2026-11-01T00:00:00Z');
    const simulator = new DeviceSimulator({
      host: '127.0.0.1', port: mllpPort, beds: MONITORS, intervalMs: 15, eui64Of: EUI64, messagesPerMonitor: PER_MONITOR, ackTimeoutMs: 2_000,
      now: () => new Date((clock += 1000)), // a distinct second per message: no two readings alike
      onAck: (_bed, controlId, code) => {
        assert.equal(code, 'CA', `${controlId} acknowledged with CA`);
        assert.ok(!acknowledged.has(controlId), `${controlId} acknowledged once`);
        acknowledged.add(controlId);
      },
      onRetry: () => retries++,
    });
    simulator.start();
    while (acknowledged.size < 30) await new Promise((r) => setTimeout(r, 10));
    const ackedBeforeCrash = new Set(acknowledged);
    await server!.stop('SIGKILL');
    await start();
    await simulator.finished();
    await simulator.stop();

    assert.equal(acknowledged.size, MONITORS * PER_MONITOR, 'every message acknowledged in the end');
    assert.ok(retries > 0, 'some messages were sent again after the crash');
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const messages = await client.query<{ control_id: string; observations: number }>('SELECT control_id, observations FROM device_message');
      const stored = new Map(messages.rows.map((r) => [r.control_id, r.observations]));
      for (const id of ackedBeforeCrash) assert.equal(stored.get(id), 7, `${id}, acknowledged before the crash, survived with its 7 readings`);
      assert.equal(stored.size, MONITORS * PER_MONITOR, 'each message recorded once');
      const [row] = (await client.query<{ total: string; distinct_keys: string }>(
        `SELECT count(*)::text AS total, count(DISTINCT content::jsonb -> 'identifier' -> 0 ->> 'value')::text AS distinct_keys FROM resource WHERE type = 'Observation' AND NOT deleted`,
      )).rows;
      assert.equal(Number(row!.total), MONITORS * PER_MONITOR * 7, 'every reading in the record');
      assert.equal(row!.distinct_keys, row!.total, 'and none twice');
    } finally {
      await client.end();
    }
  });
});
