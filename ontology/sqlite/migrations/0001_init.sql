-- authledger ontology read store, schema 1.
--
-- This database is a projection of the event log: it can be deleted at any
-- time and is rebuilt by `authledger projections rebuild`.
--
-- Conventions, for analysts pointing SQL clients here:
--   * times are TEXT in UTC, RFC 3339 with nine fractional digits
--     ('2024-05-01T12:00:00.123456789Z'): they sort as text and SQLite's date
--     functions read them (datetime(created_at), unixepoch(created_at));
--   * JSON fields (data, fields, value) are TEXT holding a JSON value, NULL
--     when absent: use json_extract(data, '$.logo');
--   * booleans are INTEGER 0/1; missing text is '' (never NULL), except
--     things.expires_at, which is NULL when a thing does not expire;
--   * every filter of the HTTP API has an index ending in the sort key.

CREATE TABLE groups (
    id         TEXT NOT NULL PRIMARY KEY,
    kind       TEXT NOT NULL,          -- 'organization'
    name       TEXT NOT NULL,
    slug       TEXT NOT NULL,
    data       TEXT,                   -- JSON: logo, metadata
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX groups_by_created_at ON groups (created_at, id);
CREATE INDEX groups_by_kind ON groups (kind, created_at, id);
CREATE INDEX groups_by_slug ON groups (slug, created_at, id);

CREATE TABLE people (
    id                 TEXT NOT NULL PRIMARY KEY,
    name               TEXT NOT NULL,
    email              TEXT NOT NULL,
    email_verified     INTEGER NOT NULL,  -- 0/1
    image              TEXT NOT NULL,
    role               TEXT NOT NULL,
    status             TEXT NOT NULL,     -- 'active', 'banned', 'erased'
    two_factor_enabled INTEGER NOT NULL,  -- 0/1
    fields             TEXT,              -- JSON object: additional user fields
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX people_by_created_at ON people (created_at, id);
CREATE INDEX people_by_email ON people (email, created_at, id);
CREATE INDEX people_by_role ON people (role, created_at, id);
CREATE INDEX people_by_status ON people (status, created_at, id);

CREATE TABLE things (
    id         TEXT NOT NULL PRIMARY KEY,
    kind       TEXT NOT NULL,          -- 'session', 'passkey', 'totp', 'invitation', 'api_key'
    owner_id   TEXT NOT NULL,
    status     TEXT NOT NULL,          -- 'active', 'revoked', 'expired'
    data       TEXT,                   -- JSON
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    expires_at TEXT                    -- NULL: does not expire
) STRICT, WITHOUT ROWID;
CREATE INDEX things_by_created_at ON things (created_at, id);
CREATE INDEX things_by_kind ON things (kind, created_at, id);
CREATE INDEX things_by_owner_id ON things (owner_id, created_at, id);
CREATE INDEX things_by_status ON things (status, created_at, id);

CREATE TABLE connections (
    id         TEXT NOT NULL PRIMARY KEY,
    from_kind  TEXT NOT NULL,          -- 'person'
    from_id    TEXT NOT NULL,
    relation   TEXT NOT NULL,          -- 'has_account', 'owns', 'member_of', 'invited_to'
    to_kind    TEXT NOT NULL,          -- 'account', 'session', 'group'
    to_id      TEXT NOT NULL,
    role       TEXT NOT NULL,
    data       TEXT,                   -- JSON
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX connections_by_created_at ON connections (created_at, id);
CREATE INDEX connections_by_from_id ON connections (from_id, created_at, id);
CREATE INDEX connections_by_to_id ON connections (to_id, created_at, id);
CREATE INDEX connections_by_relation ON connections (relation, created_at, id);
CREATE INDEX connections_by_from_kind ON connections (from_kind, created_at, id);
CREATE INDEX connections_by_to_kind ON connections (to_kind, created_at, id);

-- One redacted audit row per stored event; seq is the dense order of
-- application (each index below also orders by seq, the rowid).
CREATE TABLE events (
    seq         INTEGER PRIMARY KEY,
    position    TEXT NOT NULL,         -- event store position, '<hi>.<lo>'
    occurred_at TEXT NOT NULL,
    type        TEXT NOT NULL,         -- 'person.signed_up', …
    stream      TEXT NOT NULL,
    actor       TEXT NOT NULL,
    subject     TEXT NOT NULL,
    group_id    TEXT NOT NULL,
    outcome     TEXT NOT NULL,         -- 'success', 'failure'
    request_id  TEXT NOT NULL
) STRICT;
CREATE INDEX events_by_type ON events (type);
CREATE INDEX events_by_stream ON events (stream);
CREATE INDEX events_by_actor ON events (actor);
CREATE INDEX events_by_subject ON events (subject);
CREATE INDEX events_by_group_id ON events (group_id);
CREATE INDEX events_by_outcome ON events (outcome);
CREATE INDEX events_by_occurred_at ON events (occurred_at);

CREATE TABLE knowledge (
    subject_id TEXT NOT NULL,
    key        TEXT NOT NULL,          -- 'last_sign_in_at', 'failed_sign_ins', …
    value      TEXT,                   -- JSON
    updated_at TEXT NOT NULL,
    PRIMARY KEY (subject_id, key)
) STRICT, WITHOUT ROWID;
CREATE INDEX knowledge_by_key ON knowledge (key, subject_id);

-- Each projector's position, committed with the rows it produced.
CREATE TABLE checkpoints (
    projector  TEXT NOT NULL PRIMARY KEY,  -- 'people.v1'
    position   TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;
