-- Aggregate snapshots (eventstore/snapshot.go): a cache of folded states
-- beside the log, never its truth. One row per stream; a load uses it only
-- when format is the reader's and the record at version has record_id.
-- Any row may be deleted at any time (`authledger snapshots drop`).
CREATE TABLE snapshots (
    stream    text   PRIMARY KEY,
    version   bigint NOT NULL CHECK (version >= 1),
    record_id text   NOT NULL,
    format    text   NOT NULL,
    data      bytea  NOT NULL
);
