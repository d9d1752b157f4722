-- The audit hash chain (see eventstore/chain): one link per record, in
-- global order, and the signed checkpoints. Rows are never updated or
-- deleted.
CREATE TABLE chain_links (
    seq      INTEGER PRIMARY KEY,        -- 1-based index in the chain
    position INTEGER NOT NULL UNIQUE,    -- events.pos of the linked record
    hash     BLOB    NOT NULL CHECK (length(hash) = 32)
);

CREATE TABLE chain_checkpoints (
    count     INTEGER PRIMARY KEY,       -- links covered (seq of the signed link)
    position  INTEGER NOT NULL,
    hash      BLOB    NOT NULL CHECK (length(hash) = 32),
    signed_at INTEGER NOT NULL,          -- unix nanoseconds
    signature BLOB    NOT NULL
);

CREATE TRIGGER chain_links_no_update BEFORE UPDATE ON chain_links
BEGIN SELECT RAISE(ABORT, 'chain links are immutable'); END;

CREATE TRIGGER chain_links_no_delete BEFORE DELETE ON chain_links
BEGIN SELECT RAISE(ABORT, 'chain links are immutable'); END;

CREATE TRIGGER chain_checkpoints_no_update BEFORE UPDATE ON chain_checkpoints
BEGIN SELECT RAISE(ABORT, 'chain checkpoints are immutable'); END;

CREATE TRIGGER chain_checkpoints_no_delete BEFORE DELETE ON chain_checkpoints
BEGIN SELECT RAISE(ABORT, 'chain checkpoints are immutable'); END;
