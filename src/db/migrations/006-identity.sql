-- Kerne's own identity provider (src/identity): login users, OAuth clients, authorization codes,
-- refresh tokens, SSO login sessions and the token signing key. Secrets are never stored in clear:
-- passwords and client secrets as argon2id hashes, codes/refresh tokens/session cookies as SHA-256.
-- @see https://www.rfc-editor.org/rfc/rfc6749 and https://hl7.org/fhir/smart-app-launch/

-- People who log in: staff (fhir_user 'Practitioner/<id>') and citizens ('Patient/<id>').
-- `id` is the token subject (sub): stable even if the username changes.
CREATE TABLE identity_user (
  id            text        PRIMARY KEY DEFAULT replace(gen_random_uuid()::text, '-', ''),
  username      text        NOT NULL UNIQUE CHECK (username = lower(username)),
  password_hash text        NOT NULL,
  fhir_user     text        NOT NULL CHECK (fhir_user ~ '^(Practitioner|Patient)/[A-Za-z0-9.-]{1,64}$'),
  active        boolean     NOT NULL DEFAULT true,
  created       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX identity_user_fhir_user ON identity_user (fhir_user);

-- Registered OAuth clients. secret_hash is NULL for public clients (PKCE only). The built-in web
-- app client (kerne-web) is defined in code, not here.
CREATE TABLE oauth_client (
  client_id     text        PRIMARY KEY,
  secret_hash   text,
  name          text,
  scopes        text[]      NOT NULL,
  grant_types   text[]      NOT NULL,
  redirect_uris text[]      NOT NULL DEFAULT '{}',
  active        boolean     NOT NULL DEFAULT true,
  created       timestamptz NOT NULL DEFAULT now()
);

-- SSO login sessions behind the kerne_sso cookie (only its SHA-256 is kept). `id` is the public
-- session id (the tokens' `sid`); a session ends at expires_at or when ended (logout, token reuse).
CREATE TABLE identity_session (
  id          text        PRIMARY KEY,
  secret_hash text        NOT NULL UNIQUE,
  user_id     text        NOT NULL REFERENCES identity_user (id) ON DELETE CASCADE,
  auth_time   timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  ended_at    timestamptz
);
CREATE INDEX identity_session_expires ON identity_session (expires_at);

-- Authorization codes: short-lived, single use (used_at), bound to client, redirect URI and the
-- PKCE S256 challenge. family_id: the refresh-token family the exchange started, revoked if the
-- code is presented again (RFC 6749 section 4.1.2).
CREATE TABLE oauth_code (
  code_hash      text        PRIMARY KEY,
  client_id      text        NOT NULL,
  user_id        text        NOT NULL REFERENCES identity_user (id) ON DELETE CASCADE,
  session_id     text        NOT NULL,
  redirect_uri   text        NOT NULL,
  scope          text        NOT NULL,
  code_challenge text        NOT NULL,
  nonce          text,
  auth_time      timestamptz NOT NULL,
  expires_at     timestamptz NOT NULL,
  used_at        timestamptz,
  family_id      text
);
CREATE INDEX oauth_code_expires ON oauth_code (expires_at);

-- Refresh tokens (SHA-256 of the token). Each use rotates: the row gets rotated_at and a new row
-- joins the same family. Presenting a rotated token again revokes the whole family and its session.
-- expires_at is the family's: it does not slide on rotation.
CREATE TABLE oauth_refresh_token (
  token_hash text        PRIMARY KEY,
  family_id  text        NOT NULL,
  client_id  text        NOT NULL,
  user_id    text        NOT NULL REFERENCES identity_user (id) ON DELETE CASCADE,
  session_id text,
  scope      text        NOT NULL,
  auth_time  timestamptz NOT NULL,
  created    timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  rotated_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX oauth_refresh_token_family ON oauth_refresh_token (family_id);
CREATE INDEX oauth_refresh_token_session ON oauth_refresh_token (session_id);
CREATE INDEX oauth_refresh_token_expires ON oauth_refresh_token (expires_at);

-- The RS256 signing keys, as private JWKs, shared by every node. The newest signs; all are
-- published in the JWKS so that tokens signed before a key change stay verifiable.
CREATE TABLE identity_signing_key (
  kid         text        PRIMARY KEY,
  alg         text        NOT NULL,
  private_jwk text        NOT NULL,
  created     timestamptz NOT NULL DEFAULT now()
);
