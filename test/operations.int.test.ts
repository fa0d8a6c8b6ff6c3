/** The server as operators run it: `kerne start` with its data folder lock, health, metrics, and SIGTERM. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { after, describe, test } from 'node:test';
import { startServerProcess } from './support/server-process.ts';

describe('kerne start (embedded PGlite)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kerne-ops-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test('health, metrics, a clear message when the data folder is in use, graceful SIGTERM', async () => {
    // An operator registers a system client, which then gets its token by client credentials.
    const added = spawnSync(process.execPath, ['bin/kerne.js', 'client', 'add', '--id', 'ops', '--secret', 'ops-secret-123456', '--scope', 'system/*.*', '--data-dir', dataDir], { encoding: 'utf8' });
    assert.equal(added.status, 0, added.stderr);
    const server = await startServerProcess(['--data-dir', dataDir]);
    try {
      assert.equal((await fetch(`${server.base}/healthz`)).status, 200);
      const auth = await bearer(server.base);
      assert.equal((await fetch(`${server.base}/fhir/Patient`)).status, 401, 'no token, no data');
      const created = await fetch(`${server.base}/fhir/Patient`, {
        method: 'POST',
        headers: { 'content-type': 'application/fhir+json', ...auth },
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
          headers: { 'content-type': 'application/fhir+json', ...auth },
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
      const found = (await (await fetch(`${again.base}/fhir/Patient?family=Drift`, { headers: await bearer(again.base) })).json()) as { entry: unknown[] };
      assert.equal(found.entry.length, 1);
    } finally {
      await again.stop();
    }
  });
});

/** A system token by client credentials, from the token endpoint the SMART configuration names. */
async function bearer(base: string): Promise<{ authorization: string }> {
  const discovery = (await (await fetch(`${base}/.well-known/smart-configuration`)).json()) as { token_endpoint: string };
  const response = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from('ops:ops-secret-123456').toString('base64')}` },
    body: 'grant_type=client_credentials&scope=system%2F*.*',
  });
  assert.equal(response.status, 200, await response.clone().text());
  const { access_token: token } = (await response.json()) as { access_token: string };
  return { authorization: `Bearer ${token}` };
}
