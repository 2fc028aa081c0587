-- The webhook claim takes, of each incident, only its first pending delivery, and finds whether a delivery is first
-- by one probe of the queue index: the subscription, the incident, the first sequence. Three other indexes begin
-- with the subscription (V16, V22), and on a table never analysed the planner estimates each at one row of it, so
-- the smallest wins: often the index of pending deliveries in sending order, which the claims' reads keep clear of
-- delivered rows while the queue index keeps them until vacuum. Through it, each look-up read every pending delivery
-- of the subscription (4,660 rows for one claim of 20 in a benchmark on a new database). The queue index is now
-- keyed by an expression of the subscription that the claim's look-up alone uses (subscription_id + 0), so no other
-- index can answer it, whatever the statistics say.
--
-- Concurrently, as in V21: deliveries go on being written while the index is built; a build cut short leaves its
-- index invalid, so one left by an earlier attempt is dropped first. An instance still running the previous release
-- until it is replaced finds whether a delivery is first through the subscription's other indexes: more rows read,
-- the same deliveries taken.
drop index concurrently if exists webhook_delivery_incident_queue_idx;

create index concurrently webhook_delivery_incident_queue_idx
    on webhook_delivery ((subscription_id + 0), incident_id, sequence) where status = 'PENDING';

drop index concurrently if exists webhook_delivery_queue_idx;
