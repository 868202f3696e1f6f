# Suites of custom actions: drafts, versions, secrets, npm dependencies.
