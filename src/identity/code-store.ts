/**
 * Authorization codes: random, kept as SHA-256, valid for a minute, single use, bound to the client,
 * the redirect URI and the PKCE S256 challenge. A code presented twice revokes what it gave.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2 and https://www.rfc-editor.org/rfc/rfc7636
 */
import type { Db } from '../db/index.ts';
import { randomToken, sha256 } from './secrets.ts';

export const CODE_TTL_SECONDS = 60;

export interface CodeGrant {
  readonly clientId: string;
  readonly userId: string;
  readonly sessionId: string;
  readonly redirectUri: string;
  readonly scope: string;
  readonly codeChallenge: string;
  readonly nonce?: string | undefined;
  /** Seconds since the epoch of the login. */
  readonly authTime: number;
}

export type Redeemed =
  | { readonly ok: true; readonly grant: CodeGrant; readonly familyId: string }
  /** Unknown, expired, or used before (then the tokens it gave are revoked). */
  | { readonly ok: false; readonly reused: boolean };

export interface CodeStore {
  issue(grant: CodeGrant): Promise<string>;
  /** Marks the code used (atomically) and returns its grant; familyId names the refresh tokens it will start. */
  redeem(code: string, familyId: string): Promise<Redeemed>;
}

interface CodeRow {
  client_id: string;
  user_id: string;
  session_id: string;
  redirect_uri: string;
  scope: string;
  code_challenge: string;
  nonce: string | null;
  auth_time: Date | string;
}

export function createCodeStore(db: Db): CodeStore {
  return {
    async issue(grant) {
      const code = randomToken();
      await db.query(
        `INSERT INTO oauth_code (code_hash, client_id, user_id, session_id, redirect_uri, scope, code_challenge, nonce, auth_time, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, to_timestamp($9), now() + make_interval(secs => $10))`,
        [sha256(code), grant.clientId, grant.userId, grant.sessionId, grant.redirectUri, grant.scope, grant.codeChallenge, grant.nonce ?? null, grant.authTime, CODE_TTL_SECONDS],
      );
      return code;
    },
    async redeem(code, familyId) {
      if (code.length > 100) return { ok: false, reused: false };
      const hash = sha256(code);
      const [row] = await db.query<CodeRow>(
        `UPDATE oauth_code SET used_at = now(), family_id = $2 WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now()
         RETURNING client_id, user_id, session_id, redirect_uri, scope, code_challenge, nonce, auth_time`,
        [hash, familyId],
      );
      if (row) {
        const grant: CodeGrant = {
          clientId: row.client_id,
          userId: row.user_id,
          sessionId: row.session_id,
          redirectUri: row.redirect_uri,
          scope: row.scope,
          codeChallenge: row.code_challenge,
          nonce: row.nonce ?? undefined,
          authTime: Math.floor(new Date(row.auth_time).getTime() / 1000),
        };
        return { ok: true, grant, familyId };
      }
      const [used] = await db.query<{ family_id: string | null }>('SELECT family_id FROM oauth_code WHERE code_hash = $1 AND used_at IS NOT NULL', [hash]);
      if (!used) return { ok: false, reused: false };
      if (used.family_id) {
        await db.query('UPDATE oauth_refresh_token SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL', [used.family_id]);
      }
      return { ok: false, reused: true };
    },
  };
}
