/**
 * SSO login sessions: the kerne_sso cookie carries a random secret (only its SHA-256 is stored); a
 * session lasts config.sessionTtl from login and ends earlier on logout or refresh-token reuse.
 * @see https://openid.net/specs/openid-connect-rpinitiated-1_0.html
 */
import type { Db } from '../db/index.ts';
import { randomId, randomToken, sha256 } from './secrets.ts';

export interface LoginSession {
  /** The public session id (the tokens' `sid`). */
  readonly id: string;
  readonly userId: string;
  /** Seconds since the epoch of the login (OIDC auth_time). */
  readonly authTime: number;
  readonly expiresAt: Date;
}

export interface SessionStore {
  /** Starts a session; returns it and the cookie value. */
  start(userId: string, ttlSeconds: number): Promise<{ session: LoginSession; cookie: string }>;
  /** The live session behind a cookie value, if any (and its user still active). */
  find(cookie: string | undefined): Promise<LoginSession | undefined>;
  /** Ends a session and revokes the refresh tokens issued in it. */
  end(sessionId: string): Promise<void>;
}

interface SessionRow {
  id: string;
  user_id: string;
  auth_time: Date | string;
  expires_at: Date | string;
}

const toSession = (r: SessionRow): LoginSession => ({
  id: r.id,
  userId: r.user_id,
  authTime: Math.floor(new Date(r.auth_time).getTime() / 1000),
  expiresAt: new Date(r.expires_at),
});

export function createSessionStore(db: Db): SessionStore {
  return {
    async start(userId, ttlSeconds) {
      const cookie = randomToken();
      const [row] = await db.query<SessionRow>(
        `INSERT INTO identity_session (id, secret_hash, user_id, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))
         RETURNING id, user_id, auth_time, expires_at`,
        [randomId(), sha256(cookie), userId, ttlSeconds],
      );
      return { session: toSession(row!), cookie };
    },
    async find(cookie) {
      if (!cookie || cookie.length > 100) return undefined;
      const [row] = await db.query<SessionRow>(
        `SELECT s.id, s.user_id, s.auth_time, s.expires_at FROM identity_session s JOIN identity_user u ON u.id = s.user_id
         WHERE s.secret_hash = $1 AND s.ended_at IS NULL AND s.expires_at > now() AND u.active`,
        [sha256(cookie)],
      );
      return row && toSession(row);
    },
    async end(sessionId) {
      await db.transaction(async (tx) => {
        await tx.query('UPDATE identity_session SET ended_at = now() WHERE id = $1 AND ended_at IS NULL', [sessionId]);
        await tx.query('UPDATE oauth_refresh_token SET revoked_at = now() WHERE session_id = $1 AND revoked_at IS NULL', [sessionId]);
      });
    },
  };
}
