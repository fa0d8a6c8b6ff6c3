/**
 * Refresh tokens: random, kept as SHA-256, in families. Each use rotates (the old token is spent, a
 * new one joins the family with the family's expiry); presenting a spent token again is taken as
 * theft and revokes the whole family and its login session.
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-4.14.2 (refresh token rotation)
 */
import type { Db, Queryable } from '../db/index.ts';
import { randomToken, sha256 } from './secrets.ts';

export interface RefreshGrant {
  readonly familyId: string;
  readonly clientId: string;
  readonly userId: string;
  readonly sessionId: string | null;
  readonly scope: string;
  /** Seconds since the epoch of the login. */
  readonly authTime: number;
  readonly expiresAt: Date;
}

export type Rotated =
  | { readonly ok: true; readonly grant: RefreshGrant; readonly token: string }
  | { readonly ok: false; readonly reused: boolean; readonly grant?: RefreshGrant };

export interface RefreshStore {
  /** Starts a family (at the code exchange); expires ttlSeconds from now. */
  issue(grant: Omit<RefreshGrant, 'expiresAt'>, ttlSeconds: number): Promise<string>;
  /**
   * Spends a token and issues its successor (atomically). `accept` may refuse the grant (wrong
   * client, inactive user) before anything changes. A spent token presented again revokes the
   * family and ends its session.
   */
  rotate(token: string, accept: (grant: RefreshGrant) => Promise<boolean> | boolean, scope?: string): Promise<Rotated>;
  /** Revokes the family of a token (RFC 7009), if the token belongs to the client. */
  revoke(token: string, clientId: string): Promise<boolean>;
}

interface RefreshRow {
  family_id: string;
  client_id: string;
  user_id: string;
  session_id: string | null;
  scope: string;
  auth_time: Date | string;
  expires_at: Date | string;
  rotated_at: Date | string | null;
  revoked_at: Date | string | null;
}

const toGrant = (r: RefreshRow): RefreshGrant => ({
  familyId: r.family_id,
  clientId: r.client_id,
  userId: r.user_id,
  sessionId: r.session_id,
  scope: r.scope,
  authTime: Math.floor(new Date(r.auth_time).getTime() / 1000),
  expiresAt: new Date(r.expires_at),
});

const COLUMNS = 'family_id, client_id, user_id, session_id, scope, auth_time, expires_at, rotated_at, revoked_at';

async function insert(q: Queryable, token: string, g: RefreshGrant): Promise<void> {
  await q.query(
    `INSERT INTO oauth_refresh_token (token_hash, family_id, client_id, user_id, session_id, scope, auth_time, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, to_timestamp($7), $8)`,
    [sha256(token), g.familyId, g.clientId, g.userId, g.sessionId, g.scope, g.authTime, g.expiresAt.toISOString()],
  );
}

async function revokeFamily(q: Queryable, familyId: string, sessionId: string | null): Promise<void> {
  await q.query('UPDATE oauth_refresh_token SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL', [familyId]);
  if (sessionId) {
    await q.query('UPDATE identity_session SET ended_at = now() WHERE id = $1 AND ended_at IS NULL', [sessionId]);
    await q.query('UPDATE oauth_refresh_token SET revoked_at = now() WHERE session_id = $1 AND revoked_at IS NULL', [sessionId]);
  }
}

export function createRefreshStore(db: Db): RefreshStore {
  return {
    async issue(grant, ttlSeconds) {
      const token = randomToken();
      await insert(db, token, { ...grant, expiresAt: new Date(Date.now() + ttlSeconds * 1000) });
      return token;
    },
    async rotate(token, accept, scope) {
      if (token.length > 100) return { ok: false, reused: false };
      const hash = sha256(token);
      const [row] = await db.query<RefreshRow>(`SELECT ${COLUMNS} FROM oauth_refresh_token WHERE token_hash = $1`, [hash]);
      if (!row) return { ok: false, reused: false };
      const grant = toGrant(row);
      const theft = async () => {
        await db.transaction((tx) => revokeFamily(tx, row.family_id, row.session_id));
        return { ok: false, reused: true, grant } as const;
      };
      if (row.rotated_at !== null) return theft();
      if (row.revoked_at !== null || grant.expiresAt.getTime() <= Date.now()) return { ok: false, reused: false, grant };
      if (!(await accept(grant))) return { ok: false, reused: false, grant };
      const next = randomToken();
      const successor = { ...grant, scope: scope ?? grant.scope };
      const spent = await db.transaction(async (tx) => {
        const rows = await tx.query(
          'UPDATE oauth_refresh_token SET rotated_at = now() WHERE token_hash = $1 AND rotated_at IS NULL AND revoked_at IS NULL AND expires_at > now() RETURNING family_id',
          [hash],
        );
        if (rows.length) await insert(tx, next, successor);
        return rows.length > 0;
      });
      // Spent by a concurrent request in between: two parties hold the token.
      if (!spent) return theft();
      return { ok: true, grant: successor, token: next };
    },
    async revoke(token, clientId) {
      if (token.length > 100) return false;
      const [row] = await db.query<RefreshRow>(`SELECT ${COLUMNS} FROM oauth_refresh_token WHERE token_hash = $1`, [sha256(token)]);
      if (!row || row.client_id !== clientId) return false;
      await db.query('UPDATE oauth_refresh_token SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL', [row.family_id]);
      return true;
    },
  };
}
