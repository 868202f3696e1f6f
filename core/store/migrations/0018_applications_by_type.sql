-- The first application of a type in name order (ApplicationRepository::firstOfType, which the Getting Started
-- checklist asks for at every start) from an index instead of a walk of every application: all of a type, and
-- those of a type with their callback URLs and web origins set (a partial index, whose condition is the query's).
CREATE INDEX applications_by_type ON applications (app_type, lower(name), client_id);
CREATE INDEX applications_with_urls_by_type ON applications (app_type, lower(name), client_id) WHERE callbacks <> '[]' AND web_origins <> '[]';
