-- Runs of the action flows (Auth0's actions/executions), for logs and the try-login timeline.
-- status is 'final' (every action succeeded), 'partial' (some did, then one failed) or 'failed'.
-- event is the trigger's event as JSON without secrets, and for send-phone-message without the one-time
-- code and the message text (message_options.code and .text are left out). Times are ISO 8601 UTC text.
CREATE TABLE executions (
    id TEXT PRIMARY KEY,
    trigger_id TEXT NOT NULL,
    status TEXT NOT NULL,
    error TEXT NOT NULL DEFAULT '',
    event TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX executions_by_created ON executions (created_at);

-- One row per action run, position 0 first. message_uuid and delivery_state follow the SMS an action
-- handed to Plivo ('' when none).
CREATE TABLE execution_results (
    execution_id TEXT NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    action_id TEXT NOT NULL DEFAULT '',
    action_name TEXT NOT NULL,
    started_at TEXT NOT NULL,
    ended_at TEXT NOT NULL,
    succeeded INTEGER NOT NULL DEFAULT 0,
    error TEXT NOT NULL DEFAULT '',
    message_uuid TEXT NOT NULL DEFAULT '',
    delivery_state TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (execution_id, position)
);
