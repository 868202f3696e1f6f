-- Multi-factor authentication. The Phone Message factor (Auth0's Guardian factor "sms") is one row,
-- id 1; without it the factor has its defaults (off, Custom, SMS, Auth0's templates).
-- provider is Auth0's selected-provider value; message_types a JSON array of strings.
CREATE TABLE mfa_phone_factor (
    id INTEGER PRIMARY KEY,
    enabled INTEGER NOT NULL DEFAULT 0,
    provider TEXT NOT NULL,
    message_types TEXT NOT NULL DEFAULT '["sms"]',
    enrollment_template TEXT NOT NULL,
    verification_template TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Auth0's guardian/policies, one row per value ('all-applications'); no row is "Never".
CREATE TABLE mfa_policies (
    policy TEXT PRIMARY KEY
);
