-- RFC 3161 time-stamp tokens of the chain's checkpoints (see
-- eventstore/chain/anchor): one per checkpoint count, never updated or
-- deleted.
CREATE TABLE chain_anchors (
    count INTEGER PRIMARY KEY,           -- the anchored checkpoint's count
    token BLOB    NOT NULL               -- DER TimeStampToken
);

CREATE TRIGGER chain_anchors_no_update BEFORE UPDATE ON chain_anchors
BEGIN SELECT RAISE(ABORT, 'chain anchors are immutable'); END;

CREATE TRIGGER chain_anchors_no_delete BEFORE DELETE ON chain_anchors
BEGIN SELECT RAISE(ABORT, 'chain anchors are immutable'); END;
