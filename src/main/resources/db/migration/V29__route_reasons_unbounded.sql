-- A routed party's reasons are those of every rule that named it, one a line. Each rule's reason is at most 500
-- characters but a rule set may hold any number of rules naming the same recipient, and more than four of them
-- together overflowed varchar(2000): every raise they matched, and every re-routing, failed with a 500. As text they
-- are kept whole. varchar to text is binary-compatible, so PostgreSQL changes only the catalogue, not the rows; it
-- still takes the table's lock for a moment, so a lock not had within 5 s (behind a long transaction) fails the
-- migration, to be run again at the next start. Instances of the release before keep working beside the new ones.
set local lock_timeout = '5s';

alter table incident_route alter column reasons type text;
