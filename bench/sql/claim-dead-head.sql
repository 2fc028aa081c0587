-- What the email claim reads past when many emails were sent since the last vacuum (bench/README.md, machine U):
-- writes 500,000 emails on the database's first incident, leases them and records them sent (two dead entries each
-- in notification_pending_idx), writes 50 due now, then shows the claim's scan from the head and from a floor 12 s
-- back (ADR 0017), each twice (the first run marks the dead entries; the second is the claim as it then runs), and
-- deletes what it wrote. Run on a database bench/raise.sh has left:
--   psql -h 127.0.0.1 -U postgres -d incidents_bench -f bench/sql/claim-dead-head.sql
select min(id) as incident from incident \gset
select min(id) as history from incident_history where incident_id = :incident \gset
insert into notification (id, incident_id, history_id, event, recipient_email, subject, body_text, body_html, status,
    attempts, next_attempt_at, created_at)
select nextval('notification_seq') + 100000000, :incident, :history, 'DEAD_HEAD', 'r' || n || '@dead-head.example', 's',
    't', '<p>h</p>', 'PENDING', 0, now() - interval '2 hours' + n * interval '10 ms', now()
from generate_series(1, 500000) n;
update notification set next_attempt_at = now() + interval '10 minutes' where event = 'DEAD_HEAD';
update notification set status = 'SENT', sent_at = now() where event = 'DEAD_HEAD';
insert into notification (id, incident_id, history_id, event, recipient_email, subject, body_text, body_html, status,
    attempts, next_attempt_at, created_at)
select nextval('notification_seq') + 200000000, :incident, :history, 'DEAD_HEAD', 'due' || n || '@dead-head.example',
    's', 't', '<p>h</p>', 'PENDING', 0, now() - interval '2 seconds', now()
from generate_series(1, 50) n;
begin;
set local enable_bitmapscan = off;
\echo from the head
explain (analyze, buffers, costs off) select id, next_attempt_at from notification where status = 'PENDING'
    and next_attempt_at >= '1970-01-01' and next_attempt_at <= now() order by next_attempt_at, id limit 50
    for update skip locked;
explain (analyze, buffers, costs off) select id, next_attempt_at from notification where status = 'PENDING'
    and next_attempt_at >= '1970-01-01' and next_attempt_at <= now() order by next_attempt_at, id limit 50
    for update skip locked;
\echo from a floor 12 s back
explain (analyze, buffers, costs off) select id, next_attempt_at from notification where status = 'PENDING'
    and next_attempt_at >= now() - interval '12 seconds' and next_attempt_at <= now() order by next_attempt_at, id
    limit 50 for update skip locked;
explain (analyze, buffers, costs off) select id, next_attempt_at from notification where status = 'PENDING'
    and next_attempt_at >= now() - interval '12 seconds' and next_attempt_at <= now() order by next_attempt_at, id
    limit 50 for update skip locked;
rollback;
delete from notification where event = 'DEAD_HEAD';
