/**
 * Login users of Kerne's identity provider: a username, an argon2id password hash and the FHIR
 * resource the person is (SMART `fhirUser`: 'Practitioner/<id>' or 'Patient/<id>').
 * @see https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html#scopes-for-requesting-identity-data
 */
import type { Db } from '../db/index.ts';
import { hashSecret, MIN_PASSWORD_LENGTH, verifySecret } from './secrets.ts';

export interface LoginUser {
  /** The token subject (`sub`). */
  readonly id: string;
  readonly username: string;
  readonly fhirUser: string;
  readonly active: boolean;
  readonly created: string;
}

export interface NewLoginUser {
  readonly username: string;
  readonly password: string;
  readonly fhirUser: string;
}

export interface UserStore {
  /** Adds a user; throws on a short password, a malformed fhirUser or a taken username. */
  add(user: NewLoginUser): Promise<LoginUser>;
  findByUsername(username: string): Promise<LoginUser | undefined>;
  findById(id: string): Promise<LoginUser | undefined>;
  /** The active user with this username and password, or undefined; as slow for unknown users as for known ones. */
  verifyPassword(username: string, password: string): Promise<LoginUser | undefined>;
  setPassword(username: string, password: string): Promise<void>;
  setActive(username: string, active: boolean): Promise<void>;
}

const FHIR_USER = /^(Practitioner|Patient)\/[A-Za-z0-9.-]{1,64}$/;
const USERNAME = /^[a-z0-9._@-]{1,100}$/;

export const normalizeUsername = (username: string): string => username.trim().toLowerCase();

interface UserRow {
  id: string;
  username: string;
  password_hash: string;
  fhir_user: string;
  active: boolean;
  created: Date | string;
}

const toUser = (r: UserRow): LoginUser => ({
  id: r.id,
  username: r.username,
  fhirUser: r.fhir_user,
  active: r.active,
  created: new Date(r.created).toISOString(),
});

export function assertPasswordStrength(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw new Error(`The password must be at least ${MIN_PASSWORD_LENGTH} characters long`);
}

export function createUserStore(db: Db): UserStore {
  const select = 'SELECT id, username, password_hash, fhir_user, active, created FROM identity_user';
  const byUsername = async (username: string) =>
    (await db.query<UserRow>(`${select} WHERE username = $1`, [normalizeUsername(username)]))[0];

  return {
    async add({ username, password, fhirUser }) {
      const name = normalizeUsername(username);
      if (!USERNAME.test(name)) throw new Error(`Invalid username '${username}': use letters, digits and . _ @ -`);
      if (!FHIR_USER.test(fhirUser)) throw new Error(`Invalid fhirUser '${fhirUser}': expected Practitioner/<id> or Patient/<id>`);
      assertPasswordStrength(password);
      if (await byUsername(name)) throw new Error(`The username '${name}' is taken`);
      const [row] = await db.query<UserRow>(
        'INSERT INTO identity_user (username, password_hash, fhir_user) VALUES ($1, $2, $3) RETURNING id, username, password_hash, fhir_user, active, created',
        [name, await hashSecret(password), fhirUser],
      );
      return toUser(row!);
    },
    async findByUsername(username) {
      const row = await byUsername(username);
      return row && toUser(row);
    },
    async findById(id) {
      const [row] = await db.query<UserRow>(`${select} WHERE id = $1`, [id]);
      return row && toUser(row);
    },
    async verifyPassword(username, password) {
      const row = username ? await byUsername(username) : undefined;
      const ok = await verifySecret(row?.password_hash, password);
      return ok && row?.active ? toUser(row) : undefined;
    },
    async setPassword(username, password) {
      assertPasswordStrength(password);
      const rows = await db.query('UPDATE identity_user SET password_hash = $2 WHERE username = $1 RETURNING id', [normalizeUsername(username), await hashSecret(password)]);
      if (!rows.length) throw new Error(`No user '${username}'`);
    },
    async setActive(username, active) {
      const rows = await db.query('UPDATE identity_user SET active = $2 WHERE username = $1 RETURNING id', [normalizeUsername(username), active]);
      if (!rows.length) throw new Error(`No user '${username}'`);
    },
  };
}
