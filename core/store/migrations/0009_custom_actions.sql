-- Custom actions (Auth0 Actions written by the admin): the draft the editor saves, and its deployed versions.
-- name_key is the name in lower case, so that names are unique ignoring case. dependencies is a JSON array of
-- {"name", "version"} (npm packages); secrets is a JSON array of {"name", "updated_at"}: the names of the
-- secrets set, never their values, which live in the secret store under
-- tenant/<tenant>/action/<id>/secret/<NAME>. deployed_version is the number of the version that runs
-- (0 before the first deploy). revision is bumped by every save of the draft.
CREATE TABLE custom_actions (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    trigger_id TEXT NOT NULL,
    trigger_version TEXT NOT NULL,
    runtime TEXT NOT NULL,
    code TEXT NOT NULL DEFAULT '',
    dependencies TEXT NOT NULL DEFAULT '[]',
    secrets TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    deployed_version INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX custom_actions_by_trigger ON custom_actions (trigger_id);

-- The deployed versions of the custom actions, numbered from 1 per action. A row is written once, by a
-- deploy, and never changed: rolling back points custom_actions.deployed_version at an older number.
CREATE TABLE custom_action_versions (
    action_id TEXT NOT NULL REFERENCES custom_actions (id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    code TEXT NOT NULL,
    dependencies TEXT NOT NULL DEFAULT '[]',
    runtime TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (action_id, number)
);
