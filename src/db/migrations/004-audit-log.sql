-- Tamper-evident audit log: FHIR AuditEvents, append-only and hash-chained (src/audit).
-- Each row's hash = sha256(prev_hash \n seq \n recorded \n event); `kerne audit verify` walks the chain.
-- @see https://hl7.org/fhir/R4/auditevent.html

-- `event` is the AuditEvent JSON exactly as hashed (text, not jsonb: jsonb would reorder keys).
-- Seq gaps are normal (a rolled-back append burns its seqs); the chain links over them.
CREATE TABLE audit_log (
  seq       bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  recorded  timestamptz NOT NULL,
  event     text        NOT NULL,
  prev_hash text        NOT NULL,
  hash      text        NOT NULL
);

-- Append-only through every interface: UPDATE, DELETE and TRUNCATE raise. A superuser can still
-- disable or drop these triggers; the hash chain is what makes that visible.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
