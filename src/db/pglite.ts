/** PGlite driver: PostgreSQL compiled to WASM, kept in a data folder. The embedded default. */
import { mkdirSync, openSync, closeSync, readFileSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite, types } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { FhirError } from '../errors/index.ts';
import type { Db, Queryable } from './db.ts';

/** Keep timestamps and big numbers as the text PostgreSQL sends, as the pg driver is set to do. */
const rawParsers = {
  [types.TIMESTAMPTZ]: (v: string) => v,
  [types.TIMESTAMP]: (v: string) => v,
  [types.DATE]: (v: string) => v,
  [types.INT8]: (v: string) => v,
  [types.NUMERIC]: (v: string) => v,
};

export async function openPglite(dataDir: string | undefined): Promise<Db> {
  let releaseLock = () => {};
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    releaseLock = lockDataDir(dataDir);
  }
  const pg = new PGlite({ ...(dataDir ? { dataDir } : {}), extensions: { pg_trgm }, parsers: rawParsers });
  await pg.waitReady;

  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<R>(sql: string, params?: readonly unknown[]) {
      const res = await q.query<R>(sql, params as unknown[] | undefined);
      return res.rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  const root = wrap(pg);
  return {
    kind: 'pglite',
    query: root.query,
    exec: root.exec,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    stats: () => ({ total: 1, idle: 1, waiting: 0 }),
    async close() {
      await pg.close();
      releaseLock();
    },
  };
}

/** One process per data folder: PGlite has no locking of its own, so a lock file holds the owner's pid. */
function lockDataDir(dataDir: string): () => void {
  const lockFile = join(dataDir, 'kerne.lock');
  if (existsSync(lockFile)) {
    const pid = Number(readFileSync(lockFile, 'utf8').trim());
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new FhirError(409, 'conflict', `The data folder ${dataDir} is in use by another Kerne process (pid ${pid}). Stop it first, or start this one with another --data-dir.`);
    }
    rmSync(lockFile, { force: true });
  }
  const fd = openSync(lockFile, 'wx');
  writeFileSync(fd, String(process.pid));
  closeSync(fd);
  return () => rmSync(lockFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
