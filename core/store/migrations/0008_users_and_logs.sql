-- The database connection's users (Auth0's Username-Password-Authentication). id is "auth0|<24 hex>";
-- email_key is the email in lower case, unique. password_hash is an Argon2id string (never the password).
-- Times are ISO 8601 UTC text, '' for none. phone_number is the enrolled Phone Message factor in E.164.
CREATE TABLE users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL,
    email_key TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    last_login TEXT NOT NULL DEFAULT '',
    logins_count INTEGER NOT NULL DEFAULT 0,
    blocked INTEGER NOT NULL DEFAULT 0,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT NOT NULL DEFAULT '',
    phone_number TEXT NOT NULL DEFAULT '',
    phone_enrolled_at TEXT NOT NULL DEFAULT ''
);

-- The tenant's log events (Auth0's logs), fields as its log schemas. details is JSON; phone numbers in
-- it are masked, and it never holds a password, a code or a secret.
CREATE TABLE logs (
    log_id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    date TEXT NOT NULL,
    client_id TEXT NOT NULL DEFAULT '',
    client_name TEXT NOT NULL DEFAULT '',
    user_id TEXT NOT NULL DEFAULT '',
    user_name TEXT NOT NULL DEFAULT '',
    ip TEXT NOT NULL DEFAULT '',
    user_agent TEXT NOT NULL DEFAULT '',
    details TEXT NOT NULL DEFAULT '{}'
);

CREATE INDEX logs_by_date ON logs (date);
CREATE INDEX logs_by_type ON logs (type, date);
CREATE INDEX logs_by_user ON logs (user_id, date);

-- Settings of the login engine, one row with id 1; without it sign-ups are on.
CREATE TABLE login_settings (
    id INTEGER PRIMARY KEY,
    signups_enabled INTEGER NOT NULL DEFAULT 1
);
