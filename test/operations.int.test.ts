/** The server as operators run it: `kerne start` with its data folder lock, health, metrics, and SIGTERM. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { startServerProcess } from './support/server-process.ts';

describe('kerne start (embedded PGlite)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kerne-ops-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test('health, metrics, a clear message when the data folder is in use, graceful SIGTERM', async () => {
    const server = await startServerProcess(['--data-dir', dataDir]);
    try {
      assert.equal((await fetch(`${server.base}/healthz`)).status, 200);
      const created = await fetch(`${server.base}/fhir/Patient`, {
        method: 'POST',
        headers: { 'content-type': 'application/fhir+json' },
        body: JSON.stringify({ resourceType: 'Patient', name: [{ family: 'Drift' }] }),
      });
      assert.equal(created.status, 201);
      const metrics = await (await fetch(`${server.base}/metrics`)).text();
      assert.match(metrics, /kerne_http_requests_total\{interaction="create",status="201"\} 1/);
      assert.match(metrics, /kerne_http_request_duration_seconds_bucket\{le="[^"]+",interaction="create"\}/);
      assert.match(metrics, /kerne_db_pool_connections\{state="total"\}/);
      assert.match(metrics, /kerne_event_backlog \d+/);

      // A second process on the same folder is refused with a readable message.
      await assert.rejects(startServerProcess(['--data-dir', dataDir], {}, 30_000), /in use by another Kerne process \(pid \d+\)/);

      // SIGTERM while requests are in flight: they finish, then the process exits 0.
      const inFlight = Array.from({ length: 20 }, (_, i) =>
        fetch(`${server.base}/fhir/Patient`, {
          method: 'POST',
          headers: { 'content-type': 'application/fhir+json' },
          body: JSON.stringify({ resourceType: 'Patient', name: [{ family: `Sigterm${i}` }] }),
        }).then((r) => r.status, () => 'refused'),
      );
      await new Promise((r) => setTimeout(r, 5));
      server.child.kill('SIGTERM');
      const statuses = await Promise.all(inFlight);
      assert.equal(await server.exited, 0, server.output());
      for (const s of statuses) assert.ok(s === 201 || s === 503 || s === 'refused', `in-flight request ended with ${s}`);
      assert.match(server.output(), /shutting down/);
    } finally {
      await server.stop('SIGKILL');
    }

    // The folder is free again, and the data is still there.
    const again = await startServerProcess(['--data-dir', dataDir]);
    try {
      const found = (await (await fetch(`${again.base}/fhir/Patient?family=Drift`)).json()) as { entry: unknown[] };
      assert.equal(found.entry.length, 1);
    } finally {
      await again.stop();
    }
  });
});
