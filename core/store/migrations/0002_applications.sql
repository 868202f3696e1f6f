-- Applications (Auth0 "clients"). URL lists and grant types are JSON arrays of strings.
-- The client secret is never stored here: it lives in the secret store.
CREATE TABLE applications (
    client_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    app_type TEXT NOT NULL,
    technology TEXT NOT NULL DEFAULT '',
    callbacks TEXT NOT NULL DEFAULT '[]',
    allowed_logout_urls TEXT NOT NULL DEFAULT '[]',
    web_origins TEXT NOT NULL DEFAULT '[]',
    grant_types TEXT NOT NULL DEFAULT '[]',
    token_endpoint_auth_method TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1
);

CREATE INDEX applications_by_name ON applications (lower(name));
