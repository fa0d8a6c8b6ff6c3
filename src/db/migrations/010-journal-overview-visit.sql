-- The journal overview ("Overblik", src/journal/overview): when each user last opened each patient's
-- overview, so "Nyt siden sidst" can show what was created or changed since. One row per user and
-- patient, overwritten at every visit.
CREATE TABLE journal_overview_visit (
  user_subject text        NOT NULL,
  patient_id   text        NOT NULL,
  last_opened  timestamptz NOT NULL,
  PRIMARY KEY (user_subject, patient_id)
);
