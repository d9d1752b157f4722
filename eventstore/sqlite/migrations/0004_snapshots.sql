-- Aggregate snapshots (eventstore/snapshot.go): a cache of folded states
-- beside the log, never its truth. One row per stream; a load uses it only
-- when format is the reader's and the record at version has record_id.
-- Any row may be deleted at any time (`authledger snapshots drop`).
CREATE TABLE snapshots (
    stream    TEXT    PRIMARY KEY,
    version   INTEGER NOT NULL CHECK (version >= 1),
    record_id TEXT    NOT NULL,
    format    TEXT    NOT NULL,
    data      BLOB    NOT NULL
) WITHOUT ROWID;
