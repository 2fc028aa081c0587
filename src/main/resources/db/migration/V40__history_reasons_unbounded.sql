-- A history entry's reason is often a caller's text of up to 2000 characters with the service's words around it
-- ("FIXED: " and the resolution's summary, a duplicate's reference, "resolved with major incident ..."). Cut to
-- 2000, the longest summaries lost their end; and once the incident was reopened, which clears the summary it shows,
-- the history was the only copy left. As text they are kept whole. As in V29, varchar to text changes only the
-- catalogue; the table's lock is taken for a moment, within 5 s or the migration fails and is run again at the next
-- start. Instances of the release before keep working beside the new ones, cutting their reasons as before.
set local lock_timeout = '5s';

alter table incident_history alter column reason type text;
