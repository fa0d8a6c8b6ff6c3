/** PostgreSQL driver (node-postgres pool), selected by DATABASE_URL. */
import pg from 'pg';
import type { Db, Queryable, QueryOptions } from './db.ts';

// Timestamps, bigints and numerics stay text: exact, and no Date round trip on hot paths.
for (const oid of [20, 1082, 1114, 1184, 1700]) pg.types.setTypeParser(oid, (v: string) => v);

export async function openPostgres(url: string, poolSize: number): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, application_name: 'kerne' });
  pool.on('error', () => {
    /* an idle client lost its connection; the pool replaces it on next use */
  });
  await pool.query('SELECT 1');
  const wrap = (c: pg.Pool | pg.PoolClient): Queryable => ({
    async query<R>(sql: string, params?: readonly unknown[], options?: QueryOptions) {
      const res = options?.name
        ? await c.query({ name: options.name, text: sql, values: params as unknown[] | undefined })
        : await c.query(sql, params as unknown[] | undefined);
      return res.rows as R[];
    },
    async exec(sql: string) {
      await c.query(sql);
    },
  });
  const root = wrap(pool);
  return {
    kind: 'postgres',
    query: root.query,
    exec: root.exec,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    stats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => pool.end(),
  };
}
