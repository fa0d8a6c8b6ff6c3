-- The journal overview ("Overblik", src/journal/overview): when each user last opened each patient's
-- overview, so "Nyt siden sidst" can show what was created or changed since. A user is their token's
-- issuer and subject (Kerne's own logins and an external provider's may share subjects). One row per
-- user and patient, overwritten at every visit.
CREATE TABLE journal_overview_visit (
  user_issuer  text        NOT NULL,
  user_subject text        NOT NULL,
  patient_id   text        NOT NULL,
  last_opened  timestamptz NOT NULL,
  PRIMARY KEY (user_issuer, user_subject, patient_id)
);
