-- The audit of AI use in the journal (src/journal/ai-audit; journal-ai.md §7): one row per answer
-- (extractive or generated) and per user action on it (opened citation, copied, marked wrong).
-- `record` is the canonical JSON of the row as hashed; `record_hash` = sha256 of it. Every row is
-- also appended, by its hash, to the hash-chained audit_log (one chain, src/audit) in the same
-- transaction: changing a row breaks its hash, changing the chain breaks the chain.
CREATE TABLE ai_event (
  id          text        PRIMARY KEY,
  recorded    timestamptz NOT NULL,
  kind        text        NOT NULL CHECK (kind IN ('answer', 'action')),
  answer_id   text        REFERENCES ai_event (id),
  patient_id  text,
  user_ref    text        NOT NULL,
  feature     text        NOT NULL,
  provider    text,
  record      text        NOT NULL,
  record_hash text        NOT NULL
);
CREATE INDEX ai_event_patient ON ai_event (patient_id, recorded DESC);
CREATE INDEX ai_event_answer ON ai_event (answer_id) WHERE answer_id IS NOT NULL;

-- Append-only through every interface, as the audit log (migration 004).
CREATE FUNCTION ai_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ai_event is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER ai_event_no_update BEFORE UPDATE ON ai_event FOR EACH ROW EXECUTE FUNCTION ai_event_append_only();
CREATE TRIGGER ai_event_no_delete BEFORE DELETE ON ai_event FOR EACH ROW EXECUTE FUNCTION ai_event_append_only();
CREATE TRIGGER ai_event_no_truncate BEFORE TRUNCATE ON ai_event FOR EACH STATEMENT EXECUTE FUNCTION ai_event_append_only();
