-- Tenant-wide settings as typed key/value pairs.
CREATE TABLE tenant_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
