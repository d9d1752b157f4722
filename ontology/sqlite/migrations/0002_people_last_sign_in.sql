-- authledger ontology read store, schema 2: the people's last completed
-- sign-in (password, passkey or social). NULL before the first one, and for
-- people who last signed in before this column existed until their next
-- sign-in or `authledger projections rebuild`.
ALTER TABLE people ADD COLUMN last_sign_in_at TEXT;  -- NULL: none yet
