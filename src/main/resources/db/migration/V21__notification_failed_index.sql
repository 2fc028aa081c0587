-- The outbox's counts by status (the incidents_notifications metric) are read from what is still to do: the
-- pending notifications (notification_due_idx) and the failed ones, from a partial index of their own. The index of
-- every notification's status, which counted all of them whenever the metric was read (0.4-0.55 s for 5,000,000
-- rows, most of them sent, every 15 s on each instance), and which every insert and every send added an entry to, is
-- dropped. Emails sent are counted as they are recorded (incidents_notifications_sent_total).
--
-- Each statement runs concurrently, so writes to the outbox go on while the index is built: Flyway runs a script of
-- such statements outside a transaction (and holds its own lock for the session, not a transaction: MigrationLock).
-- A build cut short leaves its index invalid, so one left by an earlier attempt is dropped first.
drop index concurrently if exists notification_failed_idx;

create index concurrently notification_failed_idx on notification (id) where status = 'FAILED';

drop index concurrently if exists notification_status_idx;
