-- kerne_audit_append, faster: the loop only computes the chain; one INSERT writes the batch.
-- Takes the batch as newline-separated text (an AuditEvent's JSON text has no raw newline), which
-- the driver sends as it is, instead of text[] arrays it must escape element by element. The hash
-- rule is unchanged (src/audit/chain.ts): sha256 of prev_hash \n seq \n recorded \n event.
CREATE FUNCTION kerne_audit_append_lines(p_events text, p_patients text, p_units text, p_btg text)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  events text[] := string_to_array(p_events, E'\n');
  patients text[] := string_to_array(p_patients, E'\n');
  units text[] := string_to_array(p_units, E'\n');
  btg text[] := string_to_array(p_btg, E'\n');
  n int := coalesce(array_length(events, 1), 0);
  rec timestamptz := clock_timestamp();
  rec_iso text := to_char(rec AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"');
  prev text;
  seqs bigint[] := '{}';
  prevs text[] := '{}';
  hashes text[] := '{}';
  s bigint;
BEGIN
  IF n = 0 THEN RETURN NULL; END IF;
  PERFORM pg_advisory_xact_lock(7340002);
  SELECT hash INTO prev FROM audit_log ORDER BY seq DESC LIMIT 1;
  prev := coalesce(prev, repeat('0', 64));
  FOR i IN 1 .. n LOOP
    s := nextval(pg_get_serial_sequence('audit_log', 'seq'));
    seqs[i] := s;
    prevs[i] := prev;
    prev := encode(sha256(convert_to(prev || E'\n' || s::text || E'\n' || rec_iso || E'\n' || events[i], 'UTF8')), 'hex');
    hashes[i] := prev;
  END LOOP;
  INSERT INTO audit_log (seq, recorded, event, prev_hash, hash, patients, units, break_the_glass)
    OVERRIDING SYSTEM VALUE
    SELECT seqs[i], rec, events[i], prevs[i], hashes[i],
           coalesce(string_to_array(nullif(patients[i], ''), ' '), '{}'),
           coalesce(string_to_array(nullif(units[i], ''), ' '), '{}'),
           coalesce(btg[i] = 't', false)
      FROM generate_series(1, n) AS i;
  RETURN s;
END;
$$;

-- The array version of migration 005 is replaced by the one above.
DROP FUNCTION kerne_audit_append(text[], text[], text[], boolean[]);
