-- The event log. pos is the rowid and the global position (Lo; Hi is 0).
-- Rows are never updated or deleted (see the triggers below).
CREATE TABLE events (
    pos         INTEGER PRIMARY KEY,
    id          TEXT    NOT NULL,
    stream      TEXT    NOT NULL,
    version     INTEGER NOT NULL CHECK (version >= 1),
    type        TEXT    NOT NULL,
    schema      INTEGER NOT NULL,
    data        TEXT    NOT NULL,
    meta        TEXT,
    key_ref     TEXT    NOT NULL DEFAULT '',
    occurred_at INTEGER,          -- unix nanoseconds, NULL for the zero time
    recorded_at INTEGER NOT NULL, -- unix nanoseconds
    UNIQUE (stream, version)
);

CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are immutable'); END;

CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are immutable'); END;

-- Current version of every stream.
CREATE TABLE streams (
    stream  TEXT    PRIMARY KEY,
    version INTEGER NOT NULL
) WITHOUT ROWID;

-- Uniqueness claims: (kind, HMAC of the normalized value) → owner stream.
CREATE TABLE claims (
    kind  TEXT NOT NULL,
    key   TEXT NOT NULL,
    owner TEXT NOT NULL,
    PRIMARY KEY (kind, key)
) WITHOUT ROWID;

-- Wrapped (KEK-encrypted) per-subject data keys, outside the log so that
-- deleting a row shreds the subject's personal data.
CREATE TABLE keystore (
    subject    TEXT    PRIMARY KEY,
    wrapped    BLOB    NOT NULL,
    created_at INTEGER NOT NULL -- unix nanoseconds
) WITHOUT ROWID;
