-- Date searches bounded on the end of a period (gt, ge, eb) use an index on hi.
CREATE INDEX IF NOT EXISTS sp_date_hi ON sp_date (type, param, hi) INCLUDE (lo, rid);
