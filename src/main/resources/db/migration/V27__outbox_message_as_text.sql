-- The outbox's message is JSON that only this service writes (Jackson, from a Message) and reads back whole, when it
-- renders the email; nothing queries inside it. As jsonb, PostgreSQL parsed each one as it was written: about 20 µs
-- of the database's CPU a message, so about 40 ms of a sweep that records 1,000 thresholds (about 2,000 emails) and
-- 70 µs of a raise, and printed it back as text for the dispatcher. Kept as text, it is stored as written.
-- This rewrites the table, holding it against all use meanwhile (README, upgrading, V27). Instances of the release
-- before keep working beside the new ones: what they write as jsonb is cast to text as it is stored, and what they
-- read they cast to text already. A lock not had within 5 s (behind a long transaction) fails the migration, to be
-- run again at the next start, rather than hold every request queued behind it.
set local lock_timeout = '5s';

alter table notification alter column message type text;
