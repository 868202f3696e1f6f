-- Installed integrations (Auth0 Marketplace actions such as Plivo).
-- configuration is a JSON object of the non-secret inputs (e.g. {"PLIVO_NUMBER": "+15554443232"});
-- secrets_set is a JSON array of the names of the secrets set. Secret values are never stored here:
-- they live in the secret store under tenant/<tenant>/integrations/<id>/<NAME>.
CREATE TABLE integrations (
    id TEXT PRIMARY KEY,
    catalog_id TEXT NOT NULL,
    name TEXT NOT NULL,
    trigger_id TEXT NOT NULL,
    configuration TEXT NOT NULL DEFAULT '{}',
    secrets_set TEXT NOT NULL DEFAULT '[]',
    use_sandbox INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1
);

-- A catalog entry is installed at most once per tenant.
CREATE UNIQUE INDEX integrations_by_catalog_id ON integrations (catalog_id);
