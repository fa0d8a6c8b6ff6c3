-- Device integration (src/devices): the transport de-duplication window of HL7 v2 messages with the
-- answer each got, and device readings that are outside every chart (no patient: held; not
-- plausible, a sentinel or an unmapped code: set aside). Charted readings are FHIR Observations.

-- One row per (sender, MSH-10) seen: a repeat gets `ack` again and adds nothing. Written in the same
-- transaction as the message's data, so an ACK is only sent for what is committed. Pruned by age.
CREATE TABLE device_message (
  sender      text        NOT NULL,
  control_id  text        NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  message_type text       NOT NULL,
  ack         text        NOT NULL,
  observations integer    NOT NULL DEFAULT 0,
  PRIMARY KEY (sender, control_id)
);
CREATE INDEX device_message_received ON device_message (received_at);

-- Readings kept outside the record. `key` is the observation de-duplication key (device, code,
-- containment path, time, value), so a re-sent reading is not kept twice either.
CREATE TABLE device_reading_outside (
  key          text        PRIMARY KEY,
  state        text        NOT NULL CHECK (state IN ('held', 'aside', 'assigned')),
  device_id    text        NOT NULL,
  sender       text        NOT NULL,
  control_id   text        NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now(),
  observed_at  timestamptz NOT NULL,
  bed_id       text,
  ward_id      text,
  reading      jsonb       NOT NULL,
  reason       text        NOT NULL,
  -- The patient the device was bound to (set-aside readings), or the one a held reading was assigned to.
  patient_id   text,
  assigned_by  text,
  assigned_at  timestamptz
);
CREATE INDEX device_reading_outside_ward ON device_reading_outside (ward_id, state, observed_at);
CREATE INDEX device_reading_outside_device ON device_reading_outside (device_id, state, observed_at);
