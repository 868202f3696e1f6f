-- The Users and Logs pages read a page of rows at a time (100,000 users, 1,000,000 log events).

-- "Email contains" from an index: a trigram index of users.email_key (three characters or more). The user's
-- id is indexed too, so that the triggers that keep it in step with users find a user's row at once.
-- SQLite's FTS5 only: on PostgreSQL the search walks the emails in order (SqlDialect::hasUserSearchIndex).
/*sqlite*/ CREATE VIRTUAL TABLE users_search USING fts5(email_key, id, tokenize = 'trigram');
/*sqlite*/ INSERT INTO users_search (email_key, id) SELECT email_key, id FROM users;
/*sqlite*/ CREATE TRIGGER users_search_insert AFTER INSERT ON users BEGIN INSERT INTO users_search (email_key, id) VALUES (new.email_key, new.id); END;
/*sqlite*/ CREATE TRIGGER users_search_delete AFTER DELETE ON users BEGIN DELETE FROM users_search WHERE users_search MATCH 'id : "' || replace(old.id, '"', '""') || '"' AND id = old.id; END;
/*sqlite*/ CREATE TRIGGER users_search_update AFTER UPDATE OF email_key, id ON users BEGIN DELETE FROM users_search WHERE users_search MATCH 'id : "' || replace(old.id, '"', '""') || '"' AND id = old.id; INSERT INTO users_search (email_key, id) VALUES (new.email_key, new.id); END;

-- Logs newest first, a page after another: (date, log_id) is the list's order without a sort. The user
-- columns let a filter by user be checked on the index alone while it is scanned.
DROP INDEX logs_by_date;
CREATE INDEX logs_by_date ON logs (date, log_id, user_name, user_id);
DROP INDEX logs_by_type;
CREATE INDEX logs_by_type ON logs (type, date, log_id);
-- The filter by user: the start of the user name or id, in any case (SqlDialect::caselessRange).
/*sqlite*/ CREATE INDEX logs_by_user_name ON logs (user_name COLLATE NOCASE);
/*sqlite*/ CREATE INDEX logs_by_user_id ON logs (user_id COLLATE NOCASE);
/*postgresql*/ CREATE INDEX logs_by_user_name ON logs ((lower(user_name) COLLATE "C"));
/*postgresql*/ CREATE INDEX logs_by_user_id ON logs ((lower(user_id) COLLATE "C"));
