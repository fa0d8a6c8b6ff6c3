-- Access control and audit (src/access, src/audit): each resource's patient (its Patient compartment)
-- and sensitivity, break-the-glass grants, and the audit log's lookup columns.

-- The patient whose record a resource belongs to (a Patient's own id; NULL outside every patient's
-- record: Organization, Practitioner, ValueSet, ...), and whether it is sensitive (psychiatric data,
-- or a confidentiality label R or V): both set by the repository on every write.
ALTER TABLE resource ADD COLUMN patient_id text;
ALTER TABLE resource ADD COLUMN sensitive boolean NOT NULL DEFAULT false;
ALTER TABLE resource_history ADD COLUMN patient_id text;
ALTER TABLE resource_history ADD COLUMN sensitive boolean NOT NULL DEFAULT false;
-- Stores written before this migration: the patient from the reference index (patient, then subject,
-- then any other reference to a Patient, which errs towards treating data as a patient's), the labels.
UPDATE resource SET patient_id = id WHERE type = 'Patient';
UPDATE resource r SET patient_id = (
  SELECT t.target_id FROM sp_reference t WHERE t.rid = r.rid AND t.target_type = 'Patient' AND t.target_id IS NOT NULL
   ORDER BY CASE t.param WHEN 'patient' THEN 0 WHEN 'subject' THEN 1 ELSE 2 END, t.param LIMIT 1)
 WHERE r.type <> 'Patient' AND NOT r.deleted;
UPDATE resource SET sensitive = true
 WHERE NOT deleted AND content IS NOT NULL
   AND (content::jsonb -> 'meta' -> 'security' @> '[{"system":"http://terminology.hl7.org/CodeSystem/v3-Confidentiality","code":"R"}]'
     OR content::jsonb -> 'meta' -> 'security' @> '[{"system":"http://terminology.hl7.org/CodeSystem/v3-Confidentiality","code":"V"}]');
CREATE INDEX resource_patient ON resource (patient_id) WHERE patient_id IS NOT NULL;
CREATE INDEX resource_history_patient ON resource_history (patient_id) WHERE patient_id IS NOT NULL;

-- Break-the-glass (værdispring): access to one patient's record for a limited time, with a reason.
CREATE TABLE access_grant (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  subject    text        NOT NULL,  -- the user (token issuer + sub)
  fhir_user  text,                  -- Practitioner/<id>
  display    text        NOT NULL,
  units      text[]      NOT NULL,  -- the user's units when granted (the managers who review it)
  patient_id text        NOT NULL,
  reason     text        NOT NULL,
  granted    timestamptz NOT NULL,
  expires    timestamptz NOT NULL
);
CREATE INDEX access_grant_subject ON access_grant (subject, expires);

-- Lookup columns of the audit log, derived from each event when it is appended (the event text is
-- what the hash chain covers): the patients concerned, the agent's units, and break-the-glass.
ALTER TABLE audit_log ADD COLUMN patients text[] NOT NULL DEFAULT '{}';
ALTER TABLE audit_log ADD COLUMN units text[] NOT NULL DEFAULT '{}';
ALTER TABLE audit_log ADD COLUMN break_the_glass boolean NOT NULL DEFAULT false;
CREATE INDEX audit_log_patients ON audit_log USING gin (patients);
CREATE INDEX audit_log_break_the_glass ON audit_log USING gin (units) WHERE break_the_glass;

-- Appends events to the chain in one statement: takes the append lock, links each row to the
-- previous one (sha256 of prev_hash \n seq \n recorded \n event, as src/audit/chain.ts says).
CREATE FUNCTION kerne_audit_append(p_events text[], p_patients text[], p_units text[], p_btg boolean[])
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  prev text;
  rec timestamptz := clock_timestamp();
  rec_iso text := to_char(rec AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"');
  s bigint := 0;
  h text;
BEGIN
  PERFORM pg_advisory_xact_lock(7340002);
  SELECT hash INTO prev FROM audit_log ORDER BY seq DESC LIMIT 1;
  prev := coalesce(prev, repeat('0', 64));
  FOR i IN 1 .. coalesce(array_length(p_events, 1), 0) LOOP
    s := nextval(pg_get_serial_sequence('audit_log', 'seq'));
    h := encode(sha256(convert_to(prev || E'\n' || s::text || E'\n' || rec_iso || E'\n' || p_events[i], 'UTF8')), 'hex');
    INSERT INTO audit_log (seq, recorded, event, prev_hash, hash, patients, units, break_the_glass)
      OVERRIDING SYSTEM VALUE
      VALUES (s, rec, p_events[i], prev, h, string_to_array(p_patients[i], ' '), string_to_array(p_units[i], ' '), p_btg[i]);
    prev := h;
  END LOOP;
  RETURN s;
END;
$$;
