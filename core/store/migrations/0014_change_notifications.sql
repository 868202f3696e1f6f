-- PostgreSQL only: every statement that changes what an admin's pages show tells the other connections which
-- table it changed (NOTIFY authdeck_changes, the table's name), so that each Authdeck on the tenant refreshes
-- what it shows (ChangeFeed). Delivered at commit, once per table and transaction; a rolled-back change is
-- never announced. SQLite has no other connection to tell.
/*postgresql*/ CREATE FUNCTION authdeck_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('authdeck_changes', TG_TABLE_NAME); RETURN NULL; END $$;
/*postgresql*/ CREATE TRIGGER tenant_settings_changed AFTER INSERT OR UPDATE OR DELETE ON tenant_settings FOR EACH STATEMENT EXECUTE FUNCTION authdeck_notify_change();
/*postgresql*/ CREATE TRIGGER applications_changed AFTER INSERT OR UPDATE OR DELETE ON applications FOR EACH STATEMENT EXECUTE FUNCTION authdeck_notify_change();
/*postgresql*/ CREATE TRIGGER client_grants_changed AFTER INSERT OR UPDATE OR DELETE ON client_grants FOR EACH STATEMENT EXECUTE FUNCTION authdeck_notify_change();
/*postgresql*/ CREATE TRIGGER mfa_phone_factor_changed AFTER INSERT OR UPDATE OR DELETE ON mfa_phone_factor FOR EACH STATEMENT EXECUTE FUNCTION authdeck_notify_change();
/*postgresql*/ CREATE TRIGGER mfa_policies_changed AFTER INSERT OR UPDATE OR DELETE ON mfa_policies FOR EACH STATEMENT EXECUTE FUNCTION authdeck_notify_change();
/*postgresql*/ CREATE TRIGGER flow_bindings_changed AFTER INSERT OR UPDATE OR DELETE ON flow_bindings FOR EACH STATEMENT EXECUTE FUNCTION authdeck_notify_change();
