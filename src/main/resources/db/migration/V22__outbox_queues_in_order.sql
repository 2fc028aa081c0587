-- The dispatchers claim the next due rows in the order they are sent (next attempt, then id). The email outbox's
-- index held only the next attempt, so a claim of 50 read and sorted every due row (18,219 of them after a burst
-- of raises: 108 ms a claim), and the webhook claim read every pending delivery of every subscription to find the
-- first of each (4,280: 30 ms): the larger the backlog, the slower each claim, just when the dispatchers most need
-- to catch up. Each queue is now indexed in its sending order, so a claim reads the rows it takes and stops.
--
-- Concurrently, as in V21: the outbox keeps taking rows while the indexes are built. A build cut short leaves its
-- index invalid, so one left by an earlier attempt is dropped first.
drop index concurrently if exists notification_pending_idx;

create index concurrently notification_pending_idx on notification (next_attempt_at, id) where status = 'PENDING';

drop index concurrently if exists notification_due_idx;

drop index concurrently if exists webhook_delivery_pending_idx;

create index concurrently webhook_delivery_pending_idx on webhook_delivery (subscription_id, next_attempt_at, id)
    where status = 'PENDING';

drop index concurrently if exists webhook_delivery_due_idx;
