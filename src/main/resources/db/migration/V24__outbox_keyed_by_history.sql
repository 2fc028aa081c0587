-- An email or webhook delivery about an incident is keyed to the history entry it reports and that entry's incident
-- together (V23 has the key): one check per row instead of two. The new keys hold for every row written from now
-- on, as the old ones did for every row before; V25 then checks the rows already there, in a transaction of its
-- own that lets writes go on.
--
-- Swapping keys changes the triggers of the tables on both sides, which locks each against all use until this
-- transaction commits (a few milliseconds). The locks are taken first, in the order every change takes those
-- tables, so that no raise in flight deadlocks with this; and a lock not had within 5 s (behind a long transaction)
-- fails the migration, to be run again at the next start, rather than hold every request queued behind it.
set local lock_timeout = '5s';

lock table incident, incident_history, notification, webhook_delivery in access exclusive mode;

alter table notification
    add constraint notification_history_entry_fkey foreign key (history_id, incident_id)
        references incident_history (id, incident_id) not valid,
    drop constraint notification_history_id_fkey,
    drop constraint notification_incident_id_fkey;

alter table webhook_delivery
    add constraint webhook_delivery_history_entry_fkey foreign key (history_id, incident_id)
        references incident_history (id, incident_id) not valid,
    drop constraint webhook_delivery_history_id_fkey,
    drop constraint webhook_delivery_incident_id_fkey;
