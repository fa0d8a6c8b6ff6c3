/** The storage port: one PostgreSQL dialect, two drivers (PGlite embedded, PostgreSQL server). */

/** Something that runs parameterised SQL: the database itself or an open transaction. */
/** Options of one query: `name` makes it a prepared statement, planned once per connection (PostgreSQL). */
export interface QueryOptions {
  readonly name?: string;
}

export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<R[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface PoolStats {
  readonly total: number;
  readonly idle: number;
  readonly waiting: number;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn inside BEGIN … COMMIT; any throw rolls everything back. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  stats(): PoolStats;
  close(): Promise<void>;
}
