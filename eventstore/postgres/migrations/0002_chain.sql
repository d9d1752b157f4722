-- The audit hash chain (see eventstore/chain): one link per record, in
-- global order, and the signed checkpoints. A position is (tx_id, pos_seq)
-- as in events. Rows are never updated or deleted.
CREATE TABLE chain_links (
    seq     bigint PRIMARY KEY CHECK (seq >= 1), -- 1-based index in the chain
    tx_id   xid8   NOT NULL,
    pos_seq bigint NOT NULL,
    hash    bytea  NOT NULL CHECK (length(hash) = 32),
    CONSTRAINT chain_links_position UNIQUE (tx_id, pos_seq)
);

CREATE TABLE chain_checkpoints (
    count     bigint PRIMARY KEY CHECK (count >= 1), -- links covered (seq of the signed link)
    tx_id     xid8   NOT NULL,
    pos_seq   bigint NOT NULL,
    hash      bytea  NOT NULL CHECK (length(hash) = 32),
    signed_at bigint NOT NULL,                       -- unix nanoseconds
    signature bytea  NOT NULL
);

CREATE FUNCTION chain_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit chain is immutable' USING ERRCODE = 'restrict_violation';
END
$$;

CREATE TRIGGER chain_links_no_change BEFORE UPDATE OR DELETE ON chain_links
    FOR EACH ROW EXECUTE FUNCTION chain_immutable();
CREATE TRIGGER chain_links_no_truncate BEFORE TRUNCATE ON chain_links
    FOR EACH STATEMENT EXECUTE FUNCTION chain_immutable();
CREATE TRIGGER chain_checkpoints_no_change BEFORE UPDATE OR DELETE ON chain_checkpoints
    FOR EACH ROW EXECUTE FUNCTION chain_immutable();
CREATE TRIGGER chain_checkpoints_no_truncate BEFORE TRUNCATE ON chain_checkpoints
    FOR EACH STATEMENT EXECUTE FUNCTION chain_immutable();
