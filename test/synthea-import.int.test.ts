/**
 * `kerne import` of the whole Synthea set into PostgreSQL: every file loads, the stored counts per
 * resource type equal the bundles' contents after de-duplication, and no reference dangles.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import pg from 'pg';
import { countResourcesByType } from '../src/import/index.ts';
import { createTestDatabase } from './support/stores.ts';

const SYNTHEA = fileURLToPath(new URL('../../shared/data/synthea-r4/', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/kerne.js', import.meta.url));
const skip = !existsSync(SYNTHEA) ? 'no ../shared/data/synthea-r4 here' : process.env.KERNE_TEST_PG === '0' ? 'PostgreSQL tests are off' : false;

describe('kerne import: the Synthea set on PostgreSQL', { skip }, () => {
  test('loads every bundle; counts per type match; references resolve', { timeout: 600_000 }, async () => {
    const { url, drop } = await createTestDatabase();
    try {
      const run = spawnSync(process.execPath, [BIN, 'import', SYNTHEA], {
        env: { ...process.env, DATABASE_URL: url, KERNE_LOG_LEVEL: 'warn' },
        encoding: 'utf8',
        timeout: 540_000,
      });
      assert.equal(run.status, 0, `kerne import failed:\n${run.stdout}\n${run.stderr}`);
      assert.match(run.stdout, /83 files/);
      assert.match(run.stdout, /resources\/s/);

      const expected = await countResourcesByType([SYNTHEA]);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const rows = (await client.query<{ type: string; n: number }>('SELECT type, count(*)::int AS n FROM resource WHERE NOT deleted GROUP BY type')).rows;
        const stored = Object.fromEntries(rows.map((r) => [r.type, r.n]));
        assert.deepEqual(stored, expected);
        assert.equal(stored.Organization, 65);
        assert.equal(stored.Practitioner, 102);
        assert.equal(stored.Observation, 11685);

        const dangling = (
          await client.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM sp_reference r
             WHERE r.target_type IS NOT NULL AND NOT EXISTS (SELECT 1 FROM resource t WHERE t.type = r.target_type AND t.id = r.target_id)`,
          )
        ).rows[0]!.n;
        assert.equal(dangling, 0, 'every local reference points at a stored resource');
        const urnLeft = (await client.query<{ n: number }>("SELECT count(*)::int AS n FROM resource WHERE content LIKE '%\"reference\":\"urn:uuid:%'")).rows[0]!.n;
        assert.equal(urnLeft, 0, 'no urn:uuid reference is left unrewritten');
      } finally {
        await client.end();
      }
    } finally {
      await drop();
    }
  });
});
