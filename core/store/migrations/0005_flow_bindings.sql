-- The flows of the action triggers: which actions run, in which order (position 0 runs first).
-- kind is 'integration' or 'custom'; action_id is the integration id (or the custom action id);
-- version is the deployed version bound for a custom action, 0 for an integration.
-- A flow is always written whole (Auth0's PATCH bindings replaces the list).
CREATE TABLE flow_bindings (
    trigger_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    action_id TEXT NOT NULL,
    display_name TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (trigger_id, position)
);

CREATE INDEX flow_bindings_by_action ON flow_bindings (action_id);
