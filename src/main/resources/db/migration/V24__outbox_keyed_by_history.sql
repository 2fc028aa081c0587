-- An email or webhook delivery about an incident is keyed to the history entry it reports and that entry's incident
-- together (V23 has the key): one check per row instead of two. The new keys hold for every row written from now
-- on, as the old ones did for every row before; V25 then checks the rows already there, in a transaction of its
-- own that lets writes go on (this one's locks stop them, so it only swaps the keys).
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
