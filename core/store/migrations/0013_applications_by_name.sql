-- The applications in name order (the Applications page, GET /api/v2/clients, the export) read from one index,
-- ties included, so that a page at any offset walks the index instead of sorting the applications.
DROP INDEX applications_by_name;
CREATE INDEX applications_by_name ON applications (lower(name), client_id);
