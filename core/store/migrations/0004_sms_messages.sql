-- SMS messages sent through Plivo and their delivery states, for logs and the try-login timeline.
-- The message text is never stored: it carries one-time codes. Times are ISO 8601 UTC text.
CREATE TABLE sms_messages (
    uuid TEXT PRIMARY KEY,
    to_number TEXT NOT NULL,
    from_number TEXT NOT NULL,
    state TEXT NOT NULL,
    error_code TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX sms_messages_by_created ON sms_messages (created_at);
