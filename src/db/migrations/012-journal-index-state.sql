-- Journal search (src/journal): which version of each searchable resource the passage index holds,
-- including versions with no text (no passages). A resource whose current version has no row here
-- has not been indexed: data imported while no server ran, or written before the index existed.
-- Kerne's start indexes those in the background (JournalIndexer.backfill).
CREATE TABLE journal_index_state (
  source_type    text    NOT NULL,
  source_id      text    NOT NULL,
  source_version integer NOT NULL,
  PRIMARY KEY (source_type, source_id)
);
