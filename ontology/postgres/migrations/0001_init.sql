-- authledger ontology read store, schema 1 (PostgreSQL).
--
-- Runs with search_path set to the store's schema (default "ontology"), so
-- names here are unqualified. This schema is a projection of the event log:
-- it can be dropped at any time and is rebuilt by
-- `authledger projections rebuild`.
--
-- Conventions, for analysts:
--   * times are timestamptz (microsecond precision, UTC);
--   * JSON fields (data, fields, value) are jsonb, NULL when absent;
--   * booleans are boolean; missing text is '' (never NULL), except
--     things.expires_at, which is NULL when a thing does not expire;
--   * text columns use COLLATE "C" (byte order): ids and cursors sort the
--     same as in the other adapters, and prefix filters use the indexes;
--   * every filter of the HTTP API has an index ending in the sort key.

CREATE TABLE groups (
    id         text COLLATE "C" NOT NULL PRIMARY KEY,
    kind       text COLLATE "C" NOT NULL,
    name       text COLLATE "C" NOT NULL,
    slug       text COLLATE "C" NOT NULL,
    data       jsonb,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE INDEX groups_by_created_at ON groups (created_at, id);
CREATE INDEX groups_by_kind ON groups (kind, created_at, id);
CREATE INDEX groups_by_slug ON groups (slug, created_at, id);
COMMENT ON TABLE groups IS 'Organizations (later teams), one row per group; fed by group.* events.';
COMMENT ON COLUMN groups.id IS 'Group id.';
COMMENT ON COLUMN groups.kind IS '''organization'' (later ''team'').';
COMMENT ON COLUMN groups.name IS 'Display name.';
COMMENT ON COLUMN groups.slug IS 'URL slug, unique among live organizations.';
COMMENT ON COLUMN groups.data IS 'JSON: logo, metadata; NULL when none.';
COMMENT ON COLUMN groups.created_at IS 'When the group was created.';
COMMENT ON COLUMN groups.updated_at IS 'When the row last changed.';

CREATE TABLE people (
    id                 text COLLATE "C" NOT NULL PRIMARY KEY,
    name               text COLLATE "C" NOT NULL,
    email              text COLLATE "C" NOT NULL,
    email_verified     boolean NOT NULL,
    image              text COLLATE "C" NOT NULL,
    role               text COLLATE "C" NOT NULL,
    status             text COLLATE "C" NOT NULL,
    two_factor_enabled boolean NOT NULL,
    fields             jsonb,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL
);
CREATE INDEX people_by_created_at ON people (created_at, id);
CREATE INDEX people_by_email ON people (email, created_at, id);
CREATE INDEX people_by_role ON people (role, created_at, id);
CREATE INDEX people_by_status ON people (status, created_at, id);
COMMENT ON TABLE people IS 'Users, one row per person; fed by person.* events. Erased people have no row.';
COMMENT ON COLUMN people.id IS 'Person id.';
COMMENT ON COLUMN people.name IS 'Display name (personal data).';
COMMENT ON COLUMN people.email IS 'Email address (personal data).';
COMMENT ON COLUMN people.email_verified IS 'Whether the email address was verified.';
COMMENT ON COLUMN people.image IS 'Avatar URL, '''' when none.';
COMMENT ON COLUMN people.role IS '''user'', ''admin'', ...';
COMMENT ON COLUMN people.status IS '''active'', ''banned''.';
COMMENT ON COLUMN people.two_factor_enabled IS 'Whether two-factor authentication is on.';
COMMENT ON COLUMN people.fields IS 'JSON object of additional user fields; NULL when none.';
COMMENT ON COLUMN people.created_at IS 'Sign-up time.';
COMMENT ON COLUMN people.updated_at IS 'When the row last changed.';

CREATE TABLE things (
    id         text COLLATE "C" NOT NULL PRIMARY KEY,
    kind       text COLLATE "C" NOT NULL,
    owner_id   text COLLATE "C" NOT NULL,
    status     text COLLATE "C" NOT NULL,
    data       jsonb,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    expires_at timestamptz
);
CREATE INDEX things_by_created_at ON things (created_at, id);
CREATE INDEX things_by_kind ON things (kind, created_at, id);
CREATE INDEX things_by_owner_id ON things (owner_id, created_at, id);
CREATE INDEX things_by_status ON things (status, created_at, id);
COMMENT ON TABLE things IS 'Owned objects: sessions, passkeys, TOTP factors, invitations, API keys.';
COMMENT ON COLUMN things.id IS 'Thing id.';
COMMENT ON COLUMN things.kind IS '''session'', ''passkey'', ''totp'', ''invitation'', ''api_key''.';
COMMENT ON COLUMN things.owner_id IS 'Id of the owning person (people.id) or group.';
COMMENT ON COLUMN things.status IS '''active'', ''revoked'', ''expired''.';
COMMENT ON COLUMN things.data IS 'JSON details (never secrets); NULL when none.';
COMMENT ON COLUMN things.created_at IS 'When the thing was created.';
COMMENT ON COLUMN things.updated_at IS 'When the row last changed.';
COMMENT ON COLUMN things.expires_at IS 'Expiry time; NULL when it does not expire.';

CREATE TABLE connections (
    id         text COLLATE "C" NOT NULL PRIMARY KEY,
    from_kind  text COLLATE "C" NOT NULL,
    from_id    text COLLATE "C" NOT NULL,
    relation   text COLLATE "C" NOT NULL,
    to_kind    text COLLATE "C" NOT NULL,
    to_id      text COLLATE "C" NOT NULL,
    role       text COLLATE "C" NOT NULL,
    data       jsonb,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE INDEX connections_by_created_at ON connections (created_at, id);
CREATE INDEX connections_by_from_id ON connections (from_id, created_at, id);
CREATE INDEX connections_by_to_id ON connections (to_id, created_at, id);
CREATE INDEX connections_by_relation ON connections (relation, created_at, id);
CREATE INDEX connections_by_from_kind ON connections (from_kind, created_at, id);
CREATE INDEX connections_by_to_kind ON connections (to_kind, created_at, id);
COMMENT ON TABLE connections IS 'Edges: person member_of group (with role), person has_account account, person owns thing, invited_to.';
COMMENT ON COLUMN connections.id IS 'Connection id.';
COMMENT ON COLUMN connections.from_kind IS 'Kind of the source entity: ''person''.';
COMMENT ON COLUMN connections.from_id IS 'Id of the source entity.';
COMMENT ON COLUMN connections.relation IS '''member_of'', ''has_account'', ''owns'', ''invited_to''.';
COMMENT ON COLUMN connections.to_kind IS 'Kind of the target entity: ''group'', ''account'', ''session'', ...';
COMMENT ON COLUMN connections.to_id IS 'Id of the target entity.';
COMMENT ON COLUMN connections.role IS 'Role on the edge (membership role), '''' when none.';
COMMENT ON COLUMN connections.data IS 'JSON details; NULL when none.';
COMMENT ON COLUMN connections.created_at IS 'When the edge was created.';
COMMENT ON COLUMN connections.updated_at IS 'When the row last changed.';

CREATE TABLE events (
    seq         bigint NOT NULL PRIMARY KEY,
    position    text COLLATE "C" NOT NULL,
    occurred_at timestamptz NOT NULL,
    type        text COLLATE "C" NOT NULL,
    stream      text COLLATE "C" NOT NULL,
    actor       text COLLATE "C" NOT NULL,
    subject     text COLLATE "C" NOT NULL,
    group_id    text COLLATE "C" NOT NULL,
    outcome     text COLLATE "C" NOT NULL,
    request_id  text COLLATE "C" NOT NULL
);
CREATE INDEX events_by_type ON events (type, seq);
CREATE INDEX events_by_stream ON events (stream, seq);
CREATE INDEX events_by_actor ON events (actor, seq);
CREATE INDEX events_by_subject ON events (subject, seq);
CREATE INDEX events_by_group_id ON events (group_id, seq);
CREATE INDEX events_by_outcome ON events (outcome, seq);
CREATE INDEX events_by_occurred_at ON events (occurred_at);
COMMENT ON TABLE events IS 'One redacted audit row per stored event (no personal data), in order of application.';
COMMENT ON COLUMN events.seq IS 'Dense 1-based order of application; the pagination key.';
COMMENT ON COLUMN events.position IS 'Event store position (text form).';
COMMENT ON COLUMN events.occurred_at IS 'When the event happened.';
COMMENT ON COLUMN events.type IS 'Event type, dotted and past tense: ''person.signed_up'', ''account.sign_in_succeeded'', ...';
COMMENT ON COLUMN events.stream IS 'Event stream: ''person-<id>'', ''session-<id>'', ''group-<id>'', ...';
COMMENT ON COLUMN events.actor IS 'Who did it (an opaque id), '''' when unknown.';
COMMENT ON COLUMN events.subject IS 'Whom or what it is about (an opaque id), '''' when none.';
COMMENT ON COLUMN events.group_id IS 'Group it happened in, '''' when none.';
COMMENT ON COLUMN events.outcome IS '''success'' or ''failure''.';
COMMENT ON COLUMN events.request_id IS 'Request id of the command, '''' when none.';

CREATE TABLE knowledge (
    subject_id text COLLATE "C" NOT NULL,
    key        text COLLATE "C" NOT NULL,
    value      jsonb,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (subject_id, key)
);
CREATE INDEX knowledge_by_key ON knowledge (key, subject_id);
COMMENT ON TABLE knowledge IS 'Derived facts per subject: last sign-in, failed attempts, MFA methods, preferences.';
COMMENT ON COLUMN knowledge.subject_id IS 'Id the fact is about (usually people.id).';
COMMENT ON COLUMN knowledge.key IS '''last_sign_in_at'', ''failed_sign_ins'', ''password_changed_at'', ...';
COMMENT ON COLUMN knowledge.value IS 'JSON value of the fact.';
COMMENT ON COLUMN knowledge.updated_at IS 'When the fact last changed.';

CREATE TABLE checkpoints (
    projector  text COLLATE "C" NOT NULL PRIMARY KEY,
    position   text COLLATE "C" NOT NULL,
    updated_at timestamptz NOT NULL
);
COMMENT ON TABLE checkpoints IS 'Each projector''s event store position, committed with the rows it produced.';
COMMENT ON COLUMN checkpoints.projector IS 'Versioned projector name: ''people.v1''.';
COMMENT ON COLUMN checkpoints.position IS 'Last applied event store position (text form).';
COMMENT ON COLUMN checkpoints.updated_at IS 'When the checkpoint last moved.';
