-- Applied with search_path set to the store's schema (default "eventstore").

-- The event log. The global position is (tx_id, seq): tx_id is the id of the
-- writing transaction, seq an identity in insertion order. Readers see a row
-- only once every transaction that could still write a smaller tx_id has
-- ended (see horizon.go), so a reader never skips a position.
-- data and meta are stored as the exact bytes appended (bytea): the audit
-- hash chain hashes them, and jsonb would normalize them. For ad-hoc SQL use
-- convert_from(data, 'UTF8')::jsonb.
CREATE TABLE events (
    tx_id       xid8        NOT NULL DEFAULT pg_current_xact_id(),
    seq         bigint      GENERATED ALWAYS AS IDENTITY,
    id          text        NOT NULL,
    stream      text        NOT NULL,
    version     bigint      NOT NULL CHECK (version >= 1),
    type        text        NOT NULL,
    schema      integer     NOT NULL,
    data        bytea       NOT NULL,
    meta        bytea,
    key_ref     text        NOT NULL DEFAULT '',
    occurred_at bigint,                                      -- unix nanoseconds, NULL for the zero time
    recorded_at timestamptz NOT NULL DEFAULT statement_timestamp(),
    CONSTRAINT events_position PRIMARY KEY (tx_id, seq),
    CONSTRAINT events_stream_version UNIQUE (stream, version)
);

CREATE FUNCTION events_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'events are immutable' USING ERRCODE = 'restrict_violation';
END
$$;

CREATE TRIGGER events_no_change BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION events_immutable();

CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION events_immutable();

-- Fails the statement (and so the append's implicit transaction) with a
-- custom SQLSTATE: ALWEV wrong expected version, ALCLM claim taken.
CREATE FUNCTION append_conflict(code text) RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'append conflict %', code USING ERRCODE = code;
END
$$;

-- Current version of every stream that has events; appends lock its row,
-- which serializes writers of one stream and checks the expected version.
CREATE TABLE streams (
    stream  text   PRIMARY KEY,
    version bigint NOT NULL CHECK (version >= 1)
);

-- Uniqueness claims: (kind, HMAC of the normalized value) → owner stream.
CREATE TABLE claims (
    kind  text NOT NULL,
    key   text NOT NULL,
    owner text NOT NULL,
    PRIMARY KEY (kind, key)
);

-- Wrapped (KEK-encrypted) per-subject data keys, outside the log so that
-- deleting a row shreds the subject's personal data.
CREATE TABLE keystore (
    subject    text        PRIMARY KEY,
    wrapped    bytea       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
