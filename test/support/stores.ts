/**
 * The stores every storage-facing test runs against: PGlite (in memory) and PostgreSQL
 * (a fresh database per call on 127.0.0.1:5432, dropped on close). Set KERNE_TEST_PG=0 to skip PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDb, migrate, type Db } from '../../src/db/index.ts';

export const PG_ADMIN_URL = process.env.KERNE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestStore {
  readonly name: 'pglite' | 'postgres';
  /** Opens a new, empty, migrated store. Closing it drops the PostgreSQL database. */
  open(): Promise<Db>;
}

/** Creates an empty PostgreSQL database and returns its URL and a function that drops it. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `kerne_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

const pglite: TestStore = {
  name: 'pglite',
  async open() {
    const db = await openDb({});
    await migrate(db);
    return db;
  },
};

const postgres: TestStore = {
  name: 'postgres',
  async open() {
    const { url, drop } = await createTestDatabase();
    const db = await openDb({ databaseUrl: url, poolSize: 8 });
    await migrate(db);
    const close = db.close.bind(db);
    return Object.assign(db, {
      async close() {
        await close();
        await drop();
      },
    });
  },
};

export const STORES: readonly TestStore[] = process.env.KERNE_TEST_PG === '0' ? [pglite] : [pglite, postgres];
