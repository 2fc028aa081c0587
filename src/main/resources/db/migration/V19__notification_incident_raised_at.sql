-- When each email's incident was raised, written with the email: its Thread-Index names the incident's conversation
-- by it. The dispatcher read it by joining each claimed batch to incident, and on a new database, whose statistics
-- still describe an empty table, that join scanned the whole of incident once a batch. Rows written without it
-- (before this migration, or by an older instance during a rolling update) are looked up one by one.
alter table notification add column incident_raised_at timestamptz;
