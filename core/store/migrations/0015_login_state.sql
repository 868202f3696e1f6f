-- What a login server must share with the other login servers of the tenant, so that a login started on one
-- finishes on another and a limit holds on all of them. Codes and tokens are kept only as SHA-256 hashes (hex),
-- one-time codes only as a keyed BLAKE2b hash with its salt.

-- A login between two pages: its data (JSON), a version that each step moves on, and the claim of the
-- server working on a step (until claimed_until; '' when none), so that two servers never run one login's step.
CREATE TABLE pending_logins (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    claimed_until TEXT NOT NULL DEFAULT '',
    last_used TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX pending_logins_by_last_used ON pending_logins (last_used);

-- Browsers' login sessions, by the hash of the cookie's value.
CREATE TABLE login_sessions (
    id_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    auth_time TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    claims TEXT NOT NULL
);
CREATE INDEX login_sessions_by_user ON login_sessions (user_id);

-- Authorization codes (kind 'code'), refresh tokens ('refresh') and opaque access tokens ('access'), by hash.
-- spent: a code redeemed, a refresh token rotated (kept until it expires, so that a reuse is recognised).
CREATE TABLE login_grants (
    token_hash TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    family TEXT NOT NULL DEFAULT '',
    grant_data TEXT NOT NULL,
    redirect_uri TEXT NOT NULL DEFAULT '',
    code_challenge TEXT NOT NULL DEFAULT '',
    expires_at TEXT NOT NULL,
    spent INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX login_grants_by_family ON login_grants (family);
CREATE INDEX login_grants_by_expiry ON login_grants (expires_at);

-- The Phone Message factor's pending code of each user, its wrong tries and lock, and the codes sent.
CREATE TABLE otp_codes (
    user_id TEXT PRIMARY KEY,
    salt TEXT NOT NULL DEFAULT '',
    code_hash TEXT NOT NULL DEFAULT '',
    issued_at TEXT NOT NULL DEFAULT '',
    failures INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT NOT NULL DEFAULT ''
);
CREATE TABLE otp_sends (
    user_id TEXT NOT NULL,
    sent_at TEXT NOT NULL
);
CREATE INDEX otp_sends_by_user ON otp_sends (user_id, sent_at);

-- Token buckets of the rate limits (thousandths of a request, refilled since at_ms, epoch milliseconds: 64 bits,
-- which SQLite's INTEGER always is and PostgreSQL spells BIGINT).
/*sqlite*/ CREATE TABLE rate_buckets (bucket TEXT PRIMARY KEY, milli_tokens INTEGER NOT NULL, at_ms INTEGER NOT NULL, allowed INTEGER NOT NULL DEFAULT 1);
/*postgresql*/ CREATE TABLE rate_buckets (bucket TEXT PRIMARY KEY, milli_tokens BIGINT NOT NULL, at_ms BIGINT NOT NULL, allowed INTEGER NOT NULL DEFAULT 1);
