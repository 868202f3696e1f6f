-- PostgreSQL only: the users, the integrations and the custom actions are announced to the other Authdecks on
-- the tenant as well (see migration 14). A login's own updates of a user (its counters, its failed-login lock)
-- are not: only a change an admin's Users page shows as one (email, block, the Phone Message enrollment), an
-- added user (an admin's or a sign-up) and a removed one.
/*postgresql*/ CREATE TRIGGER users_added_or_removed AFTER INSERT OR DELETE ON users FOR EACH STATEMENT EXECUTE FUNCTION authdeck_notify_change();
/*postgresql*/ CREATE TRIGGER users_changed AFTER UPDATE ON users FOR EACH ROW WHEN (OLD.email IS DISTINCT FROM NEW.email OR OLD.blocked IS DISTINCT FROM NEW.blocked OR OLD.phone_number IS DISTINCT FROM NEW.phone_number) EXECUTE FUNCTION authdeck_notify_change();
/*postgresql*/ CREATE TRIGGER integrations_changed AFTER INSERT OR UPDATE OR DELETE ON integrations FOR EACH STATEMENT EXECUTE FUNCTION authdeck_notify_change();
/*postgresql*/ CREATE TRIGGER custom_actions_changed AFTER INSERT OR UPDATE OR DELETE ON custom_actions FOR EACH STATEMENT EXECUTE FUNCTION authdeck_notify_change();
/*postgresql*/ CREATE TRIGGER custom_action_versions_changed AFTER INSERT OR UPDATE OR DELETE ON custom_action_versions FOR EACH STATEMENT EXECUTE FUNCTION authdeck_notify_change();
