-- Journal search (src/journal): passages of a patient's notes, documents, results and messages,
-- indexed for Danish full-text search and for trigrams (compound words: "penicillinallergi"
-- finds "allergi"). The Danish Snowball stemmer is used WITHOUT its stopword list, which contains
-- "ikke": with it, "Patienten har ikke feber" would be found by a search for fever.
CREATE TEXT SEARCH DICTIONARY danish_stem_nostop (TEMPLATE = snowball, LANGUAGE = danish);
CREATE TEXT SEARCH CONFIGURATION danish_clin (COPY = danish);
ALTER TEXT SEARCH CONFIGURATION danish_clin
  ALTER MAPPING FOR asciiword, word, hword_part, hword_asciipart, asciihword, hword WITH danish_stem_nostop;

-- One row per passage (a sentence within a section) of the current version of a source resource.
-- Offsets are Unicode code points into the source's text, [start_cp, end_cp).
CREATE TABLE journal_passage (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  patient_id     text        NOT NULL,
  source_type    text        NOT NULL,
  source_id      text        NOT NULL,
  source_version integer     NOT NULL,
  kind           text        NOT NULL,
  section        text,
  start_cp       integer     NOT NULL,
  end_cp         integer     NOT NULL,
  text           text        NOT NULL,
  recorded       timestamptz NOT NULL,
  tsv            tsvector    GENERATED ALWAYS AS (to_tsvector('danish_clin'::regconfig, text)) STORED
);
CREATE INDEX journal_passage_tsv ON journal_passage USING gin (tsv);
CREATE INDEX journal_passage_trgm ON journal_passage USING gin (text gin_trgm_ops);
CREATE INDEX journal_passage_patient ON journal_passage (patient_id, recorded DESC);
CREATE INDEX journal_passage_source ON journal_passage (source_type, source_id);
