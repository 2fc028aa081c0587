-- How long V27 holds the outbox while it rewrites it (the message from jsonb to text), for :rows outbox rows: a table
-- like notification, with its indexes and checks, its message jsonb as before V27, filled with sent emails whose
-- messages are the size the service writes (about 540 bytes), then checkpointed, then the same ALTER as V27, timed.
-- Run against a migrated database (bench/generate.sh's, or the one the service made):
--   psql -v rows=2000000 -f bench/sql/outbox-rewrite.sql postgresql://postgres@127.0.0.1:5432/incidents_bench
drop table if exists bench_outbox_rewrite;
create table bench_outbox_rewrite (like notification including all);
alter table bench_outbox_rewrite alter column message type jsonb using message::jsonb;
set synchronous_commit = off;
insert into bench_outbox_rewrite (id, incident_id, history_id, event, recipient_ods, recipient_email, subject, status,
        attempts, next_attempt_at, sent_at, created_at, recipient_contact, message, incident_raised_at)
select g, g / 3, g / 2, 'SLA_WARNING', 'R1374', 'incidents' || g % 50 || '@nhs.example',
       '[INC-2026-009755] [Severity 4] Resolution target at risk: Referral not acknowledged (' || g || ')', 'SENT', 1,
       now(), now(), now() - interval '1 day', 'INCIDENT',
       ('{"ask": "For your oversight of the supplier''s service levels.", "link": "http://localhost:8080/api/v1/'
        || 'incidents/' || g / 3 || '", "phase": "LIVE", "title": "Referral not acknowledged (' || g || ')", '
        || '"heading": "Resolution target at risk (INC-2026-009755)", "subject": "[INC-2026-009755] [Severity 4] '
        || 'Resolution target at risk: Referral not acknowledged (' || g || ')", "happened": "The Resolution clock '
        || 'has used 75% of its target.", "severity": 4, "reference": "INC-2026-009755", "deployment": "System 45 '
        || 'at R1374", "resolutionDue": "Tue 8 Dec 2026, 18:00 GMT (AT_RISK)"}')::jsonb,
       now() - interval '2 days'
from generate_series(1, :rows) g;
checkpoint;
select count(*) as indexes from pg_indexes where tablename = 'bench_outbox_rewrite';
\timing on
alter table bench_outbox_rewrite alter column message type text;
\timing off
drop table bench_outbox_rewrite;
