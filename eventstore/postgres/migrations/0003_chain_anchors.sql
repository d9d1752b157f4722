-- RFC 3161 time-stamp tokens of the chain's checkpoints (see
-- eventstore/chain/anchor): one per checkpoint count, never updated or
-- deleted.
CREATE TABLE chain_anchors (
    count bigint PRIMARY KEY CHECK (count >= 1), -- the anchored checkpoint's count
    token bytea  NOT NULL                        -- DER TimeStampToken
);

CREATE TRIGGER chain_anchors_no_change BEFORE UPDATE OR DELETE ON chain_anchors
    FOR EACH ROW EXECUTE FUNCTION chain_immutable();
CREATE TRIGGER chain_anchors_no_truncate BEFORE TRUNCATE ON chain_anchors
    FOR EACH STATEMENT EXECUTE FUNCTION chain_immutable();
