-- Change events and FHIR Subscriptions (R4): a store identity for event namespacing, one delivery
-- cursor per rest-hook Subscription over outbox.seq, and websocket binding tokens (hashed).
-- @see https://hl7.org/fhir/R4/subscription.html

-- A random id per store: NATS subjects and message ids are namespaced with it, so several stores
-- (or test databases, whose outbox seqs all start at 1) can share one NATS server.
CREATE TABLE kerne_store (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  id        text NOT NULL
);
INSERT INTO kerne_store (id) VALUES (replace(gen_random_uuid()::text, '-', ''));

-- One row per active rest-hook Subscription. `cursor`: every outbox row with seq <= cursor has been
-- handled (delivered or not matching). A node works a row only while it holds the lease.
CREATE TABLE subscription_delivery (
  subscription_id text        PRIMARY KEY,
  cursor          bigint      NOT NULL,
  active          boolean     NOT NULL DEFAULT true,
  attempts        integer     NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error      text,
  delivered       bigint      NOT NULL DEFAULT 0,
  lease_owner     text,
  lease_until     timestamptz
);
CREATE INDEX subscription_delivery_due ON subscription_delivery (next_attempt_at) WHERE active;

-- Short-lived websocket binding tokens ($get-ws-binding-token); only a SHA-256 of the token is kept.
CREATE TABLE subscription_ws_token (
  token_hash      text        PRIMARY KEY,
  subscription_id text        NOT NULL,
  expires_at      timestamptz NOT NULL
);
CREATE INDEX subscription_ws_token_expires ON subscription_ws_token (expires_at);
