-- The keyring has no transactions with the tenant: a secret is written or removed there, and its record here,
-- in two steps. While a change of a secret is under way, its key has a row here, written before the keyring is
-- touched and removed in the same transaction as the record (or once the keyring step is done). A row whose
-- writer died is what a crash left between the two steps: the next open compares the keyring with the records
-- and repairs or reports the difference (SecretRecovery). writer: the process (host, pid and start time); change:
-- the change that noted the row, so that the end of an earlier change of the same key does not settle a later one.
CREATE TABLE secret_journal (
    secret_key TEXT PRIMARY KEY,
    owner_kind TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    name TEXT NOT NULL,
    operation TEXT NOT NULL,
    writer TEXT NOT NULL,
    change_id TEXT NOT NULL,
    started_at TEXT NOT NULL
);
